import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ProcessingActivity } from '../../entities/processing-activity';
import type { Actor } from '../audit/recorder';
import { createEntry, describeWriteError, removeEntry, updateEntry, type EntryStore } from '../crud/audited-writes';
import { ownerForCreate } from '../crud/unit-scope';
import { likePattern, parseSort } from '../crud/crud-service';
import { inTransaction } from '../db/transactions';
import { namedQuery } from '../db/named-query';
import { constraintField, isForeignKeyViolation, pgError } from '../db/pg-errors';
import { type FieldError, notFound, unknownReference, validationFailed } from '../errors';
import type { JsonObject } from '../http/dto';
import { buildingBlocks } from '../resources';
import { linksAsInput } from './link-walk';
import {
  activityLinks,
  activityScalarInputs,
  flatItem,
  hasRowId,
  unstatedValue,
  isFlat,
  linkFilters,
  partsOf,
  primaryRef,
  type ColumnPart,
  type ListPart,
  type RefPart,
} from './links';
import { documentsTable, refreshActivityDocument, type Query } from './documents';
import type { DocumentBytes } from './document-bytes';
import { linkTarget } from './read-model';
import type { ActivityInput, ActivityView } from './view';

export type { ActivityInput, ActivityView } from './view';

/** An activity's stored document: the JSON text the API sends, and its ETag. */
export interface StoredDocument {
  body: string;
  etag: string;
}

/** A page of stored documents as the UTF-8 bytes of the page: `{"items":[…],"total":…,"limit":…,"offset":…}`. */
export type DocumentPage = Buffer;

const pageStart = Buffer.from('{"items":[');
const comma = Buffer.from(',');

export interface ActivityListInput {
  limit?: number;
  offset?: number;
  sort?: string;
  q?: string;
  status?: string;
  role?: string;
  owner?: string;
  ownerUnitId?: string;
  dpiaRequired?: boolean;
  reviewDueBefore?: string;
  [linkFilter: string]: unknown;
}

const sortColumns: Record<string, string> = {
  name: 'lower(a.name)',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  reviewDueAt: 'a.review_due_at',
};

/** The linked-to filters of the list, from the catalogue. */
const filters = linkFilters();

/** One reference a request makes: where it is (JSON Pointer into the body), what it points at, and its list item. */
interface InputRef {
  path: string;
  part: RefPart;
  id: string;
  list: ListPart;
  /** The top-level list the id must also be among, if any. */
  within?: { list: string; message: string };
}

/** Every reference of a request body, in catalogue order; `within`-constrained ids carry their list. */
function inputRefs(input: ActivityInput): InputRef[] {
  const out: InputRef[] = [];
  const visit = (list: ListPart, items: unknown[] | null | undefined, at: string) => {
    (items ?? []).forEach((item, i) => {
      const here = `${at}/${list.input}/${i}`;
      if (isFlat(list)) {
        const detailed = typeof item === 'object' && item !== null;
        out.push({ path: detailed ? `${here}/id` : here, part: list.item, id: flatItem(list, item, 'id').ref, list, within: list.within });
        return;
      }
      const object = item as JsonObject;
      for (const part of partsOf(list)) {
        if (part.part === 'ref' && object[part.input]) {
          out.push({ path: `${here}/${part.input}`, part, id: object[part.input], list, within: part.within });
        }
        if (part.part === 'list') visit(part, object[part.input], here);
      }
    });
  };
  for (const list of activityLinks) visit(list, (input as JsonObject)[list.input], '');
  return out;
}

/** The rows a request's links become, table by table, parents before their nested lists. */
function linkRows(activityId: string, input: ActivityInput): Map<string, { columns: string[]; rows: unknown[][] }> {
  const tables = new Map<string, { columns: string[]; rows: unknown[][] }>();
  const add = (list: ListPart, ownerId: string, items: unknown[] | null | undefined) => {
    const parts = partsOf(list).filter((part): part is RefPart | ColumnPart => part.part !== 'list');
    const columns = [
      ...(hasRowId(list) ? ['id'] : []),
      list.owner,
      ...(list.owner === 'activity_id' ? [] : ['activity_id']),
      ...parts.map((part) => part.column),
    ];
    const table = tables.get(list.table) ?? { columns, rows: [] };
    tables.set(list.table, table);
    for (const item of items ?? []) {
      const flat = isFlat(list) ? flatItem(list, item, 'id') : undefined;
      const object = (flat ? {} : item) as JsonObject;
      const id = hasRowId(list) ? randomUUID() : undefined;
      table.rows.push([
        ...(id ? [id] : []),
        ownerId,
        ...(list.owner === 'activity_id' ? [] : [activityId]),
        ...parts.map((part) =>
          flat
            ? part.part === 'ref'
              ? flat.ref
              : flat.columns[part.field]
            : part.part === 'ref'
              ? (object[part.input] ?? null)
              : (object[part.field] ?? unstatedValue(part, object)),
        ),
      ]);
      for (const nested of partsOf(list)) if (nested.part === 'list') add(nested, id!, object[nested.input]);
    }
  };
  for (const list of activityLinks) add(list, activityId, (input as JsonObject)[list.input]);
  return tables;
}

/**
 * Processing activities and all their links. A write replaces the activity and its links in
 * one transaction, after checking every referenced id and the consistency between links.
 */
export class ProcessingActivityService {
  private readonly store: EntryStore<ActivityView, true> = {
    resource: 'processing-activities',
    singular: 'processing activity',
    read: (manager, id) => this.read(manager, id),
    lock: async (manager, id) =>
      (await manager.query('SELECT id FROM processing_activities WHERE id = $1 FOR UPDATE', [id])).length > 0 ? true : undefined,
    etag: (view) => this.etag(view),
  };

  /** The stored ETag of each view this service read (the view is its document, parsed). */
  private readonly etags = new WeakMap<ActivityView, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly documentBytes: DocumentBytes,
  ) {}

  /**
   * One page of stored documents, filtered, sorted and paged in SQL, as the page's JSON bytes:
   * the documents' bytes joined as they are (no parse, no re-serialisation), with the total
   * counted in the same statement. The bytes come from `documentBytes` where this process
   * has them for the document's current ETag.
   */
  async list(input: ActivityListInput): Promise<DocumentPage> {
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (input.q) where.push(`a.name ILIKE ${param(likePattern(input.q))} ESCAPE '\\'`);
    if (input.status) where.push(`a.status = ${param(input.status)}`);
    if (input.role) where.push(`a.role = ${param(input.role)}`);
    if (input.owner) where.push(`a.owner = ${param(input.owner)}`);
    if (input.ownerUnitId) where.push(`a.owner_unit_id = ${param(input.ownerUnitId)}`);
    if (input.dpiaRequired !== undefined) where.push(`a.dpia_required = ${param(input.dpiaRequired)}`);
    if (input.reviewDueBefore) where.push(`a.review_due_at < ${param(input.reviewDueBefore)}`);
    for (const [filter, links] of Object.entries(filters)) {
      if (input[filter] === undefined) continue;
      const value = param(input[filter]);
      where.push(
        `(${links.map((link) => `EXISTS (SELECT 1 FROM ${link.table} l WHERE l.activity_id = a.id AND l.${link.column} = ${value})`).join(' OR ')})`,
      );
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [field, direction] = parseSort(input.sort ?? 'name');
    const order = `${sortColumns[field]} ${direction} NULLS LAST, a.id ASC`;
    // The page's ids and ETags in order (and the total, also for a page past the end); the bytes
    // of documents this process has not kept yet are read in one more statement.
    const rows = (await this.dataSource.query(
      `SELECT t.total, a.id, a.etag FROM (SELECT count(*)::int AS total FROM processing_activities a ${whereSql}) t
       LEFT JOIN LATERAL (
         SELECT p.*, d.etag FROM (
           SELECT a.id, a.name, a.created_at, a.updated_at, a.review_due_at FROM processing_activities a ${whereSql}
           ORDER BY ${order} LIMIT ${param(limit)} OFFSET ${param(offset)}
         ) p JOIN ${documentsTable} d ON d.activity_id = p.id
       ) a ON true
       ORDER BY ${order}`,
      params,
    )) as { total: number; id: string | null; etag: string | null }[];
    const page = rows.filter((row): row is { total: number; id: string; etag: string } => row.id !== null);
    const bodies = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const { id, etag } of page) {
      const kept = this.documentBytes.get(id, etag);
      if (kept) bodies.set(id, kept);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const read = (await this.dataSource.query(
        `SELECT activity_id AS id, body, etag FROM ${documentsTable} WHERE activity_id = ANY($1::uuid[])`,
        [missing],
      )) as { id: string; body: string; etag: string }[];
      // A document changed since the first statement is sent as it is now; one deleted since is left out.
      for (const { id, body, etag } of read) bodies.set(id, this.documentBytes.keep(id, etag, body));
    }
    const parts: Buffer[] = [pageStart];
    for (const { id } of page) {
      const body = bodies.get(id);
      if (!body) continue;
      if (parts.length > 1) parts.push(comma);
      parts.push(body);
    }
    parts.push(Buffer.from(`],"total":${rows[0]!.total},"limit":${limit},"offset":${offset}}`));
    return Buffer.concat(parts);
  }

  /** Whether any activity is recorded. */
  async any(): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM processing_activities LIMIT 1')).length > 0;
  }

  /** The stored activity in the shape of a create request. */
  asInput(view: ActivityView): ActivityInput {
    return { name: view.name, ...linksAsInput(view) };
  }

  /** The stored document, as it is. */
  async get(id: string): Promise<StoredDocument> {
    const [found] = (await this.dataSource.query(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [
      id,
    ])) as StoredDocument[];
    if (!found) throw notFound('processing activity', id);
    return found;
  }

  /** The ETag of a view this service returned (the stored one). */
  etag(view: ActivityView): string {
    const tag = this.etags.get(view);
    if (!tag) throw new Error(`activity ${view.id} was not read from its stored document`);
    return tag;
  }

  /** The stored document, parsed: for writes (the precondition, the audit trail, a patch's merge). */
  private async read(manager: EntityManager, id: string): Promise<ActivityView | undefined> {
    const [found] = (await manager.query(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [id])) as StoredDocument[];
    if (!found) return undefined;
    const view = JSON.parse(found.body) as ActivityView;
    this.etags.set(view, found.etag);
    return view;
  }

  /** `within`: a transaction of the caller's (e.g. an import) to run in, all or nothing. */
  create(request: ActivityInput, actor: Actor, within?: EntityManager): Promise<ActivityView> {
    const input = withUnstated(request);
    return inTransaction(this.dataSource, within, (manager) =>
      createEntry(this.store, manager, actor, async () => {
        await this.validate(manager, input);
        input.ownerUnitId = await ownerForCreate(manager, actor, input.ownerUnitId);
        const id = randomUUID();
        try {
          await manager.insert(ProcessingActivity, { id, ...pick(input, activityScalarInputs), lastEditedBy: actor.sub } as never);
        } catch (error) {
          throw describeWriteError(error, this.store.singular, input as JsonObject);
        }
        await this.writeLinks(manager, id, input);
        await refreshActivityDocument(this.query(manager), id);
        return id;
      }),
    );
  }

  update(id: string, request: ActivityInput, ifMatch: string | undefined, actor: Actor, within?: EntityManager): Promise<ActivityView> {
    const patch = withUnstated(request);
    return inTransaction(this.dataSource, within, (manager) =>
      updateEntry(this.store, manager, id, ifMatch, actor, async (current) => {
        const merged = { ...this.asInput(current), ...patch };
        await this.validate(manager, merged);
        try {
          await manager
            .createQueryBuilder()
            .update(ProcessingActivity)
            // Any write of the activity or its links is an edit: back to draft, and its editor is the one the four eyes exclude.
            .set({
              ...pick(patch, activityScalarInputs),
              updatedAt: () => 'CURRENT_TIMESTAMP',
              reviewState: 'draft',
              lastEditedBy: actor.sub,
            } as never)
            .where('id = :id', { id })
            .execute();
        } catch (error) {
          throw describeWriteError(error, this.store.singular, patch as JsonObject);
        }
        // Only the lists sent are replaced: the others are as they were (the merged input they are
        // part of was validated whole above), and no link table references another list's rows —
        // nested links (legal bases, sources, recipient categories) go with their parents (CASCADE).
        // Rewriting every list made a PATCH of one list ~40 statements instead of ~15.
        const sent = activityLinks.filter((list) => (patch as JsonObject)[list.input] !== undefined);
        for (const list of sent) await manager.query(`DELETE FROM ${list.table} WHERE activity_id = $1`, [id]);
        if (sent.length > 0)
          await this.writeLinks(
            manager,
            id,
            pick(
              merged,
              sent.map((list) => list.input as keyof ActivityInput),
            ),
          );
        await refreshActivityDocument(this.query(manager), id);
      }),
    );
  }

  /**
   * A review step (src/reviews) written like any write of the activity: row locked, If-Match
   * checked, audited before and after, in one transaction. `change` writes the review columns;
   * then the stored document is refreshed and `then` sees it (the approval keeps it).
   */
  reviewStep(
    id: string,
    ifMatch: string | undefined,
    actor: Actor,
    change: (manager: EntityManager, current: ActivityView) => Promise<void>,
    then?: (manager: EntityManager, document: StoredDocument) => Promise<void>,
  ): Promise<ActivityView> {
    return inTransaction(this.dataSource, undefined, (manager) =>
      updateEntry(this.store, manager, id, ifMatch, actor, async (current) => {
        await change(manager, current);
        await refreshActivityDocument(this.query(manager), id);
        if (then) {
          const [document] = (await manager.query(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [
            id,
          ])) as StoredDocument[];
          await then(manager, document!);
        }
      }),
    );
  }

  /** `within`: a transaction of the caller's (an import in replace mode) to run in, all or nothing. */
  remove(id: string, ifMatch: string | undefined, actor: Actor, within?: EntityManager): Promise<void> {
    return inTransaction(this.dataSource, within, (manager) =>
      removeEntry(this.store, manager, id, ifMatch, actor, async () => {
        await manager.query('DELETE FROM processing_activities WHERE id = $1', [id]);
      }),
    );
  }

  private query(manager: EntityManager): Query {
    return (sql, params, name) => (name ? namedQuery(manager, name, sql, params ?? []) : manager.query(sql, params));
  }

  /** Refuses the input unless every id exists and the links agree with each other (as the catalogue declares). */
  private async validate(manager: EntityManager, input: ActivityInput) {
    const duplicates: FieldError[] = [];
    for (const list of activityLinks.filter((list) => list.unique)) {
      const key = primaryRef(list);
      const seen = new Set<string>();
      ((input as JsonObject)[list.input] as JsonObject[] | undefined)?.forEach((item, i) => {
        if (seen.has(item[key.input]))
          duplicates.push({ in: 'body', path: `/${list.input}/${i}/${key.input}`, message: 'appears more than once' });
        seen.add(item[key.input]);
      });
    }
    for (const list of activityLinks.filter((list) => isFlat(list) && list.columns?.length)) {
      const seen = new Set<string>();
      ((input as JsonObject)[list.input] as unknown[] | undefined)?.forEach((item, i) => {
        const { ref } = flatItem(list, item, 'id');
        if (seen.has(ref)) duplicates.push({ in: 'body', path: `/${list.input}/${i}`, message: 'appears more than once' });
        seen.add(ref);
      });
    }
    if (duplicates.length > 0) throw validationFailed(duplicates);

    const references = inputRefs(input);
    // Every referenced id, grouped by the table it must exist in (in the order first referenced).
    const wanted = new Map<string, InputRef[]>();
    for (const reference of references) {
      const table = linkTarget(reference.part.target).table;
      wanted.set(table, [...(wanted.get(table) ?? []), reference]);
    }
    const errors: FieldError[] = [];
    // A path already reported as missing is not reported again as inconsistent.
    const report = (path: string, message: string) => {
      if (!errors.some((error) => error.path === path)) errors.push({ in: 'body', path, message });
    };
    const kinds = new Map<string, string>();
    const roles = new Map<string, string[]>();
    // One statement for every table referenced (a round trip each was a third of a PATCH's statements).
    const params: unknown[] = [];
    const lookups = [...wanted].map(([table, refs]) => {
      const kind = refs.some((reference) => reference.part.basisKind) ? 'kind::text' : 'NULL::text';
      const held = refs.some((reference) => reference.part.organisationRoles) ? 'to_json(roles)' : 'NULL::json';
      params.push([...new Set(refs.map((reference) => reference.id))]);
      return `SELECT '${table}' AS source, id, ${kind} AS kind, ${held} AS roles FROM ${table} WHERE id = ANY($${params.length}::uuid[])`;
    });
    const rows: { source: string; id: string; kind: string | null; roles: string[] | null }[] =
      lookups.length > 0 ? await manager.query(lookups.join(' UNION ALL '), params) : [];
    const found = new Set(rows.map((row) => `${row.source} ${row.id}`));
    for (const row of rows) {
      if (row.kind) kinds.set(row.id, row.kind);
      if (row.roles) roles.set(row.id, row.roles);
    }
    for (const [table, refs] of wanted) {
      for (const reference of refs) {
        if (!found.has(`${table} ${reference.id}`))
          report(reference.path, `no ${buildingBlocks[reference.part.target].singular} with this id`);
      }
    }
    for (const { path, part, id } of references) {
      const kind = kinds.get(id);
      if (part.basisKind && kind && ((part.basisKind.must && kind !== part.basisKind.must) || kind === part.basisKind.mustNot)) {
        report(path, part.basisKind.message);
      }
      // An organisation whose roles are recorded must hold one of these; one with none recorded is linked as it is.
      const held = roles.get(id);
      if (part.organisationRoles && held && held.length > 0 && !held.some((role) => part.organisationRoles!.any.includes(role))) {
        report(path, `${part.organisationRoles.message} (its roles: ${held.join(', ')})`);
      }
    }
    for (const { path, id, within } of references) {
      if (!within) continue;
      const top = activityLinks.find((list) => list.field === within.list)!;
      const allowed = new Set(
        (((input as JsonObject)[top.input] ?? []) as unknown[]).map((item) =>
          isFlat(top) ? flatItem(top, item, 'id').ref : (item as JsonObject)[primaryRef(top).input],
        ),
      );
      if (!allowed.has(id)) report(path, within.message);
    }
    errors.push(...transferProblems(input).filter((problem) => !errors.some((error) => error.path === problem.path)));
    if (errors.length > 0) throw unknownReference(errors);
  }

  private async writeLinks(manager: EntityManager, activityId: string, input: ActivityInput) {
    for (const [table, { columns, rows }] of linkRows(activityId, input)) {
      if (rows.length === 0) continue;
      const params: unknown[] = [];
      const values = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
      try {
        await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
      } catch (error) {
        // A building block deleted by a concurrent request after validation.
        if (isForeignKeyViolation(error)) {
          const field = constraintField(pgError(error)?.constraint) ?? 'links';
          throw unknownReference([{ in: 'body', path: `/${field}`, message: 'refers to an entry that no longer exists' }]);
        }
        throw error;
      }
    }
  }
}

/**
 * A transfer's destination and its details agree: a country transfer names its country, one to
 * an international organisation names it; worldwide and not-stated name neither.
 */
function transferProblems(input: ActivityInput): FieldError[] {
  const problems: FieldError[] = [];
  (input.transfers ?? []).forEach((transfer, i) => {
    const at = (field: string, message: string) => problems.push({ in: 'body', path: `/transfers/${i}/${field}`, message });
    if (transfer.destination === 'country' && !transfer.country) at('country', 'is required for a transfer to a country');
    if (transfer.destination === 'international-organisation' && !transfer.internationalOrganisation) {
      at('internationalOrganisation', 'is required for a transfer to an international organisation');
    }
    if (transfer.destination !== 'country' && transfer.country)
      at('country', `is only for a transfer to a country (destination is ${transfer.destination})`);
    if (transfer.destination !== 'international-organisation' && transfer.internationalOrganisation) {
      at('internationalOrganisation', `is only for a transfer to an international organisation (destination is ${transfer.destination})`);
    }
  });
  return problems;
}

/**
 * The request with every link column it leaves out filled in as the catalogue says (not stated,
 * or what the item's other values imply), so checks and writes see what will be stored.
 */
function withUnstated(input: ActivityInput): ActivityInput {
  const fill = (list: ListPart, items: unknown[] | null | undefined): unknown[] | null | undefined =>
    items?.map((item) => {
      if (isFlat(list)) return item;
      const object = { ...(item as JsonObject) };
      for (const part of partsOf(list)) {
        if (part.part === 'column' && object[part.field] === undefined) object[part.field] = unstatedValue(part, object);
        if (part.part === 'list') object[part.input] = fill(part, object[part.input]);
      }
      return object;
    });
  const out: JsonObject = { ...input };
  for (const list of activityLinks) if (out[list.input] !== undefined) out[list.input] = fill(list, out[list.input]);
  return out as ActivityInput;
}

function pick<T extends object, K extends readonly (keyof T)[]>(source: T, keys: K): Partial<Pick<T, K[number]>> {
  const out: Partial<Pick<T, K[number]>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
