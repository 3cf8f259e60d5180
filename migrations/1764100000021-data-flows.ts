import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recorded data flows (issue 20, the data map): from one end to another — a collection channel,
 * a data subject category, a system or a recipient — with the data categories carried and, when
 * the flow crosses a border, its transfer (country, Art. 45–49 mechanism, safeguard).
 */
export class DataFlows1764100000021 implements MigrationInterface {
  name = 'DataFlows1764100000021';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(
      `CREATE TABLE "data_flows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "retired_at" TIMESTAMP WITH TIME ZONE, "source_phrase" text, "internal_note" text, "description" text, "from_kind" text NOT NULL, "from_id" uuid NOT NULL, "to_kind" text NOT NULL, "to_id" uuid NOT NULL, "data_category_ids" uuid array NOT NULL DEFAULT '{}', "transfer_country" text, "transfer_mechanism_id" uuid, "transfer_safeguard" text, CONSTRAINT "PK_4465d47f30e99417d30480e3832" PRIMARY KEY ("id"))`,
    );
    await q(`CREATE UNIQUE INDEX "uq_data_flows__name" ON "data_flows" (lower("name"))`);
    for (const column of ['from_id', 'to_id', 'transfer_country', 'transfer_mechanism_id', 'retired_at']) {
      await q(`CREATE INDEX "ix_data_flows__${column}" ON "data_flows" ("${column}")`);
    }
    await q(
      `ALTER TABLE "data_flows" ADD CONSTRAINT "fk_data_flows__transfer_mechanism_id" FOREIGN KEY ("transfer_mechanism_id") REFERENCES "legal_bases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_flows"`);
  }
}
