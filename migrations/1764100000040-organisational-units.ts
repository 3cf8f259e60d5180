import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every register entry a unit can own: the processing activities and the building blocks. */
const owned = [
  'processing_activities',
  'organisations',
  'purposes',
  'legal_bases',
  'data_subject_categories',
  'data_categories',
  'collection_channels',
  'recipients',
  'retention_rules',
  'security_measures',
  'privacy_policies',
  'systems',
  'data_flows',
];

/**
 * Organisational units (issue 21, ownership and scope): departments and business functions that
 * own activities and building blocks; editors' tokens name the units they may edit by `key`.
 * Every owned table gets a nullable owner — existing entries are "not assigned": no owner is
 * guessed from the free-text `owner` or `business_function` of an activity.
 */
export class OrganisationalUnits1764100000040 implements MigrationInterface {
  name = 'OrganisationalUnits1764100000040';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(
      `CREATE TABLE "organisational_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "key" text NOT NULL, "kind" text NOT NULL DEFAULT 'not-stated', "description" text, CONSTRAINT "PK_2a5e3a514b58b1a4f68091e2167" PRIMARY KEY ("id"))`,
    );
    await q(`CREATE UNIQUE INDEX "uq_organisational_units__name" ON "organisational_units" (lower("name"))`);
    await q(`CREATE UNIQUE INDEX "uq_organisational_units__key" ON "organisational_units" ("key")`);
    for (const table of owned) {
      await q(`ALTER TABLE "${table}" ADD "owner_unit_id" uuid`);
      await q(`CREATE INDEX "ix_${table}__owner_unit_id" ON "${table}" ("owner_unit_id")`);
      await q(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}__owner_unit_id" FOREIGN KEY ("owner_unit_id") REFERENCES "organisational_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of owned) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "owner_unit_id"`);
    await queryRunner.query(`DROP TABLE "organisational_units"`);
  }
}
