import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's tables. Names are unique per kind, case-insensitively (lower(name) indexes),
 * so "Customers" and "customers" cannot both exist. Every foreign key and filter column is
 * indexed. Links cascade with their activity; a linked building block cannot be deleted.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "collection_channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "source_type" text NOT NULL, "mechanism" text NOT NULL, "cookie" jsonb, CONSTRAINT "PK_848fa454efeeac4a2b357f02c19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_collection_channels__name" ON "collection_channels" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_collection_channels__source_type" ON "collection_channels" ("source_type")`);
    await queryRunner.query(`CREATE INDEX "ix_collection_channels__mechanism" ON "collection_channels" ("mechanism")`);
    await queryRunner.query(
      `CREATE TABLE "data_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "examples" text array NOT NULL DEFAULT '{}', "sensitivity" text NOT NULL DEFAULT 'standard', "parent_id" uuid, CONSTRAINT "PK_91d6b4c02738ac9235dd8f0c386" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_data_categories__name" ON "data_categories" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_data_categories__sensitivity" ON "data_categories" ("sensitivity")`);
    await queryRunner.query(`CREATE INDEX "ix_data_categories__parent_id" ON "data_categories" ("parent_id")`);
    await queryRunner.query(
      `CREATE TABLE "data_subject_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "vulnerable" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_6b6c17cffd27d396655fdd81635" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_data_subject_categories__name" ON "data_subject_categories" (lower("name"))`);
    await queryRunner.query(
      `CREATE TABLE "legal_bases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "code" text NOT NULL, "kind" text NOT NULL, "article" text NOT NULL, "description" text, "dpv_iri" text, "jurisdiction" text NOT NULL DEFAULT 'EU', "built_in" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_985d9a2bda8008e0f72b598003d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legal_bases__code" ON "legal_bases" ("code")`);
    await queryRunner.query(`CREATE INDEX "ix_legal_bases__kind" ON "legal_bases" ("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_legal_bases__built_in" ON "legal_bases" ("built_in")`);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "roles" text array NOT NULL DEFAULT '{}', "description" text, "registration_number" text, "address" text, "country" text, "email" text, "phone" text, "website" text, "dpo_name" text, "dpo_email" text, "dpo_phone" text, "privacy_contact_email" text, "privacy_response_days" integer, "representative_id" uuid, CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations__name" ON "organisations" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_organisations__country" ON "organisations" ("country")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations__representative_id" ON "organisations" ("representative_id")`);
    await queryRunner.query(
      `CREATE TABLE "processing_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "role" text NOT NULL DEFAULT 'controller', "status" text NOT NULL DEFAULT 'draft', "owner" text, "review_due_at" date, "dpia_required" boolean NOT NULL DEFAULT false, "dpia_reference" text, CONSTRAINT "PK_98cba87bf36a4d3fa9130b2a74e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_processing_activities__name" ON "processing_activities" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_processing_activities__role" ON "processing_activities" ("role")`);
    await queryRunner.query(`CREATE INDEX "ix_processing_activities__status" ON "processing_activities" ("status")`);
    await queryRunner.query(`CREATE INDEX "ix_processing_activities__owner" ON "processing_activities" ("owner")`);
    await queryRunner.query(
      `CREATE TABLE "purposes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, CONSTRAINT "PK_2586481eca3a09f84fcf5fa2353" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_purposes__name" ON "purposes" (lower("name"))`);
    await queryRunner.query(
      `CREATE TABLE "recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "kind" text NOT NULL, "category" text NOT NULL, "country" text, "organisation_id" uuid, "processing_agreement_ref" text, CONSTRAINT "PK_de8fc5a9c364568f294798fe1e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recipients__name" ON "recipients" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_recipients__kind" ON "recipients" ("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_recipients__category" ON "recipients" ("category")`);
    await queryRunner.query(`CREATE INDEX "ix_recipients__country" ON "recipients" ("country")`);
    await queryRunner.query(`CREATE INDEX "ix_recipients__organisation_id" ON "recipients" ("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "retention_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "duration" text NOT NULL, "maximum_duration" text, "start_event" text NOT NULL, "end_action" text NOT NULL DEFAULT 'erase', "legal_reference" text, CONSTRAINT "PK_95784069953cd8ee9296c6e947b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_retention_rules__name" ON "retention_rules" (lower("name"))`);
    await queryRunner.query(
      `CREATE TABLE "security_measures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "description" text, "type" text NOT NULL, "standard_reference" text, CONSTRAINT "PK_a27b46014cbc0c0919edf4052bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_security_measures__name" ON "security_measures" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_security_measures__type" ON "security_measures" ("type")`);
    await queryRunner.query(
      `CREATE TABLE "activity_controllers" ("activity_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_b24e39de64a0441c488798acab4" PRIMARY KEY ("activity_id", "organisation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_activity_controllers__organisation_id" ON "activity_controllers" ("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "activity_purposes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "purpose_id" uuid NOT NULL, "legitimate_interest" text, "assessment_reference" text, CONSTRAINT "PK_de056377f1cc961f22c2a6627c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_activity_purposes__purpose_id" ON "activity_purposes" ("purpose_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_activity_purposes__activity_id__purpose_id" ON "activity_purposes" ("activity_id", "purpose_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_purpose_legal_bases" ("activity_purpose_id" uuid NOT NULL, "legal_basis_id" uuid NOT NULL, "activity_id" uuid NOT NULL, CONSTRAINT "PK_5dab5f0bb4a689814b75f5e9083" PRIMARY KEY ("activity_purpose_id", "legal_basis_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_purpose_legal_bases__activity_id" ON "activity_purpose_legal_bases" ("activity_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_purpose_legal_bases__legal_basis_id" ON "activity_purpose_legal_bases" ("legal_basis_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_data_subject_categories" ("activity_id" uuid NOT NULL, "data_subject_category_id" uuid NOT NULL, CONSTRAINT "PK_158a4172a1b92b35033d9b8513e" PRIMARY KEY ("activity_id", "data_subject_category_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_data_subject_categories__data_subject_category_id" ON "activity_data_subject_categories" ("data_subject_category_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_data_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "data_category_id" uuid NOT NULL, "retention_rule_id" uuid, CONSTRAINT "PK_22b3e541d090c37d8a2898f0b9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_data_categories__retention_rule_id" ON "activity_data_categories" ("retention_rule_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_data_categories__data_category_id" ON "activity_data_categories" ("data_category_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_activity_data_categories__activity_id__data_category_id" ON "activity_data_categories" ("activity_id", "data_category_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_data_category_sources" ("activity_data_category_id" uuid NOT NULL, "collection_channel_id" uuid NOT NULL, "activity_id" uuid NOT NULL, CONSTRAINT "PK_c202976a1f2c2699b60b6226572" PRIMARY KEY ("activity_data_category_id", "collection_channel_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_data_category_sources__activity_id" ON "activity_data_category_sources" ("activity_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_data_category_sources__collection_channel_id" ON "activity_data_category_sources" ("collection_channel_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_collection_channels" ("activity_id" uuid NOT NULL, "collection_channel_id" uuid NOT NULL, CONSTRAINT "PK_37bc83d32204224454c4ba432f0" PRIMARY KEY ("activity_id", "collection_channel_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_collection_channels__collection_channel_id" ON "activity_collection_channels" ("collection_channel_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, CONSTRAINT "PK_f5ac70279e5444330801b09d116" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_activity_recipients__recipient_id" ON "activity_recipients" ("recipient_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_activity_recipients__activity_id__recipient_id" ON "activity_recipients" ("activity_id", "recipient_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_recipient_data_categories" ("activity_recipient_id" uuid NOT NULL, "data_category_id" uuid NOT NULL, "activity_id" uuid NOT NULL, CONSTRAINT "PK_8bbd5b0ba64279e10e1fa7f008b" PRIMARY KEY ("activity_recipient_id", "data_category_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_recipient_data_categories__activity_id" ON "activity_recipient_data_categories" ("activity_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_recipient_data_categories__data_category_id" ON "activity_recipient_data_categories" ("data_category_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "country" text NOT NULL, "mechanism_id" uuid, "safeguard" text, "tia_reference" text, CONSTRAINT "PK_1b87ab4fa6495bd3d87b25f522b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_activity_transfers__mechanism_id" ON "activity_transfers" ("mechanism_id")`);
    await queryRunner.query(`CREATE INDEX "ix_activity_transfers__recipient_id" ON "activity_transfers" ("recipient_id")`);
    await queryRunner.query(`CREATE INDEX "ix_activity_transfers__activity_id" ON "activity_transfers" ("activity_id")`);
    await queryRunner.query(
      `CREATE TABLE "activity_security_measures" ("activity_id" uuid NOT NULL, "security_measure_id" uuid NOT NULL, CONSTRAINT "PK_55d0aa0ed662af0b705655796ca" PRIMARY KEY ("activity_id", "security_measure_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_activity_security_measures__security_measure_id" ON "activity_security_measures" ("security_measure_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_categories" ADD CONSTRAINT "fk_data_categories__parent_id" FOREIGN KEY ("parent_id") REFERENCES "data_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations__representative_id" FOREIGN KEY ("representative_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recipients" ADD CONSTRAINT "fk_recipients__organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_controllers" ADD CONSTRAINT "fk_activity_controllers__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_controllers" ADD CONSTRAINT "fk_activity_controllers__organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_purposes" ADD CONSTRAINT "fk_activity_purposes__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_purposes" ADD CONSTRAINT "fk_activity_purposes__purpose_id" FOREIGN KEY ("purpose_id") REFERENCES "purposes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_purpose_legal_bases" ADD CONSTRAINT "fk_activity_purpose_legal_bases__activity_purpose_id" FOREIGN KEY ("activity_purpose_id") REFERENCES "activity_purposes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_purpose_legal_bases" ADD CONSTRAINT "fk_activity_purpose_legal_bases__legal_basis_id" FOREIGN KEY ("legal_basis_id") REFERENCES "legal_bases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_purpose_legal_bases" ADD CONSTRAINT "fk_activity_purpose_legal_bases__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_subject_categories" ADD CONSTRAINT "fk_activity_data_subject_categories__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_subject_categories" ADD CONSTRAINT "fk_activity_data_subject_categories__data_subject_category_id" FOREIGN KEY ("data_subject_category_id") REFERENCES "data_subject_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_categories" ADD CONSTRAINT "fk_activity_data_categories__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_categories" ADD CONSTRAINT "fk_activity_data_categories__data_category_id" FOREIGN KEY ("data_category_id") REFERENCES "data_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_categories" ADD CONSTRAINT "fk_activity_data_categories__retention_rule_id" FOREIGN KEY ("retention_rule_id") REFERENCES "retention_rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_category_sources" ADD CONSTRAINT "fk_activity_data_category_sources__activity_data_category_id" FOREIGN KEY ("activity_data_category_id") REFERENCES "activity_data_categories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_category_sources" ADD CONSTRAINT "fk_activity_data_category_sources__collection_channel_id" FOREIGN KEY ("collection_channel_id") REFERENCES "collection_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_data_category_sources" ADD CONSTRAINT "fk_activity_data_category_sources__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_collection_channels" ADD CONSTRAINT "fk_activity_collection_channels__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_collection_channels" ADD CONSTRAINT "fk_activity_collection_channels__collection_channel_id" FOREIGN KEY ("collection_channel_id") REFERENCES "collection_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_recipients" ADD CONSTRAINT "fk_activity_recipients__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_recipients" ADD CONSTRAINT "fk_activity_recipients__recipient_id" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_recipient_data_categories" ADD CONSTRAINT "fk_activity_recipient_data_categories__activity_recipient_id" FOREIGN KEY ("activity_recipient_id") REFERENCES "activity_recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_recipient_data_categories" ADD CONSTRAINT "fk_activity_recipient_data_categories__data_category_id" FOREIGN KEY ("data_category_id") REFERENCES "data_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_recipient_data_categories" ADD CONSTRAINT "fk_activity_recipient_data_categories__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_transfers" ADD CONSTRAINT "fk_activity_transfers__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_transfers" ADD CONSTRAINT "fk_activity_transfers__recipient_id" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_transfers" ADD CONSTRAINT "fk_activity_transfers__mechanism_id" FOREIGN KEY ("mechanism_id") REFERENCES "legal_bases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_security_measures" ADD CONSTRAINT "fk_activity_security_measures__activity_id" FOREIGN KEY ("activity_id") REFERENCES "processing_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_security_measures" ADD CONSTRAINT "fk_activity_security_measures__security_measure_id" FOREIGN KEY ("security_measure_id") REFERENCES "security_measures"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_security_measures" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_transfers" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_recipient_data_categories" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_recipients" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_collection_channels" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_data_category_sources" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_data_categories" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_data_subject_categories" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_purpose_legal_bases" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_purposes" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_controllers" CASCADE`);
    await queryRunner.query(`DROP TABLE "security_measures" CASCADE`);
    await queryRunner.query(`DROP TABLE "retention_rules" CASCADE`);
    await queryRunner.query(`DROP TABLE "recipients" CASCADE`);
    await queryRunner.query(`DROP TABLE "purposes" CASCADE`);
    await queryRunner.query(`DROP TABLE "processing_activities" CASCADE`);
    await queryRunner.query(`DROP TABLE "organisations" CASCADE`);
    await queryRunner.query(`DROP TABLE "legal_bases" CASCADE`);
    await queryRunner.query(`DROP TABLE "data_subject_categories" CASCADE`);
    await queryRunner.query(`DROP TABLE "data_categories" CASCADE`);
    await queryRunner.query(`DROP TABLE "collection_channels" CASCADE`);
  }
}
