import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored read model (src/processing-activities/documents.ts): each processing activity's
 * representation as the JSON text the API sends, and its ETag. Derived data: the table is
 * created empty here and filled after the migrations by the read model's upkeep
 * (src/processing-activities/document-upkeep.ts), which rebuilds every document whenever the
 * generator's shape differs from the one they were built with (migration 1764100000031). It
 * used to be filled here; that tied this migration to the link catalogue of the code running it,
 * so that a later link table would not have existed yet on a fresh database. Deleting an activity
 * deletes its document.
 */
export class ActivityDocuments1764100000030 implements MigrationInterface {
  name = 'ActivityDocuments1764100000030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "activity_documents" ("activity_id" uuid NOT NULL, "body" text NOT NULL, "etag" text NOT NULL, CONSTRAINT "PK_activity_documents" PRIMARY KEY ("activity_id"), CONSTRAINT "fk_activity_documents__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_documents"`);
  }
}
