import { entryEventTypes } from '../audit/outbox';

/**
 * The events a subscription can ask for. Every change to a register entry — through CRUD, an
 * activity's links or an import — is one event, named after the audit trail's action (the
 * recorder writes them to the outbox: src/audit/outbox.ts).
 */
export const webhookEventTypes = Object.values(entryEventTypes);
export type WebhookEventType = (typeof webhookEventTypes)[number];
