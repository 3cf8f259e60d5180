import type { AuditAction } from '../../entities/audit-event';

/**
 * The events a subscription can ask for. Every change to a register entry — through CRUD, an
 * activity's links or an import — is one event, named after the audit trail's action.
 */
export const entryEventTypes = { create: 'entry.created', update: 'entry.changed', delete: 'entry.deleted' } as const satisfies Record<
  AuditAction,
  string
>;

export const webhookEventTypes = Object.values(entryEventTypes);
export type WebhookEventType = (typeof webhookEventTypes)[number];
