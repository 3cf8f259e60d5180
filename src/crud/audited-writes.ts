import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../entities/audit-event';
import { type Actor, recordChange } from '../audit/recorder';
import { constraintField, isForeignKeyViolation, isUniqueViolation, pgError } from '../db/pg-errors';
import { AppError, notFound, unknownReference } from '../errors';
import { assertPrecondition } from './preconditions';
import { assertMayWrite } from './unit-scope';

/**
 * The choreography every write of a register entry follows, whatever kind of entry it is — a
 * building block (CrudService) or a processing activity with its links: lock the row, read the
 * entry as the API shows it, check that the actor may write it (its owner unit, unit-scope.ts) and
 * If-Match against it, change it, read it again, and append the audit event — all on the caller's transaction, so the change and its record commit
 * together.
 */
/** An entry as the API shows it: owned entries carry `ownerUnitId` (one without it is written only across units). */
type Entry = { id: string; name: string; ownerUnitId?: string | null };

export interface EntryStore<V extends Entry, L = unknown> {
  /** Audit resource: the URL segment (`processing-activities`). */
  resource: string;
  /** For messages: 'processing activity'. */
  singular: string;
  /** The entry as the API represents it (its ETag is a hash of this), or undefined. */
  read(manager: EntityManager, id: string): Promise<V | undefined>;
  /** Locks the entry's row for the rest of the transaction and returns it, or undefined when there is none. */
  lock(manager: EntityManager, id: string): Promise<L | undefined>;
  /** The ETag of an entry `read` returned, when the store keeps it (default: a hash of the entry). */
  etag?(entry: V): string;
}

async function readOrFail<V extends Entry>(store: EntryStore<V>, manager: EntityManager, id: string): Promise<V> {
  const entry = await store.read(manager, id);
  if (!entry) throw notFound(store.singular, id);
  return entry;
}

function audit<V extends Entry>(
  store: EntryStore<V>,
  manager: EntityManager,
  actor: Actor,
  action: AuditAction,
  before: V | null,
  after: V | null,
) {
  const entry = (after ?? before)!;
  return recordChange(manager, actor, { action, resource: store.resource, entityId: entry.id, entityName: entry.name, before, after });
}

/** `insert` writes the entry and returns its id; the created entry is read back and audited. */
export async function createEntry<V extends Entry>(
  store: EntryStore<V>,
  manager: EntityManager,
  actor: Actor,
  insert: () => Promise<string>,
): Promise<V> {
  const id = await insert();
  const created = await readOrFail(store, manager, id);
  await assertMayWrite(manager, actor, store.singular, created);
  await audit(store, manager, actor, 'create', null, created);
  return created;
}

/** Locks, checks If-Match, lets `change` write (given the entry as shown and its locked row), then audits before and after. */
export async function updateEntry<V extends Entry, L>(
  store: EntryStore<V, L>,
  manager: EntityManager,
  id: string,
  ifMatch: string | undefined,
  actor: Actor,
  change: (before: V, locked: L) => Promise<void>,
): Promise<V> {
  const locked = await store.lock(manager, id);
  if (locked === undefined) throw notFound(store.singular, id);
  const before = await readOrFail(store, manager, id);
  await assertMayWrite(manager, actor, store.singular, before);
  assertPrecondition(before, ifMatch, store.singular, store.etag?.(before));
  await change(before, locked);
  const after = await readOrFail(store, manager, id);
  // Handing an entry to another unit (or to none) needs the right to write there too.
  if (after.ownerUnitId !== before.ownerUnitId) await assertMayWrite(manager, actor, store.singular, after);
  await audit(store, manager, actor, 'update', before, after);
  return after;
}

/** Locks, checks If-Match, lets `remove` delete, then audits. */
export async function removeEntry<V extends Entry, L>(
  store: EntryStore<V, L>,
  manager: EntityManager,
  id: string,
  ifMatch: string | undefined,
  actor: Actor,
  remove: (before: V, locked: L) => Promise<void>,
): Promise<void> {
  const locked = await store.lock(manager, id);
  if (locked === undefined) throw notFound(store.singular, id);
  const before = await readOrFail(store, manager, id);
  await assertMayWrite(manager, actor, store.singular, before);
  assertPrecondition(before, ifMatch, store.singular, store.etag?.(before));
  await remove(before, locked);
  await audit(store, manager, actor, 'delete', before, null);
}

/**
 * A write the database refused for a constraint: a unique value already used is 409 DUPLICATE
 * naming the field, a reference to a missing entry 422 UNKNOWN_REFERENCE; anything else is
 * returned as it is. (Our constraints are named after their columns, see pg-errors.ts.)
 */
export function describeWriteError(error: unknown, singular: string, input: Record<string, unknown>): unknown {
  const field = constraintField(pgError(error)?.constraint);
  if (isUniqueViolation(error) && field) {
    return new AppError('DUPLICATE', `A ${singular} with ${field} "${String(input[field])}" already exists.`, {
      errors: [{ in: 'body', path: `/${field}`, message: `is already used by another ${singular}` }],
    });
  }
  if (isForeignKeyViolation(error) && field) {
    return unknownReference([{ in: 'body', path: `/${field}`, message: 'refers to an entry that does not exist' }]);
  }
  return error;
}
