import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/recorder';
import { AppError } from '../errors';

/**
 * Object-level authorization by organisational unit. The permission table says which roles may
 * write a kind of entry; this says which entries: an actor scoped to units (an editor) writes
 * only entries owned by one of them — the entry as it was and as it will be, so nothing is moved
 * out of or into a unit the token does not hold. An entry with no owner unit is written by
 * admins and the DPO only (deny by default). Reads are not scoped: every role reads the whole
 * register, so a refusal is 403 OUTSIDE_UNITS, not a 404 (existence is no secret).
 *
 * Linking is not a write of what is linked: an editor may link another unit's recipient to its
 * own activity (the recipient is unchanged); changing another unit's activity, links included, is refused.
 */

interface Unit {
  id: string;
  key: string;
}

const units = (actor: Actor) => actor.units!.map((unit) => `"${unit}"`).join(', ') || 'none';

async function unitById(manager: EntityManager, id: string): Promise<Unit | undefined> {
  const [unit] = (await manager.query('SELECT id, key FROM organisational_units WHERE id = $1', [id])) as Unit[];
  return unit;
}

/** Whether `actor` may write an entry owned by `ownerUnitId` (null or absent: not assigned). */
export async function mayWrite(manager: EntityManager, actor: Actor, ownerUnitId: string | null | undefined): Promise<boolean> {
  if (!actor.units) return true;
  if (!ownerUnitId) return false;
  const unit = await unitById(manager, ownerUnitId);
  return unit !== undefined && (actor.units.includes(unit.key) || actor.units.includes(unit.id));
}

/** Refuses with 403 OUTSIDE_UNITS unless `actor` may write the entry `entry` (its `ownerUnitId`). */
export async function assertMayWrite(
  manager: EntityManager,
  actor: Actor,
  singular: string,
  entry: { name: string; ownerUnitId?: string | null },
): Promise<void> {
  if (await mayWrite(manager, actor, entry.ownerUnitId)) return;
  const owner = entry.ownerUnitId ? await unitById(manager, entry.ownerUnitId) : undefined;
  const whose = entry.ownerUnitId
    ? `is owned by the unit "${owner?.key ?? entry.ownerUnitId}"`
    : 'has no owner unit, so only admins and the DPO may write it';
  throw new AppError(
    'OUTSIDE_UNITS',
    `The ${singular} "${entry.name}" ${whose}; the token may write entries of the units ${units(actor)}.`,
  );
}

/**
 * The owner unit a new entry gets: the one requested (null included: then the write is refused
 * for a scoped actor), or — when the request names none — the scoped actor's only unit. A
 * token with several units must say which (422 OWNER_UNIT_REQUIRED); one with none writes nothing.
 * An actor across units gets what it asked for, nothing invented.
 */
export async function ownerForCreate(
  manager: EntityManager,
  actor: Actor,
  requested: string | null | undefined,
): Promise<string | null | undefined> {
  if (!actor.units || requested !== undefined) return requested;
  if (actor.units.length > 1) {
    throw new AppError('OWNER_UNIT_REQUIRED', `The token may write for the units ${units(actor)}: say which owns the entry.`, {
      errors: [{ in: 'body', path: '/ownerUnitId', message: 'is required when the token holds more than one unit' }],
    });
  }
  const only = actor.units[0];
  const [unit] = only
    ? ((await manager.query('SELECT id FROM organisational_units WHERE key = $1 OR id::text = $1', [only])) as { id: string }[])
    : [];
  if (!unit) {
    throw new AppError(
      'OUTSIDE_UNITS',
      only
        ? `The token's unit "${only}" is not an organisational unit of the register.`
        : 'The token names no organisational unit; an editor writes only entries of its units.',
    );
  }
  return unit.id;
}
