import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../entities/audit-event';

/**
 * The event each change is, by the audit trail's action. Here, beside the recorder, because the
 * recorder writes the outbox; the webhooks feature (src/webhooks/) reads and sends it.
 */
export const entryEventTypes = { create: 'entry.created', update: 'entry.changed', delete: 'entry.deleted' } as const satisfies Record<
  AuditAction,
  string
>;

/** A change as the audit trail recorded it: enough for a receiver to know what changed and fetch it. */
export interface RecordedChange {
  action: AuditAction;
  resource: string;
  entityId: string;
  entityName: string;
  /** The audit event's sequence (GET /v1/audit-events has before and after). */
  auditSequence: string;
  /** The audit event's occurred_at: the event's timestamp. */
  occurredAt: Date;
}

/**
 * The transactional outbox: writes the event and one pending delivery per enabled subscription
 * that wants it, on the caller's transaction — so a committed change always has its deliveries
 * and a rolled-back one has none. One statement; nothing is written when no one subscribes.
 *
 * The body is fixed here, so every attempt sends (and signs) the same bytes under the same
 * webhook-id. It names the entry and where to read it, not its content: an entry's internal note
 * is for auditors and admins, and a receiver reads what its own token allows.
 */
export async function enqueueChange(manager: EntityManager, change: RecordedChange): Promise<void> {
  await enqueueEvent(manager, entryEventTypes[change.action], change.occurredAt, {
    resource: change.resource,
    id: change.entityId,
    name: change.entityName,
    ...(change.action === 'delete' ? {} : { path: `/v1/${change.resource}/${change.entityId}` }),
    auditSequence: change.auditSequence,
  });
}

/**
 * The events beyond an entry's change: a processing activity submitted or approved, a review come
 * due (src/reviews). Written like a change's, on the caller's transaction.
 */
export const reviewEventTypes = ['activity.submitted', 'activity.approved', 'review.due'] as const;
export type ReviewEventType = (typeof reviewEventTypes)[number];

/** One event of `type` with `data` into the outbox, on the caller's transaction (see enqueueChange). */
export async function enqueueEvent(
  manager: EntityManager,
  type: (typeof entryEventTypes)[AuditAction] | ReviewEventType,
  occurredAt: Date,
  data: Record<string, unknown>,
): Promise<void> {
  const body = JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
  await manager.query(
    `WITH targets AS (
       SELECT id FROM webhook_subscriptions WHERE enabled AND $1 = ANY(events)
     ), message AS (
       INSERT INTO webhook_messages (id, type, body)
       SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), $1, $2 WHERE EXISTS (SELECT 1 FROM targets)
       RETURNING id
     )
     INSERT INTO webhook_deliveries (subscription_id, message_id) SELECT targets.id, message.id FROM targets, message`,
    [type, body],
  );
}
