import { getMetadataArgsStorage } from 'typeorm';
import type { ClassType, JsonObject } from '../http/dto';
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

/** Runs one statement: an EntityManager's, a query runner's, or a bare driver's query. */
export type Query = (sql: string, params: unknown[]) => Promise<JsonObject[]>;

const snake = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * An entity's columns (property → column), read from the decorators, so the loader needs no
 * DataSource; the names follow the naming strategy (snake_case).
 */
function entityColumns(entity: ClassType): [property: string, column: string][] {
  const chain: unknown[] = [];
  for (let cls: unknown = entity; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls))
    chain.push(cls);
  const columns = getMetadataArgsStorage().columns.filter((column) => chain.includes(column.target));
  return columns.map((column) => [column.propertyName, column.options.name ?? snake(column.propertyName)]);
}

export async function loadLinkedBlocks(query: Query, wanted: BlockRequest): Promise<Partial<BlockIndex>> {
  const kinds = Object.entries(wanted) as [BuildingBlockKey, Iterable<string> | 'all'][];
  if (kinds.length === 0) return {};
  const params: unknown[] = [];
  const columns = kinds.map(([kind, ids]) => {
    const target = linkTarget(kind);
    const fields = entityColumns(buildingBlocks[kind].entity)
      .map(([property, column]) => `'${property}', t.${column}`)
      .join(', ');
    const where = ids === 'all' ? '' : `WHERE t.id = ANY($${params.push([...new Set(ids)])}::uuid[])`;
    return `(SELECT COALESCE(json_agg(json_build_object(${fields}) ORDER BY ${target.order('t')}), '[]'::json)
       FROM ${target.table} t ${where}) AS "${kind}"`;
  });
  const [row] = (await query(`SELECT ${columns.join(',\n  ')}`, params)) as Record<string, JsonObject[]>[];
  const index: Partial<BlockIndex> = {};
  for (const [kind] of kinds) {
    index[kind] = new Map((row?.[kind] ?? []).map((entry, rank) => [entry.id as string, { row: entry, rank }]));
  }
  return index;
}
