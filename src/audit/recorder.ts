import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../entities/audit-event';

/** Who makes a change: the token subject (or 'seed' for the example register) and the request. */
export interface Actor {
  sub: string;
  requestId?: string;
}

export const actorOf = (request: FastifyRequest): Actor => ({ sub: request.principal?.sub ?? 'anonymous', requestId: request.id });

export interface Change {
  action: AuditAction;
  resource: string;
  entityId: string;
  entityName: string;
  before: unknown;
  after: unknown;
}

/** Appends one audit event, on the caller's transaction: the change and its record commit together. */
export async function recordChange(manager: EntityManager, actor: Actor, change: Change): Promise<void> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  await manager.query(
    `INSERT INTO audit_events (actor, action, resource, entity_id, entity_name, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
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
}
