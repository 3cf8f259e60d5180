import { derivedRightsSql } from '../gdpr/rights';
import type { BuildingBlockKey } from '../resources';
import {
  activityArrayInputs,
  activityDateInputs,
  activityLinks,
  activityScalarInputs,
  linkColumnsTo,
  partsOf,
  primaryRef,
  type ListPart,
} from './links';
import { correlated, grouped, isoTimestamp, linkTarget, reviewFields, snake, textForm } from './read-model';

/**
 * The stored read model: every processing activity's representation — links resolved, rights
 * derived — as the JSON text the API sends, with its ETag, in `activity_documents`. GET and list
 * send these bytes as they are. The text is generated in SQL from the link catalogue (links.ts)
 * in the read model's text form, so it is exactly `JSON.stringify` of the view the correlated
 * form gives (id, own fields, timestamps, version, links, rights), and its ETag is the one
 * `etagOf` gives that view. Every write that changes a document refreshes it in the same
 * transaction, with one statement however many activities it touches (`refreshDocuments`).
 */
export const documentsTable = 'activity_documents';

/**
 * Runs one statement: an EntityManager's, a query runner's, or a bare driver's query. `name`, when
 * given, names the statement for a driver that can prepare it once per connection and reuse its
 * plan (node-postgres' `{ name, text, values }`; see db/named-query.ts); a query may ignore it.
 */
export type Query = (sql: string, params?: unknown[], name?: string) => Promise<Record<string, unknown>[]>;

const list = (field: string, lists: ListPart[]): ListPart => {
  const found = lists.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`the link catalogue has no list ${field}, which the rights are derived from`);
  return found;
};

/**
 * The activity's purposes as the rights derivation reads them, in the order the activity lists
 * them: each one's name and every basis code it rests on (its own and the activity's).
 */
function purposesWithCodes(): string {
  const purposes = list('purposes', activityLinks);
  const purposeBases = list(
    'legalBases',
    partsOf(purposes).filter((part): part is ListPart => part.part === 'list'),
  );
  const activityBases = list('legalBases', activityLinks);
  const purpose = primaryRef(purposes);
  const target = linkTarget(purpose.target);
  const codes = (bases: ListPart, owner: string) => {
    const basis = primaryRef(bases);
    return `SELECT b.code FROM ${bases.table} y JOIN ${linkTarget(basis.target).table} b ON b.id = y.${basis.column} WHERE y.${bases.owner} = ${owner}`;
  };
  return `SELECT t.name, row_number() OVER (ORDER BY ${target.order('t')}) AS ord,
      ARRAY(${codes(purposeBases, 'x.id')} UNION ALL ${codes(activityBases, 'a.id')})::text[] AS codes
    FROM ${purposes.table} x JOIN ${target.table} t ON t.id = x.${purpose.column} WHERE x.${purposes.owner} = a.id`;
}

/**
 * The documents of the activities `where` selects (rows aliased `a`; `where` may use parameters) as
 * rows (id, body), the lists in one of the read model's two shapes: `grouped` (set-based: each link
 * table read once for all of them, grouped by owner — rewriting the thousand documents of a renamed
 * building block costs about what a list page per fifty of them would, not a subquery per link kind
 * per activity) or `correlated` (a subquery per list: cheaper to plan, ~6–13 ms against ~10–25 ms
 * on PostgreSQL, for the one activity an activity's own write refreshes).
 */
export function documentsQuery(where: string, shape: 'grouped' | 'correlated' = 'grouped'): string {
  const scope = `SELECT a.id FROM processing_activities a WHERE ${where}`;
  const lists = activityLinks.map((links) => ({
    links,
    ...(shape === 'grouped' ? grouped(links, 0, scope) : { join: () => '', value: correlated(links, 'a', 0, textForm) }),
  }));
  const body = textForm.object([
    ['id', textForm.value('a.id')],
    ...activityScalarInputs.map((field): [string, string] => {
      const column = `a.${snake(field)}`;
      if (activityDateInputs.has(field)) return [field, textForm.value(`to_char(${column}, 'YYYY-MM-DD')`)];
      if (activityArrayInputs.has(field)) return [field, textForm.value(column)];
      return [field, textForm.value(column)];
    }),
    ['createdAt', textForm.value(isoTimestamp('a.created_at'))],
    ['updatedAt', textForm.value(isoTimestamp('a.updated_at'))],
    ['version', textForm.value('a.version')],
    ...reviewFields(textForm),
    ...lists.map(({ links, value }): [string, string] => [links.field, value]),
    ['rights', derivedRightsSql(purposesWithCodes(), 'a.automated_decisions')],
  ]);
  return `SELECT a.id, ${body} AS body FROM processing_activities a
    ${lists.map(({ join }) => join('a.id')).join('\n    ')}
    WHERE ${where}`;
}

/** The strong ETag of a document: `etagOf`'s (SHA-256, base64url, 32 characters) over its text. */
export const etagSql = (body: string) =>
  `'"' || left(rtrim(translate(encode(sha256(convert_to(${body}, 'UTF8')), 'base64'), '+/', '-_'), '='), 32) || '"'`;

/**
 * One statement writing the documents of the activities `where` selects (rows aliased `a`): the
 * rebuilt text and ETag, inserted or replaced, leaving rows that already hold them untouched.
 */
export const refreshSql = (
  where: string,
  shape: 'grouped' | 'correlated' = 'grouped',
) => `INSERT INTO ${documentsTable} (activity_id, body, etag)
  SELECT d.id, d.body, ${etagSql('d.body')} FROM (${documentsQuery(where, shape)}) d
  ON CONFLICT (activity_id) DO UPDATE SET body = EXCLUDED.body, etag = EXCLUDED.etag
  WHERE ${documentsTable}.body IS DISTINCT FROM EXCLUDED.body OR ${documentsTable}.etag IS DISTINCT FROM EXCLUDED.etag`;

/**
 * Off for the rest of the transaction: PostgreSQL's JIT compiles the document query's hundreds of
 * expressions with full optimisation once its cost estimate passes the threshold, which it does for
 * a single activity — 12.3 s of compilation for a query that runs in 16 ms (EXPLAIN ANALYZE on the
 * Woktron register). PGlite has no JIT; the setting exists there too.
 */
const withoutJit = "SELECT set_config('jit', 'off', true)";

/**
 * The same, and the named statement's generic plan from its first execution: PostgreSQL plans a
 * prepared statement anew on each of its first five executions (custom plans) before it tries the
 * generic one, and with a pool of connections most connections never get there — planning took
 * 2.7 ms of the ~5.4 ms the refresh of one created activity spent in PostgreSQL
 * (log_min_duration_statement, bench create). For `a.id = $1` the generic plan is the custom one.
 * The setting is put back right after, so the rest of the transaction plans as it did.
 */
const withoutJitGeneric =
  "SELECT set_config('jit', 'off', true), current_setting('plan_cache_mode') AS mode, set_config('plan_cache_mode', 'force_generic_plan', true)";

/**
 * Writes the documents of the activities `where` selects: the refresh statement, JIT off first.
 * `query` must run on the transaction's connection (an EntityManager's or a session's query).
 */
export async function refreshDocuments(
  query: Query,
  where: string,
  params: unknown[] = [],
  shape: 'grouped' | 'correlated' = 'grouped',
  name?: string,
): Promise<void> {
  if (!name) {
    await query(withoutJit);
    await query(refreshSql(where, shape), params);
    return;
  }
  const [setting] = await query(withoutJitGeneric);
  await query(refreshSql(where, shape), params, name);
  await query("SELECT set_config('plan_cache_mode', $1, true)", [setting?.mode ?? 'auto']);
}

/**
 * After a write of the activity itself. Always the same text, so it is a named statement: planning
 * it cost more than running it (EXPLAIN ANALYZE, 1,000 activities on PostgreSQL: 3.3–9.4 ms
 * planning, 1.4–4 ms execution); prepared once per connection, PostgreSQL switches to a cached
 * generic plan after five executions (0.03 ms planning), and the refresh's transaction in the
 * service took 2.5 ms instead of 6.5–11 ms.
 */
export async function refreshActivityDocument(query: Query, activityId: string): Promise<void> {
  await refreshDocuments(query, 'a.id = $1', [activityId], 'correlated', 'refresh_activity_document');
}

/** The activities linking building block `target` $1, through any link table of the catalogue. */
function linkingCondition(target: BuildingBlockKey): string | undefined {
  const columns = linkColumnsTo(target);
  if (columns.length === 0) return undefined;
  return `a.id IN (${columns.map(({ table, column }) => `SELECT activity_id FROM ${table} WHERE ${column} = $1`).join(' UNION ')})`;
}

/**
 * After a write of a building block: one set-based statement rewrites the document of every
 * activity linking it (a rename shows in each of them, and in their ETags).
 */
export async function refreshDocumentsLinking(query: Query, target: BuildingBlockKey, id: string): Promise<void> {
  const condition = linkingCondition(target);
  if (condition) await refreshDocuments(query, condition, [id]);
}

export interface DocumentCheck {
  /** Activities checked. */
  checked: number;
  /** Activities whose stored document (or its ETag) differs from the one rebuilt from the tables. */
  differing: string[];
  /** Activities with no stored document. */
  missing: string[];
  /** Whether those were rewritten. */
  repaired: boolean;
}

/**
 * The consistency check: rebuilds every activity's document from the tables and compares it
 * with the stored one, in one statement; with `repair`, rewrites the ones that differ or are
 * missing (one more). Documents of deleted activities cannot exist (the foreign key cascades).
 * `query` must run in a transaction (an EntityManager's), as for `refreshDocuments`.
 */
export async function verifyDocuments(query: Query, options: { repair?: boolean } = {}): Promise<DocumentCheck> {
  await query(withoutJit);
  const rows = (await query(
    `SELECT a.id, d.activity_id IS NULL AS missing,
       (d.activity_id IS NOT NULL AND (d.body IS DISTINCT FROM x.body OR d.etag IS DISTINCT FROM ${etagSql('x.body')})) AS differs
     FROM processing_activities a
     LEFT JOIN ${documentsTable} d ON d.activity_id = a.id
     JOIN (${documentsQuery('TRUE')}) x ON x.id = a.id
     ORDER BY a.id`,
  )) as { id: string; missing: boolean; differs: boolean }[];
  const differing = rows.filter((row) => row.differs).map((row) => row.id);
  const missing = rows.filter((row) => row.missing).map((row) => row.id);
  const repair = Boolean(options.repair) && differing.length + missing.length > 0;
  if (repair) await refreshDocuments(query, 'a.id = ANY($1::uuid[])', [[...differing, ...missing]]);
  return { checked: rows.length, differing, missing, repaired: repair };
}
