import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and approval of processing activities (src/reviews): where each activity stands
 * (draft, in review, approved), who last edited it (the four-eyes check compares the approver
 * with that person), who submitted it when, and every approval with the exact document that was
 * approved — the approved state the export and the privacy notice are built from.
 *
 * The latest approval of an activity is the one with the highest `sequence` (the order they were
 * made in; `approved_at` is the app's clock, which two approvals may share).
 *
 * `last_edited_by` of existing activities is taken from the audit trail (the actor of the latest
 * change); an activity with no trail keeps null (no editor known).
 *
 * The activities' stored documents gain the review fields; start-up rebuilds them because the
 * generator's shape changes (src/processing-activities/document-upkeep.ts).
 */
export class ReviewAndApproval1764100000041 implements MigrationInterface {
  name = 'ReviewAndApproval1764100000041';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "processing_activities" ADD "review_state" text NOT NULL DEFAULT 'draft'`);
    await q(`ALTER TABLE "processing_activities" ADD "last_edited_by" text`);
    await q(`ALTER TABLE "processing_activities" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "processing_activities" ADD "submitted_by" text`);
    await q(`ALTER TABLE "processing_activities" ADD "review_comment" text`);
    await q(`CREATE INDEX "ix_processing_activities__review_state" ON "processing_activities" ("review_state")`);
    await q(
      `UPDATE "processing_activities" a SET "last_edited_by" = (
         SELECT e.actor FROM "audit_events" e
          WHERE e.resource = 'processing-activities' AND e.entity_id = a.id
          ORDER BY e.sequence DESC LIMIT 1)`,
    );
    await q(
      `CREATE TABLE "activity_approvals" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "sequence" BIGSERIAL NOT NULL,
         "activity_id" uuid NOT NULL,
         "activity_version" integer NOT NULL,
         "body" text NOT NULL,
         "etag" text NOT NULL,
         "approved_by" text NOT NULL,
         "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "comment" text,
         "review_due_on" date NOT NULL,
         "review_due_notified_at" TIMESTAMP WITH TIME ZONE,
         CONSTRAINT "PK_activity_approvals" PRIMARY KEY ("id"),
         CONSTRAINT "fk_activity_approvals__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE
       )`,
    );
    await q(`CREATE INDEX "ix_activity_approvals__activity_id__sequence" ON "activity_approvals" ("activity_id", "sequence" DESC)`);
    await q(`CREATE INDEX "ix_activity_approvals__review_due_on" ON "activity_approvals" ("review_due_on")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE "activity_approvals"`);
    await q(`DROP INDEX "ix_processing_activities__review_state"`);
    for (const column of ['review_comment', 'submitted_by', 'submitted_at', 'last_edited_by', 'review_state']) {
      await q(`ALTER TABLE "processing_activities" DROP COLUMN "${column}"`);
    }
    await q(`UPDATE "read_model_state" SET "shape" = '' WHERE "name" = 'activity-documents'`);
  }
}
