import type { MigrationInterface, QueryRunner } from 'typeorm';

const tables = [
  'organisations',
  'purposes',
  'legal_bases',
  'data_subject_categories',
  'data_categories',
  'collection_channels',
  'recipients',
  'retention_rules',
  'security_measures',
];

/** Building blocks can be retired instead of deleted: `retired_at` says since when (null: in use). */
export class RetiredBuildingBlocks1764100000008 implements MigrationInterface {
  name = 'RetiredBuildingBlocks1764100000008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
      await queryRunner.query(`CREATE INDEX "ix_${table}__retired_at" ON "${table}" ("retired_at")`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables) {
      await queryRunner.query(`DROP INDEX "ix_${table}__retired_at"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "retired_at"`);
    }
  }
}
