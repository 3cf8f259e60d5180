import { entryEventTypes, reviewEventTypes } from '../audit/outbox';

/**
 * The events a subscription can ask for. Every change to a register entry — through CRUD, an
 * activity's links or an import — is one event, named after the audit trail's action (the
 * recorder writes them to the outbox: src/audit/outbox.ts). Then the review steps of an activity
 * (activity.submitted, activity.approved) and a review come due (review.due; src/reviews).
 */
export const webhookEventTypes = [...Object.values(entryEventTypes), ...reviewEventTypes];
export type WebhookEventType = (typeof webhookEventTypes)[number];
