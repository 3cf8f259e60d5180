import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';

export const deliveryStatuses = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Where events are sent, which events, and the secret that signs them (Standard Webhooks `whsec_…`). */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_subscriptions' })
  id!: string;

  @Column('text')
  url!: string;

  @Column('text', { array: true })
  events!: string[];

  /** Needed in the clear to sign; never returned by the API after the subscription is created. */
  @Column('text')
  secret!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('text')
  createdBy!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;

  /** Increases with every change; the ETag (If-Match on PATCH and DELETE) hashes the subscription as shown. */
  @Column('integer', { default: 1 })
  version!: number;
}

/** The outbox: one event, written in the transaction of the change it reports, with the exact body sent. */
@Entity('webhook_messages')
export class WebhookMessage {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_webhook_messages' })
  id!: string;

  @Column('text')
  type!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt!: Date;
}

/** One message to one subscription; `nextAttemptAt` is the backoff and a claiming worker's lease (null: due now). */
@Entity('webhook_deliveries')
@Check('ck_webhook_deliveries__status', `"status" IN ('pending', 'delivered', 'dead')`)
@Index('ix_webhook_deliveries__status__next_attempt_at', ['status', 'nextAttemptAt', 'createdAt'])
@Index('ix_webhook_deliveries__subscription_id', ['subscriptionId', 'createdAt'])
@Index('ix_webhook_deliveries__message_id', ['messageId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_deliveries' })
  id!: string;

  @Column('uuid')
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_webhook_deliveries__subscription_id' })
  subscription?: Relation<WebhookSubscription>;

  @Column('text')
  messageId!: string;

  @ManyToOne(() => WebhookMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_webhook_deliveries__message_id' })
  message?: Relation<WebhookMessage>;

  @Column('text', { default: 'pending' })
  status!: DeliveryStatus;

  /** Every attempt so far (numbers the log). */
  @Column('integer', { default: 0 })
  attempts!: number;

  /** `attempts` when the current round began: a manual redelivery gives a fresh retry budget. */
  @Column('integer', { default: 0 })
  roundStartedAfter!: number;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('integer', { nullable: true })
  lastStatusCode!: number | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt!: Date;
}

/** The delivery log: every attempt, what the receiver answered (or why there was no answer), how long it took. */
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_attempts' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_webhook_attempts__delivery_id' })
  delivery?: Relation<WebhookDelivery>;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'PK_webhook_attempts' })
  attempt!: number;

  @Column('timestamptz')
  attemptedAt!: Date;

  @Column('integer', { nullable: true })
  statusCode!: number | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('integer')
  durationMs!: number;
}
