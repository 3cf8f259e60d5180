import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which shape the stored read model (`activity_documents`) was built with: a fingerprint of the
 * generator's statements (src/processing-activities/document-upkeep.ts). After the migrations,
 * start-up (and `npm run migrate`) compares it with the running code's and rebuilds every
 * document when they differ. So the documents follow the link catalogue by themselves: a
 * migration that adds a link kind, or a change of the document's shape, needs no fill of its own,
 * and no migration has to run last.
 *
 * A later migration that changes the data documents are built from (not only their shape) marks
 * them stale with `UPDATE read_model_state SET shape = '' WHERE name = 'activity-documents'`.
 * This one does that for the documents migration 1764100000030 used to fill.
 */
export class ReadModelState1764100000031 implements MigrationInterface {
  name = 'ReadModelState1764100000031';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "read_model_state" ("name" text NOT NULL, "shape" text NOT NULL, CONSTRAINT "PK_read_model_state" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`INSERT INTO "read_model_state" ("name", "shape") VALUES ('activity-documents', '')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "read_model_state"`);
  }
}
