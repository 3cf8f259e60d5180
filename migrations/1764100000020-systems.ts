import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Systems (issue 20, the data map): where personal data lives — an application, database, SaaS
 * product, file share, paper archive or device — and the systems each activity uses, with the
 * data categories held there. Nothing existing changes: a register without systems reads as it did.
 */
export class Systems1764100000020 implements MigrationInterface {
  name = 'Systems1764100000020';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(
      `CREATE TABLE "systems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "retired_at" TIMESTAMP WITH TIME ZONE, "source_phrase" text, "internal_note" text, "description" text, "kind" text NOT NULL DEFAULT 'not-stated', "owner" text, "provider_id" uuid, "hosting_countries" text array NOT NULL DEFAULT '{not-stated}', "security_measure_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_aec3139aedeb09c5ae27f2c94d3" PRIMARY KEY ("id"))`,
    );
    await q(`CREATE UNIQUE INDEX "uq_systems__name" ON "systems" (lower("name"))`);
    await q(`CREATE INDEX "ix_systems__kind" ON "systems" ("kind")`);
    await q(`CREATE INDEX "ix_systems__provider_id" ON "systems" ("provider_id")`);
    await q(`CREATE INDEX "ix_systems__retired_at" ON "systems" ("retired_at")`);
    await q(
      `ALTER TABLE "systems" ADD CONSTRAINT "fk_systems__provider_id" FOREIGN KEY ("provider_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q(
      `CREATE TABLE "activity_systems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "system_id" uuid NOT NULL, CONSTRAINT "PK_73149ef7e04c561d98b6ae4f134" PRIMARY KEY ("id"))`,
    );
    await q(`CREATE UNIQUE INDEX "uq_activity_systems__activity_id__system_id" ON "activity_systems" ("activity_id", "system_id")`);
    await q(`CREATE INDEX "ix_activity_systems__system_id" ON "activity_systems" ("system_id")`);
    await q(
      `ALTER TABLE "activity_systems" ADD CONSTRAINT "fk_activity_systems__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q(
      `ALTER TABLE "activity_systems" ADD CONSTRAINT "fk_activity_systems__system_id" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q(
      `CREATE TABLE "activity_system_data_categories" ("activity_system_id" uuid NOT NULL, "data_category_id" uuid NOT NULL, "activity_id" uuid NOT NULL, CONSTRAINT "PK_d73edb9140c710017c97a776124" PRIMARY KEY ("activity_system_id", "data_category_id"))`,
    );
    await q(
      `CREATE INDEX "ix_activity_system_data_categories__data_category_id" ON "activity_system_data_categories" ("data_category_id")`,
    );
    await q(`CREATE INDEX "ix_activity_system_data_categories__activity_id" ON "activity_system_data_categories" ("activity_id")`);
    for (const [column, table, onDelete] of [
      ['activity_system_id', 'activity_systems', 'CASCADE'],
      ['data_category_id', 'data_categories', 'RESTRICT'],
      ['activity_id', 'processing_activities', 'CASCADE'],
    ]) {
      await q(
        `ALTER TABLE "activity_system_data_categories" ADD CONSTRAINT "fk_activity_system_data_categories__${column}" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_system_data_categories"`);
    await queryRunner.query(`DROP TABLE "activity_systems"`);
    await queryRunner.query(`DROP TABLE "systems"`);
  }
}
