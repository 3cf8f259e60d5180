import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Allow,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { deliveryStatuses } from '../../entities/webhook';
import { PageQuery } from '../http/common-dto';
import { DateTime, Doc, OptionalText } from '../http/dto';
import { webhookEventTypes } from './events';

/** Subscriptions (admin), their delivery log and redelivery: /v1/webhooks/…. */

const uuid = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';
const urlPattern = /^https?:\/\/[^\s]+$/;

export class WebhookSubscriptionInput {
  @IsString()
  @MaxLength(2000)
  @Matches(urlPattern)
  @Doc({
    description:
      'Where events are POSTed: an http or https URL without user name or password, whose host resolves only to public addresses (private, loopback and link-local ones are refused unless the configuration allows their range: 422 WEBHOOK_TARGET_REFUSED)',
    example: 'https://hooks.example.com/processing-register',
  })
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(webhookEventTypes.length)
  @ArrayUnique()
  @IsIn(webhookEventTypes, { each: true })
  @Doc({
    description:
      "The events to send: entry.created, entry.changed, entry.deleted — any register entry, whether changed through its own route, an activity's links or an import; activity.submitted, activity.approved (the review steps of a processing activity) and review.due (an approval's review date has come, once each)",
    example: ['entry.created', 'entry.changed', 'entry.deleted'],
  })
  events!: string[];

  @OptionalText(1000, 'What the subscription is for', 'Sync to the ticketing tool')
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({
    description: 'Whether events are sent; a disabled subscription gets no new deliveries and sends none of its pending ones',
    example: true,
    schema: { default: true },
  })
  enabled?: boolean;
}

export class WebhookSubscriptionUpdate {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(urlPattern)
  @Doc({ description: 'New URL (checked as on creation)', example: 'https://hooks.example.com/processing-register' })
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(webhookEventTypes.length)
  @ArrayUnique()
  @IsIn(webhookEventTypes, { each: true })
  @Doc({ description: 'The events to send from now on', example: ['entry.changed'] })
  events?: string[];

  @OptionalText(1000, 'What the subscription is for (null clears it)', 'Sync to the ticketing tool')
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Whether events are sent', example: false })
  enabled?: boolean;
}

export class WebhookSubscriptionResponse {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Where events are POSTed', example: 'https://hooks.example.com/processing-register' })
  url!: string;

  @IsArray()
  @IsIn(webhookEventTypes, { each: true })
  @Doc({ description: 'The events sent', example: ['entry.created', 'entry.changed', 'entry.deleted'] })
  events!: string[];

  @IsOptional()
  @IsString()
  @Doc({ description: 'What the subscription is for', nullable: true, example: 'Sync to the ticketing tool' })
  description!: string | null;

  @IsBoolean()
  @Doc({ description: 'Whether events are sent', example: true })
  enabled!: boolean;

  @IsString()
  @Doc({ description: 'Token subject of whoever created it', example: 'admin@woktron.com' })
  createdBy!: string;

  @DateTime({ description: 'When it was created', example: '2026-03-31T09:30:00.000Z' })
  createdAt!: string;

  @DateTime({ description: 'When it was last changed', example: '2026-03-31T09:30:00.000Z' })
  updatedAt!: string;

  @IsInt()
  @Doc({ description: 'Increases by one with every change', example: 1 })
  version!: number;
}

export class CreatedWebhookSubscriptionResponse extends WebhookSubscriptionResponse {
  @IsString()
  @Doc({
    description:
      'The signing secret (Standard Webhooks `whsec_…`): shown this once, never again. Give it to the receiver, which verifies each request with a Standard Webhooks library.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

export class WebhookDeliveryListQuery extends PageQuery {
  @IsOptional()
  @IsIn(deliveryStatuses)
  @Doc({ description: 'Only deliveries in this state (dead: gave up after the configured attempts)', example: 'dead' })
  status?: string;
}

export class WebhookDeliveryParams {
  @IsUUID()
  @Doc({ description: 'The subscription id', example: uuid })
  id!: string;

  @IsUUID()
  @Doc({ description: 'The delivery id', example: '5d1c8f3a-2b7e-4c90-8a61-3f2e9d0b7c45' })
  deliveryId!: string;
}

export class WebhookDeliveryResponse {
  @IsUUID()
  @Doc({ description: 'Id of the delivery (one message to one subscription)', example: '5d1c8f3a-2b7e-4c90-8a61-3f2e9d0b7c45' })
  id!: string;

  @IsUUID()
  @Doc({ description: 'The subscription', example: uuid })
  subscriptionId!: string;

  @IsString()
  @Doc({
    description: 'The message id, sent as `webhook-id` (the same on every attempt: receivers deduplicate by it)',
    example: 'msg_6f1e2d3c4b5a69788796a5b4c3d2e1f0',
  })
  messageId!: string;

  @IsIn(webhookEventTypes)
  @Doc({ description: 'Event type', example: 'entry.changed' })
  eventType!: string;

  @IsIn(deliveryStatuses)
  @Doc({
    description: 'pending (not yet answered with 2xx), delivered, or dead (gave up after the configured attempts)',
    example: 'delivered',
  })
  status!: string;

  @IsInt()
  @Doc({ description: 'Attempts made so far, over every round', example: 1 })
  attempts!: number;

  @DateTime({
    description: 'When the next attempt is due (null: as soon as a worker is free, or none when delivered or dead)',
    example: '2026-03-31T09:31:00.000Z',
    nullable: true,
  })
  nextAttemptAt!: string | null;

  @DateTime({ description: 'When the last attempt was made', example: '2026-03-31T09:30:00.000Z', nullable: true })
  lastAttemptAt!: string | null;

  @IsOptional()
  @IsInt()
  @Doc({ description: "The receiver's status at the last attempt (null: no answer)", example: 200, nullable: true })
  lastStatusCode!: number | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Why the last attempt failed', example: 'the receiver answered 500', nullable: true })
  lastError!: string | null;

  @DateTime({ description: 'When a receiver answered 2xx', example: '2026-03-31T09:30:00.000Z', nullable: true })
  deliveredAt!: string | null;

  @DateTime({ description: 'When the event was queued (in the transaction of the change)', example: '2026-03-31T09:30:00.000Z' })
  createdAt!: string;
}

export class WebhookAttemptResponse {
  @IsInt()
  @Doc({ description: 'Number of the attempt (1, 2, …)', example: 1 })
  attempt!: number;

  @DateTime({ description: 'When it was made', example: '2026-03-31T09:30:00.000Z' })
  attemptedAt!: string;

  @IsOptional()
  @IsInt()
  @Doc({ description: "The receiver's status (null: no answer)", example: 500, nullable: true })
  statusCode!: number | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Why it failed (null: it succeeded)', example: 'the receiver answered 500', nullable: true })
  error!: string | null;

  @IsInt()
  @Doc({ description: 'How long it took, in milliseconds', example: 87 })
  durationMs!: number;
}

export class WebhookDeliveryDetailResponse extends WebhookDeliveryResponse {
  @Allow()
  @Doc({
    description: 'The body sent (Standard Webhooks: type, timestamp, data)',
    schema: { type: 'object', additionalProperties: true },
  })
  payload!: Record<string, unknown>;

  @IsArray()
  @Doc({ description: 'Every attempt, oldest first', schema: { type: 'array', items: { $ref: 'WebhookAttemptResponse#' } } })
  attemptLog!: WebhookAttemptResponse[];
}
