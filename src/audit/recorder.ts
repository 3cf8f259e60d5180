import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../entities/audit-event';
import { acrossUnits } from '../auth/permissions';
import { enqueueChange } from './outbox';

/** Who makes a change: the token subject (or 'seed' for the example register) and the request. */
export interface Actor {
  sub: string;
  requestId?: string;
  /**
   * The organisational units (keys or ids) whose entries this actor may write (crud/unit-scope.ts);
   * absent: it acts across units — an admin or the DPO, or the service itself (the seed).
   */
  units?: readonly string[];
}

/** The caller as an actor: scoped to its token's units unless one of its roles acts across units. */
export const actorOf = (request: FastifyRequest): Actor => {
  const principal = request.principal;
  const across = principal?.roles.some((role) => acrossUnits.includes(role)) ?? false;
  return {
    sub: principal?.sub ?? 'anonymous',
    requestId: request.id,
    ...(across ? {} : { units: principal?.units ?? [] }),
  };
};

export interface Change {
  action: AuditAction;
  resource: string;
  entityId: string;
  entityName: string;
  before: unknown;
  after: unknown;
}

/**
 * Appends one audit event, on the caller's transaction: the change and its record commit
 * together. Every write of the register passes here (CRUD, links, import), so this is also where
 * the change enters the webhook outbox — in the same transaction, so no route has to remember it.
 */
export async function recordChange(manager: EntityManager, actor: Actor, change: Change): Promise<void> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const [recorded]: { sequence: string; occurredAt: Date }[] = await manager.query(
    `INSERT INTO audit_events (actor, action, resource, entity_id, entity_name, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
     RETURNING sequence::text AS sequence, occurred_at AS "occurredAt"`,
    [
      actor.sub,
      change.action,
      change.resource,
      change.entityId,
      change.entityName,
      json(change.before),
      json(change.after),
      actor.requestId ?? null,
    ],
  );
  await enqueueChange(manager, {
    action: change.action,
    resource: change.resource,
    entityId: change.entityId,
    entityName: change.entityName,
    auditSequence: recorded!.sequence,
    occurredAt: new Date(recorded!.occurredAt),
  });
}
