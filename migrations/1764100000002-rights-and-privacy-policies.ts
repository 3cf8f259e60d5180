import type { MigrationInterface, QueryRunner } from 'typeorm';

const gdpr = 'https://w3id.org/dpv/legal/eu/gdpr#';

/** [code, article, name, description, DPV IRI] */
const rights: [string, string, string, string, string][] = [
  [
    'access',
    'Art. 15',
    'Right of access',
    'Obtain confirmation whether personal data is processed, a copy of it, and the information of Art. 15(1).',
    `${gdpr}A15`,
  ],
  [
    'rectification',
    'Art. 16',
    'Right to rectification',
    'Have inaccurate personal data corrected and incomplete data completed.',
    `${gdpr}A16`,
  ],
  [
    'erasure',
    'Art. 17',
    'Right to erasure',
    "Have personal data erased ('right to be forgotten') on the grounds of Art. 17(1).",
    `${gdpr}A17`,
  ],
  [
    'restriction',
    'Art. 18',
    'Right to restriction of processing',
    'Have processing restricted while accuracy or lawfulness is contested, or when data is needed for legal claims.',
    `${gdpr}A18`,
  ],
  [
    'portability',
    'Art. 20',
    'Right to data portability',
    'Receive data provided to the controller in a structured, machine-readable format and have it transmitted to another controller, where processing rests on consent or contract and is automated.',
    `${gdpr}A20`,
  ],
  [
    'objection',
    'Art. 21',
    'Right to object',
    'Object to processing based on Art. 6(1)(e) or (f), and at any time to direct marketing.',
    `${gdpr}A21`,
  ],
  [
    'automated-decision-making',
    'Art. 22',
    'Rights related to automated decision-making',
    'Not to be subject to a decision based solely on automated processing, including profiling, with legal or similarly significant effects.',
    `${gdpr}A22`,
  ],
  [
    'withdraw-consent',
    'Art. 7(3)',
    'Right to withdraw consent',
    'Withdraw consent at any time, as easily as it was given, without affecting earlier processing.',
    `${gdpr}A7-3`,
  ],
  ['complaint', 'Art. 77', 'Right to lodge a complaint', 'Lodge a complaint with a supervisory authority.', `${gdpr}A77`],
];

/** The data subject rights (reference data, read-only) and the organisations' privacy policies. */
export class RightsAndPrivacyPolicies1764100000002 implements MigrationInterface {
  name = 'RightsAndPrivacyPolicies1764100000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_subject_rights" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "code" text NOT NULL, "article" text NOT NULL, "description" text NOT NULL, "dpv_iri" text NOT NULL, CONSTRAINT "PK_47e4661fa70897138766316a8a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_data_subject_rights__code" ON "data_subject_rights" ("code")`);
    await queryRunner.query(
      `CREATE TABLE "privacy_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, "organisation_id" uuid NOT NULL, "description" text, "language" text NOT NULL, "url" text, "last_changed" date, "contact_email" text, "response_days" integer, "rights" jsonb NOT NULL DEFAULT '[]', "notes" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_fc39d828a6634d22c0a1ac6053a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_privacy_policies__name" ON "privacy_policies" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "ix_privacy_policies__organisation_id" ON "privacy_policies" ("organisation_id")`);
    await queryRunner.query(
      `ALTER TABLE "privacy_policies" ADD CONSTRAINT "fk_privacy_policies__organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const [code, article, name, description, dpvIri] of rights) {
      await queryRunner.query(
        `INSERT INTO "data_subject_rights" ("code", "article", "name", "description", "dpv_iri") VALUES ($1, $2, $3, $4, $5)`,
        [code, article, name, description, dpvIri],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "privacy_policies"`);
    await queryRunner.query(`DROP TABLE "data_subject_rights"`);
  }
}
