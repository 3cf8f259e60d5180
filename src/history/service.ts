import type { DataSource } from 'typeorm';
import type { Page } from '../crud/crud-service';

type Json = Record<string, unknown>;

/** An entry of the register as it stood: its resource, id and the representation the API gave. */
export interface StateEntry {
  resource: string;
  id: string;
  name: string;
  value: Json;
}

export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface RegisterDiff {
  from: string;
  to: string;
  added: StateEntry[];
  removed: StateEntry[];
  changed: { resource: string; id: string; name: string; changes: FieldChange[] }[];
}

export interface AuditQuery {
  limit?: number;
  offset?: number;
  resource?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Bookkeeping and derived fields: not changes anyone made. */
const ignored = new Set(['createdAt', 'updatedAt', 'version', 'rights']);

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Field-by-field differences between two JSON values, as JSON Pointers. */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !(path === '' && ignored.has(key)));
    return keys.flatMap((key) => diffValues(before[key] ?? null, after[key] ?? null, `${path}/${escapePointer(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffValues(before[i] ?? null, after[i] ?? null, `${path}/${i}`)).flat();
  }
  return [{ path: path || '/', from: before ?? null, to: after ?? null }];
}

/**
 * The register's history, replayed from the audit trail: every change is recorded with the entry
 * as it was after it, so the state at any time is the last record per entry before that time —
 * one indexed query, exact to the transaction.
 */
export class HistoryService {
  constructor(private readonly dataSource: DataSource) {}

  async auditEvents(query: AuditQuery): Promise<Page<Json>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.resource) where.push(`resource = ${param(query.resource)}`);
    if (query.entityId) where.push(`entity_id = ${param(query.entityId)}`);
    if (query.actor) where.push(`actor = ${param(query.actor)}`);
    if (query.action) where.push(`action = ${param(query.action)}`);
    if (query.from) where.push(`occurred_at >= ${param(query.from)}`);
    if (query.to) where.push(`occurred_at <= ${param(query.to)}`);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const items = await this.dataSource.query(
      `SELECT sequence::text AS sequence, occurred_at AS "occurredAt", actor, action, resource, entity_id AS "entityId",
              entity_name AS "entityName", before, after, request_id AS "requestId"
         FROM audit_events ${whereSql} ORDER BY sequence ASC LIMIT ${param(limit)} OFFSET ${param(offset)}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_events ${whereSql}`, countParams);
    return { items, total, limit, offset };
  }

  /** Every entry that existed at `time`, as it was then. */
  async stateAt(time: string): Promise<StateEntry[]> {
    const rows: { resource: string; id: string; name: string; action: string; after: Json | null }[] = await this.dataSource.query(
      `SELECT resource, id, name, action, after FROM (
         SELECT DISTINCT ON (resource, entity_id) resource, entity_id AS id, entity_name AS name, action, after
           FROM audit_events WHERE occurred_at <= $1
          ORDER BY resource, entity_id, sequence DESC
       ) latest WHERE action <> 'delete' ORDER BY resource, lower(name), id`,
      [time],
    );
    const entries = rows.map((row) => ({ resource: row.resource, id: row.id, name: row.name, value: row.after ?? {} }));
    // An activity records the names of what it links to when it was written; show them as they
    // were at `time` instead, so a later rename does not leak into the past.
    const byId = new Map(entries.map((entry) => [entry.id, entry.value]));
    for (const entry of entries) entry.value = refreshRefs(entry.value, byId, true) as Json;
    return entries;
  }

  async diff(from: string, to: string): Promise<RegisterDiff> {
    const [before, after] = await Promise.all([this.stateAt(from), this.stateAt(to)]);
    const key = (entry: StateEntry) => `${entry.resource}/${entry.id}`;
    const beforeByKey = new Map(before.map((entry) => [key(entry), entry]));
    const afterByKey = new Map(after.map((entry) => [key(entry), entry]));
    const added = after.filter((entry) => !beforeByKey.has(key(entry)));
    const removed = before.filter((entry) => !afterByKey.has(key(entry)));
    const changed = after.flatMap((entry) => {
      const earlier = beforeByKey.get(key(entry));
      if (!earlier) return [];
      const changes = diffValues(earlier.value, entry.value);
      return changes.length > 0 ? [{ resource: entry.resource, id: entry.id, name: entry.name, changes }] : [];
    });
    return { from, to, added, removed, changed };
  }
}

/** Replaces the fields of embedded { id, name, … } references with the referenced entry's own. */
function refreshRefs(value: unknown, byId: Map<string, Json>, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => refreshRefs(item, byId, false));
  if (!value || typeof value !== 'object') return value;
  const object = value as Json;
  const out: Json = {};
  for (const [key, child] of Object.entries(object)) out[key] = refreshRefs(child, byId, false);
  const referenced = !top && typeof object.id === 'string' ? byId.get(object.id) : undefined;
  if (referenced) {
    for (const key of Object.keys(out)) {
      const current = referenced[key];
      if (key !== 'id' && (typeof current === 'string' || typeof current === 'number' || current === null)) out[key] = current;
    }
  }
  return out;
}
