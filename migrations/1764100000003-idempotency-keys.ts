import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembers POSTs made with an Idempotency-Key, so a retried create returns the first result. */
export class IdempotencyKeys1764100000003 implements MigrationInterface {
  name = 'IdempotencyKeys1764100000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("principal" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status_code" integer, "response" jsonb, "headers" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("principal", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys__created_at" ON "idempotency_keys" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
