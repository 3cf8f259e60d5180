import type { FastifyBaseLogger } from 'fastify';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Page } from '../crud/crud-service';
import { assertPrecondition } from '../crud/preconditions';
import { notFound } from '../errors';
import { postWebhook } from './sender';
import { generateSecret, sign } from './signature';
import { assertTargetAllowed, targetPolicyOf, type TargetPolicy } from './target';

export interface SubscriptionInput {
  url: string;
  events: string[];
  description?: string | null;
  enabled?: boolean;
}

export type SubscriptionUpdate = Partial<SubscriptionInput>;

export interface SubscriptionView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  messageId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface DeliveryDetail extends DeliveryView {
  payload: Record<string, unknown>;
  attemptLog: { attempt: number; attemptedAt: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

export interface DeliveryListInput {
  limit?: number;
  offset?: number;
  status?: string;
}

/** A delivery claimed by this worker, with what it needs to send it. */
interface Claimed {
  id: string;
  attempts: number;
  roundStartedAfter: number;
  url: string;
  secret: string;
  messageId: string;
  body: string;
}

const subscriptionColumns = `id, url, events, description, enabled, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", version`;
const deliveryColumns = `d.id, d.subscription_id AS "subscriptionId", d.message_id AS "messageId", m.type AS "eventType", d.status, d.attempts,
  d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt", d.last_status_code AS "lastStatusCode",
  d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function subscriptionView(row: Record<string, unknown>): SubscriptionView {
  return { ...(row as unknown as SubscriptionView), createdAt: iso(row.createdAt as Date)!, updatedAt: iso(row.updatedAt as Date)! };
}

function deliveryView(row: Record<string, unknown>): DeliveryView {
  const view = row as unknown as DeliveryView;
  return {
    ...view,
    nextAttemptAt: iso(view.nextAttemptAt),
    lastAttemptAt: iso(view.lastAttemptAt),
    deliveredAt: iso(view.deliveredAt),
    createdAt: iso(view.createdAt)!,
  };
}

/**
 * Webhook subscriptions and delivery. Events enter the outbox in the transaction of their change
 * (src/audit/outbox.ts); `deliverDue` sends what is due: it claims deliveries with FOR UPDATE
 * SKIP LOCKED (so instances sharing a database never claim the same one) and leases them by
 * moving their next attempt past the longest an attempt can take, sends outside any transaction, then records
 * the outcome. A worker that dies mid-send leaves the lease to run out and the delivery due again:
 * at least once, never lost. Failures back off exponentially (base × 2^(n−1), capped) by the
 * app's clock, and after WEBHOOK_MAX_ATTEMPTS a delivery is dead until redelivered by hand.
 */
export class WebhookService {
  private readonly policy: TargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {
    this.policy = targetPolicyOf(config);
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }

  async createSubscription(input: SubscriptionInput, createdBy: string): Promise<SubscriptionView & { secret: string }> {
    await assertTargetAllowed(input.url, this.policy);
    const secret = generateSecret();
    const [row] = await this.dataSource.query(
      `INSERT INTO webhook_subscriptions (url, events, secret, description, enabled, created_by)
       VALUES ($1, $2::text[], $3, $4, $5, $6) RETURNING ${subscriptionColumns}`,
      [input.url, input.events, secret, input.description ?? null, input.enabled ?? true, createdBy],
    );
    return { ...subscriptionView(row), secret };
  }

  async listSubscriptions(input: { limit?: number; offset?: number }): Promise<Page<SubscriptionView>> {
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const rows = await this.dataSource.query(
      `SELECT ${subscriptionColumns}, count(*) OVER ()::int AS total FROM webhook_subscriptions ORDER BY created_at, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.countSubscriptions() : 0);
    return { items: rows.map(({ total: _total, ...row }: Record<string, unknown>) => subscriptionView(row)), total, limit, offset };
  }

  private async countSubscriptions(): Promise<number> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_subscriptions`);
    return total;
  }

  async getSubscription(id: string): Promise<SubscriptionView> {
    const [row] = await this.dataSource.query(`SELECT ${subscriptionColumns} FROM webhook_subscriptions WHERE id = $1`, [id]);
    if (!row) throw notFound('webhook subscription', id);
    return subscriptionView(row);
  }

  /** Locks the subscription for the rest of the transaction and checks If-Match against it as shown. */
  private async lockSubscription(manager: EntityManager, id: string, ifMatch: string | undefined): Promise<SubscriptionView> {
    const [row] = await manager.query(`SELECT ${subscriptionColumns} FROM webhook_subscriptions WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('webhook subscription', id);
    const current = subscriptionView(row);
    assertPrecondition(current, ifMatch, 'webhook subscription');
    return current;
  }

  async updateSubscription(id: string, update: SubscriptionUpdate, ifMatch: string | undefined): Promise<SubscriptionView> {
    if (update.url !== undefined) await assertTargetAllowed(update.url, this.policy);
    return this.dataSource.transaction(async (manager) => {
      await this.lockSubscription(manager, id, ifMatch);
      const [rows] = await manager.query(
        `UPDATE webhook_subscriptions SET
           url = COALESCE($2, url),
           events = COALESCE($3::text[], events),
           description = CASE WHEN $4::boolean THEN $5 ELSE description END,
           enabled = COALESCE($6, enabled),
           updated_at = now(),
           version = version + 1
         WHERE id = $1 RETURNING ${subscriptionColumns}`,
        [id, update.url ?? null, update.events ?? null, 'description' in update, update.description ?? null, update.enabled ?? null],
      );
      return subscriptionView((rows as Record<string, unknown>[])[0]!);
    });
  }

  /** Deletes the subscription with its deliveries and their log. */
  async deleteSubscription(id: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockSubscription(manager, id, ifMatch);
      await manager.query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
      // Messages no subscription waits for any more are of no use.
      await manager.query(`DELETE FROM webhook_messages m WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id)`);
    });
  }

  /** The subscription's deliveries, newest first. */
  async listDeliveries(subscriptionId: string, input: DeliveryListInput): Promise<Page<DeliveryView>> {
    await this.getSubscription(subscriptionId);
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const params: unknown[] = [subscriptionId];
    const status = input.status ? `AND d.status = $${params.push(input.status)}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM webhook_deliveries d WHERE d.subscription_id = $1 ${status}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
        WHERE d.subscription_id = $1 ${status} ORDER BY d.created_at DESC, d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(deliveryView), total, limit, offset };
  }

  async getDelivery(subscriptionId: string, deliveryId: string): Promise<DeliveryDetail> {
    const [row] = await this.dataSource.query(
      `SELECT ${deliveryColumns}, m.body FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
        WHERE d.id = $1 AND d.subscription_id = $2`,
      [deliveryId, subscriptionId],
    );
    if (!row) throw notFound('webhook delivery', deliveryId);
    const attempts: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT attempt, attempted_at AS "attemptedAt", status_code AS "statusCode", error, duration_ms AS "durationMs"
         FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [deliveryId],
    );
    const { body, ...view } = row as Record<string, unknown>;
    return {
      ...deliveryView(view),
      payload: JSON.parse(body as string),
      attemptLog: attempts.map((a) => ({
        ...(a as unknown as DeliveryDetail['attemptLog'][number]),
        attemptedAt: iso(a.attemptedAt as Date)!,
      })),
    };
  }

  /**
   * Sends the delivery again as soon as a worker is free, with a fresh retry budget: a dead one
   * comes back to life, a delivered one is sent once more (same webhook-id: receivers that
   * deduplicate see it once).
   */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<DeliveryDetail> {
    const [, affected] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL, round_started_after = attempts
        WHERE id = $1 AND subscription_id = $2`,
      [deliveryId, subscriptionId],
    );
    if (!affected) throw notFound('webhook delivery', deliveryId);
    return this.getDelivery(subscriptionId, deliveryId);
  }

  /** How long a claim holds a delivery: longer than the lookup plus the request can take. */
  private get leaseMs(): number {
    return 2 * this.config.WEBHOOK_TIMEOUT_MS + 30_000;
  }

  /** The wait after the n-th failed attempt of a round. */
  backoffMs(failedAttempts: number): number {
    return Math.min(this.config.WEBHOOK_RETRY_BASE_MS * 2 ** (failedAttempts - 1), this.config.WEBHOOK_RETRY_MAX_MS);
  }

  /** Claims up to a batch of due deliveries (skipping those another worker holds) and leases them. */
  private async claim(): Promise<Claimed[]> {
    const now = this.now();
    const leaseUntil = new Date(this.clock() + this.leaseMs).toISOString();
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = $2, attempts = d.attempts + 1, last_attempt_at = $1
         FROM webhook_subscriptions s, webhook_messages m
        WHERE d.id IN (
                SELECT due.id FROM webhook_deliveries due JOIN webhook_subscriptions ds ON ds.id = due.subscription_id
                 WHERE due.status = 'pending' AND ds.enabled AND (due.next_attempt_at IS NULL OR due.next_attempt_at <= $1)
                 ORDER BY due.next_attempt_at NULLS FIRST, due.created_at
                 LIMIT $3
                   FOR UPDATE OF due SKIP LOCKED)
          AND s.id = d.subscription_id AND m.id = d.message_id
      RETURNING d.id, d.attempts, d.round_started_after AS "roundStartedAfter", s.url, s.secret, m.id AS "messageId", m.body`,
      [now, leaseUntil, this.config.WEBHOOK_BATCH_SIZE],
    );
    return rows as Claimed[];
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const attemptedAt = this.now();
    const timestamp = Math.floor(this.clock() / 1000);
    const outcome = await postWebhook(
      delivery.url,
      {
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(delivery.secret, delivery.messageId, timestamp, delivery.body),
        'user-agent': 'processing-register-webhooks',
      },
      delivery.body,
      this.policy,
      this.config.WEBHOOK_TIMEOUT_MS,
    );
    const failedInRound = delivery.attempts - delivery.roundStartedAfter;
    const delivered = outcome.error === null;
    const dead = !delivered && failedInRound >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const next = delivered || dead ? null : new Date(this.clock() + this.backoffMs(failedInRound)).toISOString();
    await this.dataSource.transaction(async (manager) => {
      // Nothing to log when the subscription (and so the delivery) was deleted during the attempt.
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
         SELECT id, $2, $3, $4, $5, $6 FROM webhook_deliveries WHERE id = $1`,
        [delivery.id, delivery.attempts, attemptedAt, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      // Only while the claim is still ours: after a lost lease another worker's attempt decides.
      await manager.query(
        `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, last_status_code = $5, last_error = $6,
                delivered_at = CASE WHEN $3 = 'delivered' THEN $7::timestamptz ELSE delivered_at END
          WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [
          delivery.id,
          delivery.attempts,
          delivered ? 'delivered' : dead ? 'dead' : 'pending',
          next,
          outcome.statusCode,
          outcome.error,
          this.now(),
        ],
      );
    });
    if (dead) this.log.warn({ delivery: delivery.id, attempts: delivery.attempts, error: outcome.error }, 'webhook delivery dead-lettered');
    else if (!delivered)
      this.log.info({ delivery: delivery.id, attempt: delivery.attempts, error: outcome.error, next }, 'webhook attempt failed');
  }

  /**
   * Deletes delivered and dead deliveries (with their attempts) older than the retention, and the
   * messages no delivery needs any more; pending ones stay whatever their age. Returns how many
   * deliveries went.
   */
  async pruneLog(): Promise<number> {
    const cutoff = new Date(this.clock() - this.config.WEBHOOK_LOG_RETENTION_DAYS * 86_400_000).toISOString();
    return this.dataSource.transaction(async (manager) => {
      const [, pruned] = await manager.query(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1`, [cutoff]);
      await manager.query(
        `DELETE FROM webhook_messages m WHERE m.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id)`,
        [cutoff],
      );
      return Number(pruned ?? 0);
    });
  }

  /**
   * Sends every delivery due now, batch by batch, until none is left; returns how many attempts
   * were made. The worker (worker.ts) calls it on an interval; tests call it after moving the clock.
   */
  async deliverDue(): Promise<number> {
    let made = 0;
    for (;;) {
      const batch = await this.claim();
      // One attempt that cannot record its outcome (the database went away) does not stop the
      // others: its lease runs out and it is sent again.
      const settled = await Promise.allSettled(batch.map((delivery) => this.attempt(delivery)));
      for (const result of settled) {
        if (result.status === 'rejected')
          this.log.error({ err: result.reason }, 'webhook attempt not recorded; it is retried when its lease runs out');
      }
      made += batch.length;
      if (batch.length < this.config.WEBHOOK_BATCH_SIZE) return made;
    }
  }
}
