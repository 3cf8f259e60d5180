import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { RegisterEntity } from '../../entities/register-entity';
import { linkedToActivitySql } from '../db/links';
import { namedQuery } from '../db/named-query';
import type { ListInput, Page } from './crud-service';
import type { FilterSpec, ResourceDefinition } from './resource-definition';

/** `-name` → ['name', 'DESC']. */
export function parseSort(sort: string): [string, 'ASC' | 'DESC'] {
  return sort.startsWith('-') ? [sort.slice(1), 'DESC'] : [sort, 'ASC'];
}

/** Makes user text safe inside LIKE: %, _ and \\ match themselves. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * Reads a building block's entries with plain SQL generated once from its resource definition
 * and the entity's metadata — the hot path of GET one and list, without TypeORM's query building
 * and hydration. The rows come out as the hydrated entities did, field for field and in the same
 * order (so their ETags are unchanged): every selected column under its property name, dates as
 * YYYY-MM-DD, arrays whatever the driver, and each expanded relation as `{ id, name }` or null.
 */
export class PlainReader<E extends RegisterEntity> {
  private readonly select: string;
  private readonly from: string;
  private readonly columnOf: (property: string) => string;
  private readonly linkedToActivity: string;
  private readonly oneStatement: string;

  constructor(
    dataSource: DataSource,
    definition: ResourceDefinition<E>,
    private readonly filters: Record<string, FilterSpec>,
  ) {
    const metadata = dataSource.getMetadata(definition.entity);
    this.columnOf = (property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.tableName} has no column for ${property}`);
      return `r.${column.databaseName}`;
    };
    // As TypeORM hydrates an entity: its columns in metadata order, then the joined relations.
    const ordered = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    const values = ordered.map((column) => {
      const name = `r.${column.databaseName}`;
      const value = column.isArray ? `to_json(${name})` : column.type === 'date' ? `to_char(${name}, 'YYYY-MM-DD')` : name;
      return `${value} AS "${column.propertyName}"`;
    });
    const joins = (definition.expand ?? []).map((property, i) => {
      const relation = metadata.findRelationWithPropertyPath(property);
      if (!relation?.joinColumns[0]) throw new Error(`${metadata.tableName} has no many-to-one ${property}`);
      const alias = `e${i}`;
      values.push(
        `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name) END AS "${property}"`,
      );
      return `LEFT JOIN ${relation.inverseEntityMetadata.tableName} ${alias} ON ${alias}.id = r.${relation.joinColumns[0].databaseName}`;
    });
    this.select = values.join(', ');
    this.from = `${metadata.tableName} r ${joins.join(' ')}`;
    // A statement's name must always carry the same text: the text's hash is in it.
    this.oneStatement = `${metadata.tableName}-one-${createHash('sha256')
      .update(this.select + this.from)
      .digest('hex')
      .slice(0, 12)}`;
    this.linkedToActivity = linkedToActivitySql(dataSource, definition.entity, 'r', '$__');
  }

  async one(manager: EntityManager, id: string): Promise<E | undefined> {
    // Named: the statement is parsed and planned once per connection, not on every GET.
    const [row] = await namedQuery(manager, this.oneStatement, `SELECT ${this.select} FROM ${this.from} WHERE r.id = $1`, [id]);
    return row as E | undefined;
  }

  async all(manager: EntityManager): Promise<E[]> {
    return (await manager.query(`SELECT ${this.select} FROM ${this.from}`)) as E[];
  }

  /** One page, filtered and sorted in SQL; the total comes with the rows (a second statement only for a page past the end). */
  async list(manager: EntityManager, input: ListInput): Promise<Page<E>> {
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (input.q) where.push(`r.name ILIKE ${param(likePattern(input.q))} ESCAPE '\\'`);
    for (const [name, spec] of Object.entries(this.filters)) {
      const value = input[name];
      if (value === undefined) continue;
      if (spec.kind === 'equals') where.push(`${this.columnOf(spec.column)} = ${param(value)}`);
      else if (spec.kind === 'array-contains') where.push(`${param(value)} = ANY(${this.columnOf(spec.column)})`);
      else if (spec.kind === 'since') where.push(`${value ? '' : 'NOT '}coalesce(${this.columnOf(spec.column)} <= now(), false)`);
      else {
        const placeholder = param(value);
        where.push(this.linkedToActivity.replaceAll('$__', () => placeholder));
      }
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [field, direction] = parseSort(input.sort ?? 'name');
    const order = `${field === 'name' ? 'lower(r.name)' : this.columnOf(field)} ${direction}, r.id ASC`;
    const countParams = [...params];
    const rows = (await manager.query(
      `SELECT ${this.select}, count(*) OVER ()::int AS "__total" FROM ${this.from} ${whereSql}
       ORDER BY ${order} LIMIT ${param(limit)} OFFSET ${param(offset)}`,
      params,
    )) as Record<string, unknown>[];
    const total =
      rows.length > 0
        ? (rows[0]!.__total as number)
        : offset === 0
          ? 0
          : ((await manager.query(`SELECT count(*)::int AS total FROM ${this.from} ${whereSql}`, countParams)) as { total: number }[])[0]!
              .total;
    const items = rows.map((row) => {
      delete row.__total;
      return row as unknown as E;
    });
    return { items, total, limit, offset };
  }
}
