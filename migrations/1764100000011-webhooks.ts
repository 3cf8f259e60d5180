import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: subscriptions, the transactional outbox and its delivery log.
 *
 * - `webhook_messages` is the outbox: one row per event, written in the same transaction as the
 *   change it reports (src/audit/outbox.ts), with the exact body that is signed and sent, so
 *   every retry sends the same bytes under the same `webhook-id`.
 * - `webhook_deliveries` is one message to one subscription: pending until a 2xx, dead after the
 *   configured number of attempts. `next_attempt_at` is both the backoff and the lease of a worker
 *   that claimed it (NULL: due now), so a worker that dies mid-send leaves it due again, never lost.
 *   `attempts` counts every attempt (numbering the log); `round_started_after` is the count when
 *   the current round began (a manual redelivery starts a new round with a fresh retry budget).
 * - `webhook_attempts` is the log: every attempt, its status or error, and how long it took.
 */
export class Webhooks1764100000011 implements MigrationInterface {
  name = 'Webhooks1764100000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "events" text[] NOT NULL, "secret" text NOT NULL, "description" text, "enabled" boolean NOT NULL DEFAULT true, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_messages" ("id" text NOT NULL, "type" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_webhook_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "message_id" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 0, "round_started_after" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"), CONSTRAINT "ck_webhook_deliveries__status" CHECK ("status" IN ('pending', 'delivered', 'dead')))`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "fk_webhook_deliveries__subscription_id" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "fk_webhook_deliveries__message_id" FOREIGN KEY ("message_id") REFERENCES "webhook_messages"("id") ON DELETE CASCADE`,
    );
    // The worker's question: which pending deliveries are due (NULL first: new ones), oldest first.
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries__status__next_attempt_at" ON "webhook_deliveries" ("status", "next_attempt_at", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries__subscription_id" ON "webhook_deliveries" ("subscription_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries__message_id" ON "webhook_deliveries" ("message_id")`);
    await queryRunner.query(
      `CREATE TABLE "webhook_attempts" ("delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_code" integer, "error" text, "duration_ms" integer NOT NULL, CONSTRAINT "PK_webhook_attempts" PRIMARY KEY ("delivery_id", "attempt"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_attempts" ADD CONSTRAINT "fk_webhook_attempts__delivery_id" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_messages"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
