import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshDocuments } from '../src/processing-activities/documents';

/**
 * The stored read model (src/processing-activities/documents.ts): each processing activity's
 * representation as the JSON text the API sends, and its ETag. Derived data, so the table is
 * filled here from the tables by the generator that ships with this migration; a later change
 * of the document's shape is applied by `npm run verify-read-model -- --repair` (or a migration
 * running the same refresh). Deleting an activity deletes its document.
 *
 * It runs after every migration that creates a link table (systems: 1764100000020), because the
 * generator reads the live link catalogue. A later migration that adds a link kind must move this
 * fill out (to a refresh after all migrations): otherwise a fresh database would run it before the
 * new table exists, and test/db/migrations.test.ts fails at once.
 */
export class ActivityDocuments1764100000030 implements MigrationInterface {
  name = 'ActivityDocuments1764100000030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "activity_documents" ("activity_id" uuid NOT NULL, "body" text NOT NULL, "etag" text NOT NULL, CONSTRAINT "PK_activity_documents" PRIMARY KEY ("activity_id"), CONSTRAINT "fk_activity_documents__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE)`,
    );
    await refreshDocuments((sql, params) => queryRunner.query(sql, params), 'TRUE');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_documents"`);
  }
}
