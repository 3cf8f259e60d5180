import type { EntityManager } from 'typeorm';
import type { JsonObject } from '../http/dto';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import { linkTarget, type BlockIndex } from './read-model';

/**
 * The one loader of the building blocks that activities link to, for the findings, the privacy
 * notice and the export: in ONE statement, whatever the kinds asked for, each kind read either
 * for the ids given (those the activities link to: `linkedIds`) or whole. Each entry comes as
 * its row — every column, named as the entity's properties (timestamps as text) — with its rank
 * in its building block's order (the order link lists show it in).
 */
export type BlockRequest = Partial<Record<BuildingBlockKey, Iterable<string> | 'all'>>;

export async function loadLinkedBlocks(manager: EntityManager, wanted: BlockRequest): Promise<Partial<BlockIndex>> {
  const kinds = Object.entries(wanted) as [BuildingBlockKey, Iterable<string> | 'all'][];
  if (kinds.length === 0) return {};
  const params: unknown[] = [];
  const columns = kinds.map(([kind, ids]) => {
    const metadata = manager.connection.getMetadata(buildingBlocks[kind].entity);
    const target = linkTarget(kind);
    const fields = metadata.columns.map((column) => `'${column.propertyName}', t.${column.databaseName}`).join(', ');
    const where = ids === 'all' ? '' : `WHERE t.id = ANY($${params.push([...new Set(ids)])}::uuid[])`;
    return `(SELECT COALESCE(json_agg(json_build_object(${fields}) ORDER BY ${target.order('t')}), '[]'::json)
       FROM ${target.table} t ${where}) AS "${kind}"`;
  });
  const [row] = (await manager.query(`SELECT ${columns.join(',\n  ')}`, params)) as Record<string, JsonObject[]>[];
  const index: Partial<BlockIndex> = {};
  for (const [kind] of kinds) {
    index[kind] = new Map((row?.[kind] ?? []).map((entry, rank) => [entry.id as string, { row: entry, rank }]));
  }
  return index;
}
