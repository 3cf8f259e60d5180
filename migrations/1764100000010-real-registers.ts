import type { MigrationInterface, QueryRunner } from 'typeorm';

const buildingBlocks = [
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

/**
 * What real registers state and the schema could not hold (issue "Real registers, faithfully"):
 * the source's own words and internal notes beside every public description; retention that is
 * not a fixed duration; a processor agreement's status; the record's own metadata; notes on
 * legal bases and bases for the activity as a whole; stated absences; contacts, the DPO
 * requirement and the legal framework of an organisation; transfers to international
 * organisations, worldwide or onward; automated decisions; joint controllership.
 *
 * Existing data keeps its meaning: retention rules with a duration become `fixed-duration`,
 * transfers keep their country (`destination: country`), a recipient with an agreement
 * reference has a `signed` agreement, and a recorded DPIA flag stays as it was (null is now "not
 * stated", and new records are not given `false` unasked).
 */
export class RealRegisters1764100000010 implements MigrationInterface {
  name = 'RealRegisters1764100000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const table of buildingBlocks) {
      await q(`ALTER TABLE "${table}" ADD "source_phrase" text`);
      await q(`ALTER TABLE "${table}" ADD "internal_note" text`);
    }

    // Enumerations a source may leave unstated: left out of a request, they are recorded as such.
    for (const [table, column] of [
      ['recipients', 'kind'],
      ['recipients', 'category'],
      ['collection_channels', 'source_type'],
      ['collection_channels', 'mechanism'],
      ['security_measures', 'type'],
    ]) {
      await q(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT 'not-stated'`);
    }

    await q(`ALTER TABLE "retention_rules" ADD "kind" text NOT NULL DEFAULT 'fixed-duration'`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "kind" DROP DEFAULT`);
    await q(`CREATE INDEX "ix_retention_rules__kind" ON "retention_rules" ("kind")`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "duration" DROP NOT NULL`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "start_event" DROP NOT NULL`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "end_action" SET DEFAULT 'not-stated'`);
    await q(`ALTER TABLE "retention_rules" ADD "conditions" jsonb NOT NULL DEFAULT '[]'`);

    await q(`ALTER TABLE "recipients" ADD "processing_agreement_status" text NOT NULL DEFAULT 'not-stated'`);
    await q(`UPDATE "recipients" SET "processing_agreement_status" = 'signed' WHERE "processing_agreement_ref" IS NOT NULL`);
    await q(`ALTER TABLE "recipients" ADD "processing_agreement_date" date`);

    await q(`ALTER TABLE "organisations" ADD "dpo_title" text`);
    await q(`ALTER TABLE "organisations" ADD "dpo_address" text`);
    await q(`ALTER TABLE "organisations" ADD "dpo_required" text NOT NULL DEFAULT 'not-stated'`);
    await q(`ALTER TABLE "organisations" ADD "dpo_required_reason" text`);
    await q(`ALTER TABLE "organisations" ADD "public_body" boolean`);
    await q(`ALTER TABLE "organisations" ADD "contacts" jsonb NOT NULL DEFAULT '[]'`);
    await q(`ALTER TABLE "organisations" ADD "framework" text NOT NULL DEFAULT 'not-stated'`);
    await q(`ALTER TABLE "organisations" ADD "language" text`);
    await q(`ALTER TABLE "organisations" ADD "transfer_mechanism_id" uuid`);
    await q(`ALTER TABLE "organisations" ADD "transfer_mechanism_note" text`);
    await q(`CREATE INDEX "ix_organisations__transfer_mechanism_id" ON "organisations" ("transfer_mechanism_id")`);
    await q(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations__transfer_mechanism_id" FOREIGN KEY ("transfer_mechanism_id") REFERENCES "legal_bases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    for (const [column, type] of [
      ['reference', 'text'],
      ['business_function', 'text'],
      ['record_group', 'text'],
      ['adopted_on', 'date'],
      ['last_reviewed_on', 'date'],
      ['language', 'text'],
      ['source_url', 'text'],
      ['source_phrase', 'text'],
      ['internal_note', 'text'],
      ['automated_decision_logic', 'text'],
      ['automated_decision_significance', 'text'],
      ['automated_decision_safeguards', 'text'],
      ['joint_arrangement_ref', 'text'],
      ['joint_arrangement_essence', 'text'],
    ]) {
      await q(`ALTER TABLE "processing_activities" ADD "${column}" ${type}`);
    }
    await q(`ALTER TABLE "processing_activities" ADD "stated_absences" text array NOT NULL DEFAULT '{}'`);
    await q(`ALTER TABLE "processing_activities" ADD "automated_decisions" text NOT NULL DEFAULT 'not-stated'`);
    await q(`ALTER TABLE "processing_activities" ALTER COLUMN "dpia_required" DROP NOT NULL`);
    await q(`ALTER TABLE "processing_activities" ALTER COLUMN "dpia_required" DROP DEFAULT`);

    await q(`ALTER TABLE "activity_controllers" ADD "relationship" text NOT NULL DEFAULT 'not-stated'`);
    await q(`ALTER TABLE "activity_purpose_legal_bases" ADD "note" text`);

    await q(`ALTER TABLE "activity_transfers" ADD "destination" text NOT NULL DEFAULT 'country'`);
    await q(`ALTER TABLE "activity_transfers" ALTER COLUMN "destination" DROP DEFAULT`);
    await q(`ALTER TABLE "activity_transfers" ALTER COLUMN "country" DROP NOT NULL`);
    await q(`ALTER TABLE "activity_transfers" ADD "international_organisation" text`);
    await q(`ALTER TABLE "activity_transfers" ADD "via_recipient_id" uuid`);
    await q(`CREATE INDEX "ix_activity_transfers__via_recipient_id" ON "activity_transfers" ("via_recipient_id")`);
    await q(
      `ALTER TABLE "activity_transfers" ADD CONSTRAINT "fk_activity_transfers__via_recipient_id" FOREIGN KEY ("via_recipient_id") REFERENCES "recipients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q(
      `CREATE TABLE "activity_legal_bases" ("activity_id" uuid NOT NULL, "legal_basis_id" uuid NOT NULL, "note" text, CONSTRAINT "PK_ae805e418f5ed70818764a604a4" PRIMARY KEY ("activity_id", "legal_basis_id"))`,
    );
    await q(`CREATE INDEX "ix_activity_legal_bases__legal_basis_id" ON "activity_legal_bases" ("legal_basis_id")`);
    await q(
      `ALTER TABLE "activity_legal_bases" ADD CONSTRAINT "fk_activity_legal_bases__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q(
      `ALTER TABLE "activity_legal_bases" ADD CONSTRAINT "fk_activity_legal_bases__legal_basis_id" FOREIGN KEY ("legal_basis_id") REFERENCES "legal_bases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q(
      `CREATE TABLE "activity_retention_rules" ("activity_id" uuid NOT NULL, "retention_rule_id" uuid NOT NULL, CONSTRAINT "PK_ec227acdf7a2d2d386859496e67" PRIMARY KEY ("activity_id", "retention_rule_id"))`,
    );
    await q(`CREATE INDEX "ix_activity_retention_rules__retention_rule_id" ON "activity_retention_rules" ("retention_rule_id")`);
    await q(
      `ALTER TABLE "activity_retention_rules" ADD CONSTRAINT "fk_activity_retention_rules__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q(
      `ALTER TABLE "activity_retention_rules" ADD CONSTRAINT "fk_activity_retention_rules__retention_rule_id" FOREIGN KEY ("retention_rule_id") REFERENCES "retention_rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  /** Back to the earlier shape. What it cannot hold is filled in (a retention rule without a duration gets P0D, a transfer without a country ZZ). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE "activity_retention_rules"`);
    await q(`DROP TABLE "activity_legal_bases"`);

    await q(`ALTER TABLE "activity_transfers" DROP CONSTRAINT "fk_activity_transfers__via_recipient_id"`);
    await q(`DROP INDEX "ix_activity_transfers__via_recipient_id"`);
    await q(`ALTER TABLE "activity_transfers" DROP COLUMN "via_recipient_id"`);
    await q(`ALTER TABLE "activity_transfers" DROP COLUMN "international_organisation"`);
    await q(`UPDATE "activity_transfers" SET "country" = 'ZZ' WHERE "country" IS NULL`);
    await q(`ALTER TABLE "activity_transfers" ALTER COLUMN "country" SET NOT NULL`);
    await q(`ALTER TABLE "activity_transfers" DROP COLUMN "destination"`);

    await q(`ALTER TABLE "activity_purpose_legal_bases" DROP COLUMN "note"`);
    await q(`ALTER TABLE "activity_controllers" DROP COLUMN "relationship"`);

    await q(`UPDATE "processing_activities" SET "dpia_required" = false WHERE "dpia_required" IS NULL`);
    await q(`ALTER TABLE "processing_activities" ALTER COLUMN "dpia_required" SET DEFAULT false`);
    await q(`ALTER TABLE "processing_activities" ALTER COLUMN "dpia_required" SET NOT NULL`);
    for (const column of [
      'reference',
      'business_function',
      'record_group',
      'adopted_on',
      'last_reviewed_on',
      'language',
      'source_url',
      'source_phrase',
      'internal_note',
      'stated_absences',
      'automated_decisions',
      'automated_decision_logic',
      'automated_decision_significance',
      'automated_decision_safeguards',
      'joint_arrangement_ref',
      'joint_arrangement_essence',
    ]) {
      await q(`ALTER TABLE "processing_activities" DROP COLUMN "${column}"`);
    }

    await q(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisations__transfer_mechanism_id"`);
    await q(`DROP INDEX "ix_organisations__transfer_mechanism_id"`);
    for (const column of [
      'dpo_title',
      'dpo_address',
      'dpo_required',
      'dpo_required_reason',
      'public_body',
      'contacts',
      'framework',
      'language',
      'transfer_mechanism_id',
      'transfer_mechanism_note',
    ]) {
      await q(`ALTER TABLE "organisations" DROP COLUMN "${column}"`);
    }

    await q(`ALTER TABLE "recipients" DROP COLUMN "processing_agreement_date"`);
    await q(`ALTER TABLE "recipients" DROP COLUMN "processing_agreement_status"`);

    await q(`ALTER TABLE "retention_rules" DROP COLUMN "conditions"`);
    await q(`UPDATE "retention_rules" SET "end_action" = 'erase' WHERE "end_action" NOT IN ('erase', 'anonymise', 'review')`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "end_action" SET DEFAULT 'erase'`);
    await q(`UPDATE "retention_rules" SET "start_event" = 'not stated' WHERE "start_event" IS NULL`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "start_event" SET NOT NULL`);
    await q(`UPDATE "retention_rules" SET "duration" = 'P0D' WHERE "duration" IS NULL`);
    await q(`ALTER TABLE "retention_rules" ALTER COLUMN "duration" SET NOT NULL`);
    await q(`DROP INDEX "ix_retention_rules__kind"`);
    await q(`ALTER TABLE "retention_rules" DROP COLUMN "kind"`);

    for (const [table, column] of [
      ['recipients', 'kind'],
      ['recipients', 'category'],
      ['collection_channels', 'source_type'],
      ['collection_channels', 'mechanism'],
      ['security_measures', 'type'],
    ]) {
      await q(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP DEFAULT`);
    }
    for (const table of buildingBlocks) {
      await q(`ALTER TABLE "${table}" DROP COLUMN "internal_note"`);
      await q(`ALTER TABLE "${table}" DROP COLUMN "source_phrase"`);
    }
  }
}
