import type { ClassType } from '../http/dto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { ProcessingActivity } from '../../entities/processing-activity';
import type { Referrer } from '../errors';

/** One place where rows of some table point at an entity: table.column → entity.id. */
interface Reference {
  table: string;
  column: string;
  /** Link tables belong to a processing activity (they all carry activity_id). */
  viaActivity: boolean;
}

/** URL segment of a building-block table: data_categories → data-categories. */
export const resourceOfTable = (table: string) => table.replace(/_/g, '-');

/**
 * Every foreign key pointing at `target`, read from the entity metadata, so a new link table is
 * covered without anyone remembering to list it here.
 */
export function referencesTo(dataSource: DataSource, target: ClassType): Reference[] {
  const references: Reference[] = [];
  for (const meta of dataSource.entityMetadatas) {
    for (const relation of meta.manyToOneRelations) {
      if (relation.inverseEntityMetadata.target !== target) continue;
      references.push({
        table: meta.tableName,
        column: relation.joinColumns[0]!.databaseName,
        viaActivity: isActivityLink(meta),
      });
    }
  }
  return references;
}

function isActivityLink(meta: EntityMetadata) {
  return meta.target !== ProcessingActivity && meta.columns.some((column) => column.databaseName === 'activity_id');
}

/** What still links to the entry: the activities using it, and other entries referring to it. */
export async function findReferrers(manager: EntityManager, target: ClassType, id: string): Promise<Referrer[]> {
  const found = new Map<string, Referrer>();
  for (const reference of referencesTo(manager.connection, target)) {
    const rows: { id: string; name: string }[] = reference.viaActivity
      ? await manager.query(
          `SELECT DISTINCT a.id, a.name FROM "${reference.table}" l JOIN processing_activities a ON a.id = l.activity_id WHERE l."${reference.column}" = $1`,
          [id],
        )
      : await manager.query(`SELECT id, name FROM "${reference.table}" WHERE "${reference.column}" = $1`, [id]);
    const resource = reference.viaActivity ? 'processing-activities' : resourceOfTable(reference.table);
    for (const row of rows) found.set(`${resource}/${row.id}`, { resource, id: row.id, name: row.name });
  }
  return [...found.values()].sort((a, b) => a.resource.localeCompare(b.resource) || a.name.localeCompare(b.name));
}

/** SQL condition "alias.id is linked from activity $param", across every link table. */
export function linkedToActivitySql(dataSource: DataSource, target: ClassType, alias: string, param: string): string {
  const conditions = referencesTo(dataSource, target)
    .filter((reference) => reference.viaActivity)
    .map(
      (reference) =>
        `EXISTS (SELECT 1 FROM "${reference.table}" l WHERE l."${reference.column}" = ${alias}.id AND l.activity_id = ${param})`,
    );
  return conditions.length > 0 ? `(${conditions.join(' OR ')})` : 'FALSE';
}
