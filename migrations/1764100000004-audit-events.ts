import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail: append-only (a trigger refuses UPDATE and DELETE, whoever asks). */
export class AuditEvents1764100000004 implements MigrationInterface {
  name = 'AuditEvents1764100000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("sequence" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor" text NOT NULL, "action" text NOT NULL, "resource" text NOT NULL, "entity_id" uuid NOT NULL, "entity_name" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_audit_events" PRIMARY KEY ("sequence"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events__resource__entity_id__occurred_at" ON "audit_events" ("resource", "entity_id", "occurred_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events__occurred_at" ON "audit_events" ("occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events__actor" ON "audit_events" ("actor")`);
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
