import { getMetadataArgsStorage } from 'typeorm';
import type { JsonObject } from '../http/dto';
import { dtoFields } from '../http/dto';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import type { ActivityView } from './view';
import {
  activityArrayInputs,
  activityDateInputs,
  activityLinks,
  activityScalarInputs,
  isFlat,
  partsOf,
  primaryRef,
  type ListPart,
  type RefPart,
} from './links';

/**
 * The processing activity as the API returns it, links resolved — generated from the link
 * catalogue (links.ts) in two forms that give the same activities:
 *
 * - `activityColumns`: correlated subqueries, PostgreSQL building each link list as JSON — for
 *   get, list (a page of ≤ 100) and the findings, the privacy notice and the import, which read a
 *   few activities or read them once;
 * - `compactActivityQuery` + `assembleActivity`: set-based, for the export, which reads every
 *   activity: each link table is aggregated once, grouped by activity, as ids and the link's own
 *   columns only; names and details come from the building blocks read once up front
 *   (`BlockIndex`), and lists are put in the same order by each building block's rank. At 10,000
 *   activities the correlated form runs ~250,000 subplans; this one scans each link table once.
 */

export const snake = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Where the building block a reference points at lives, and how lists order its entries. */
export interface LinkTarget {
  key: BuildingBlockKey;
  table: string;
  /** `lower(name), id`, or the natural key (legal bases: code). */
  order: (alias: string) => string;
}

const tableOf = (entity: unknown) => {
  const table = getMetadataArgsStorage().tables.find((args) => args.target === entity);
  if (!table?.name) throw new Error(`no table for ${String(entity)}`);
  return table.name;
};

export function linkTarget(key: BuildingBlockKey): LinkTarget {
  const definition = buildingBlocks[key];
  const naturalKey = 'naturalKey' in definition ? definition.naturalKey : undefined;
  return {
    key,
    table: tableOf(definition.entity),
    order: naturalKey ? (alias) => `${alias}.${snake(naturalKey)}` : (alias) => `lower(${alias}.name), ${alias}.id`,
  };
}

/**
 * How a generated query writes JSON: as PostgreSQL json values the driver parses (`jsonForm`), or
 * as the exact text `JSON.stringify` would write for them (`textForm`: compact, fields in order),
 * which the stored read model keeps and sends as it is.
 */
export interface JsonForm {
  /** An object of these fields, each an SQL value of this form, in order. */
  object(fields: [field: string, value: string][]): string;
  /** A column's (or expression's) value. */
  value(expression: string): string;
  null: string;
  /** The aggregate of `element` over the rows of `from`, in `order`, or an empty array. */
  array(element: string, order: string, from: string): string;
}

export const jsonForm: JsonForm = {
  object: (fields) => `json_build_object(${fields.map(([field, value]) => `'${field}', ${value}`).join(', ')})`,
  value: (expression) => expression,
  null: 'NULL',
  array: (element, order, from) => `COALESCE((SELECT json_agg(${element} ORDER BY ${order}) ${from}), '[]'::json)`,
};

export const textForm: JsonForm = {
  object: (fields) =>
    fields.length === 0
      ? `'{}'`
      : `('{' || ${fields.map(([field, value], i) => `'${i > 0 ? ',' : ''}${JSON.stringify(field)}:' || ${value}`).join(' || ')} || '}')`,
  value: (expression) => `COALESCE(to_json(${expression})::text, 'null')`,
  null: `'null'`,
  array: (element, order, from) => `COALESCE((SELECT '[' || string_agg(${element}, ',' ORDER BY ${order}) || ']' ${from}), '[]')`,
};

const refJson = (ref: RefPart, alias: string, form: JsonForm) =>
  form.object(dtoFields(ref.shape).map((field) => [field, form.value(`${alias}.${snake(field)}`)]));

/** The joins, element and order of one list's rows aliased `x` (references aliased `x_0`, `x_1`…). */
function listShape(list: ListPart, x: string, form: JsonForm, nested: (child: ListPart) => string) {
  const parts = partsOf(list);
  const aliases = new Map<RefPart, string>();
  const joins = parts
    .filter((part): part is RefPart => part.part === 'ref')
    .map((ref, i) => {
      const alias = `${x}_${i}`;
      aliases.set(ref, alias);
      const target = linkTarget(ref.target);
      return `${ref.optional ? 'LEFT JOIN' : 'JOIN'} ${target.table} ${alias} ON ${alias}.id = ${x}.${ref.column}`;
    })
    .join(' ');
  const refValue = (ref: RefPart) => {
    const alias = aliases.get(ref)!;
    return ref.optional
      ? `CASE WHEN ${alias}.id IS NULL THEN ${form.null} ELSE ${refJson(ref, alias, form)} END`
      : refJson(ref, alias, form);
  };
  const element = isFlat(list)
    ? list.columns?.length
      ? form.object([
          ...dtoFields(list.item.shape).map((field): [string, string] => [field, form.value(`${aliases.get(list.item)!}.${snake(field)}`)]),
          ...list.columns.map((column): [string, string] => [column.field, form.value(`${x}.${column.column}`)]),
        ])
      : refValue(list.item)
    : form.object(
        parts.map((part) => [
          part.field,
          part.part === 'ref' ? refValue(part) : part.part === 'column' ? form.value(`${x}.${part.column}`) : nested(part),
        ]),
      );
  const order = orderOf(list)
    .map((key) => {
      if (key === 'id') return `${x}.id`;
      if ('column' in key) return `${x}.${columnOf(list, key.column)}`;
      const ref = refNamed(list, key.ref);
      return linkTarget(ref.target).order(aliases.get(ref)!);
    })
    .join(', ');
  return { joins, element, order };
}

function orderOf(list: ListPart): NonNullable<ListPart['order']> {
  return list.order ?? [{ ref: primaryRef(list).field }];
}

function refNamed(list: ListPart, field: string): RefPart {
  const found = partsOf(list).find((part): part is RefPart => part.part === 'ref' && part.field === field);
  if (!found) throw new Error(`link list ${list.field} has no reference ${field}`);
  return found;
}

function columnOf(list: ListPart, field: string): string {
  const found = partsOf(list).find((part) => part.part === 'column' && part.field === field);
  if (!found || found.part !== 'column') throw new Error(`link list ${list.field} has no column ${field}`);
  return found.column;
}

/** The correlated form of one list: a scalar subquery for the owner row aliased `owner`. */
export function correlated(list: ListPart, owner: string, depth: number, form: JsonForm = jsonForm): string {
  const x = `l${depth}`;
  const { joins, element, order } = listShape(list, x, form, (child) => correlated(child, x, depth + 1, form));
  return form.array(element, order, `FROM ${list.table} ${x} ${joins} WHERE ${x}.${list.owner} = ${owner}.id`);
}

/**
 * The set-based text form of one list, for the owners among the activities `scope` selects: the
 * link table aggregated once, grouped by owner — each row's element with its references joined,
 * nested lists joined the same way — instead of a subquery per owner row. `join(owner)` joins it
 * to the owner rows, `value` is the list's JSON text there.
 */
export function grouped(list: ListPart, depth: number, scope: string): { join: (owner: string) => string; value: string } {
  const x = `g${depth}_${list.field}`;
  const children = new Map<ListPart, { join: (owner: string) => string; value: string }>();
  for (const part of partsOf(list)) if (part.part === 'list') children.set(part, grouped(part, depth + 1, scope));
  const { joins, element, order } = listShape(list, x, textForm, (child) => children.get(child)!.value);
  const table = `t${depth}_${list.field}`;
  return {
    join: (owner) => `LEFT JOIN (SELECT ${x}.${list.owner} AS k, '[' || string_agg(${element}, ',' ORDER BY ${order}) || ']' AS v
       FROM ${list.table} ${x} ${joins}
       ${[...children.values()].map((child) => child.join(`${x}.id`)).join('\n')}
       WHERE ${x}.activity_id IN (${scope})
       GROUP BY ${x}.${list.owner}) ${table} ON ${table}.k = ${owner}`,
    value: `COALESCE(${table}.v, '[]')`,
  };
}

/** A timestamp as `Date#toJSON` writes it (UTC, milliseconds). */
export const isoTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The review fields (src/reviews) of activity rows aliased `a`, in a form: kept by the review
 * routes, never by the activity's own writes. `approval` is the latest approval, or null.
 */
export function reviewFields(form: JsonForm): [field: string, value: string][] {
  const approval = form.object([
    ['version', form.value('p.activity_version')],
    ['approvedBy', form.value('p.approved_by')],
    ['approvedAt', form.value(isoTimestamp('p.approved_at'))],
    ['comment', form.value('p.comment')],
    ['reviewDueOn', form.value(`to_char(p.review_due_on, 'YYYY-MM-DD')`)],
  ]);
  return [
    ['reviewState', form.value('a.review_state')],
    ['submittedAt', form.value(isoTimestamp('a.submitted_at'))],
    ['submittedBy', form.value('a.submitted_by')],
    ['reviewComment', form.value('a.review_comment')],
    [
      'approval',
      `COALESCE((SELECT ${approval} FROM activity_approvals p WHERE p.activity_id = a.id ORDER BY p.sequence DESC LIMIT 1), ${form.null})`,
    ],
  ];
}

/** The activity's own columns, for activity rows aliased `a`. */
export const scalarColumns = [
  'a.id',
  ...activityScalarInputs.map((field) => {
    const column = `a.${snake(field)}`;
    if (activityDateInputs.has(field)) return `to_char(${column}, 'YYYY-MM-DD') AS "${field}"`;
    if (activityArrayInputs.has(field)) return `to_json(${column}) AS "${field}"`;
    return field === snake(field) ? column : `${column} AS "${field}"`;
  }),
  'a.created_at AS "createdAt"',
  'a.updated_at AS "updatedAt"',
  'a.version',
  ...reviewFields(jsonForm).map(([field, value]) => `${value} AS "${field}"`),
].join(', ');

const quoted = (name: string) => (/^[a-z]+$/.test(name) ? name : `"${name}"`);

/** The read model's columns for activity rows aliased `a` (correlated form). */
export const activityColumns = `${scalarColumns},
  ${activityLinks.map((list) => `${correlated(list, 'a', 0)} AS ${quoted(list.field)}`).join(',\n  ')}`;

// ---- the set-based, compact form (the export) ----------------------------------------------------

/** A compact list item: a flat list's id, or an object's parts in order (references as ids), then its row id where the order uses it. */
type CompactItem = string | unknown[];

/** An activity row of the compact query: its own columns, and per list `l_<field>` (unordered, or null for none). */
export type CompactRow = Omit<ActivityView, (typeof activityLinks)[number]['field'] | 'rights'> & Record<string, unknown>;

const compactColumn = (list: ListPart) => `"l_${list.field}"`;

function compact(list: ListPart, depth: number, scope: string): { join: (owner: string) => string; value: string } {
  const x = `c${depth}_${list.field}`;
  const parts = partsOf(list);
  const children = new Map<ListPart, { join: (owner: string) => string; value: string }>();
  for (const part of parts) if (part.part === 'list') children.set(part, compact(part, depth + 1, scope));
  const values = isFlat(list)
    ? list.columns?.length
      ? `json_build_array(${[list.item.column, ...list.columns.map((column) => column.column)].map((column) => `${x}.${column}`).join(', ')})`
      : `${x}.${list.item.column}`
    : `json_build_array(${[
        ...parts.map((part) => (part.part === 'list' ? children.get(part)!.value : `${x}.${part.column}`)),
        ...(orderOf(list).includes('id') ? [`${x}.id`] : []),
      ].join(', ')})`;
  const table = `g${depth}_${list.field}`;
  return {
    join: (owner) => `LEFT JOIN (SELECT ${x}.${list.owner} AS k, json_agg(${values}) AS v
       FROM ${list.table} ${x}
       ${[...children.values()].map((child) => child.join(`${x}.id`)).join('\n')}
       WHERE ${x}.activity_id IN (${scope})
       GROUP BY ${x}.${list.owner}) ${table} ON ${table}.k = ${owner}`,
    value: `${table}.v`,
  };
}

/**
 * The compact activity query: `from` yields the activity rows as `a` (it may join more, for
 * grouping columns), `where` their condition, `scope` a query of their ids (it may use the same
 * parameters), `extra` more output columns placed first, `orderBy` the order of the result.
 */
export function compactActivityQuery(options: { from: string; where: string; scope: string; extra?: string; orderBy: string }): string {
  const lists = activityLinks.map((list) => ({ list, ...compact(list, 0, options.scope) }));
  return `SELECT ${options.extra ? `${options.extra},` : ''} ${scalarColumns},
    ${lists.map(({ list, value }) => `${value} AS ${compactColumn(list)}`).join(',\n    ')}
    FROM ${options.from}
    ${lists.map(({ join }) => join('a.id')).join('\n    ')}
    WHERE ${options.where}
    ORDER BY ${options.orderBy}`;
}

/** The building blocks a compact row's ids are resolved with: each entry by id, and its rank in its block's order. */
export type BlockIndex = Record<BuildingBlockKey, ReadonlyMap<string, { row: JsonObject; rank: number }>>;

/** A compact row as the read model's row: references resolved and listed in the read model's order (rights still to derive). */
export function assembleActivity(row: CompactRow, blocks: BlockIndex): ActivityView {
  const scalars: JsonObject = {};
  for (const [key, value] of Object.entries(row)) if (!key.startsWith('l_')) scalars[key] = value;
  const lists: JsonObject = {};
  for (const list of activityLinks) lists[list.field] = assembleList(list, row[`l_${list.field}`] as CompactItem[] | null, blocks);
  return { ...scalars, ...lists, rights: [] } as unknown as ActivityView;
}

function assembleList(list: ListPart, items: CompactItem[] | null, blocks: BlockIndex): unknown[] {
  if (!items) return [];
  const entry = (ref: RefPart, id: string) => {
    const found = blocks[ref.target].get(id);
    if (!found) throw new Error(`${ref.target} ${id} is linked but was not read`);
    return found;
  };
  const resolve = (ref: RefPart, id: string | null) => {
    if (id === null) return null;
    const { row } = entry(ref, id);
    return Object.fromEntries(dtoFields(ref.shape).map((field) => [field, row[field] ?? null]));
  };
  if (isFlat(list)) {
    const columns = list.columns ?? [];
    const rows = items.map((value) => (typeof value === 'string' ? [value] : (value as unknown[])));
    return rows
      .map((values) => ({ values, rank: entry(list.item, values[0] as string).rank }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ values }) => ({
        ...resolve(list.item, values[0] as string),
        ...Object.fromEntries(columns.map((column, i) => [column.field, values[i + 1] ?? null])),
      }));
  }
  const parts = partsOf(list);
  const index = (field: string) => parts.findIndex((part) => part.field === field);
  const rowIdAt = parts.length;
  const keys = orderOf(list).map((key): ((values: unknown[]) => number | string) => {
    if (key === 'id') return (values) => String(values[rowIdAt]);
    if ('column' in key) return (values) => String(values[index(key.column)] ?? '');
    const at = index(key.ref);
    const ref = parts[at] as RefPart;
    return (values) => (values[at] === null ? -1 : entry(ref, values[at] as string).rank);
  });
  const compare = (a: unknown[], b: unknown[]) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return (items as unknown[][]).sort(compare).map((values) =>
    Object.fromEntries(
      parts.map((part, i) => {
        const value = values[i] ?? null;
        if (part.part === 'ref') return [part.field, resolve(part, value as string | null)];
        if (part.part === 'column') return [part.field, value];
        return [part.field, assembleList(part, value as CompactItem[] | null, blocks)];
      }),
    ),
  );
}
