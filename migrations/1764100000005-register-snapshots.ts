import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed register snapshots, and the keys that sign them. A snapshot names its key (kid), which
 * can therefore never be removed while a snapshot needs it for verification.
 */
export class RegisterSnapshots1764100000005 implements MigrationInterface {
  name = 'RegisterSnapshots1764100000005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "register_signing_keys" ("kid" text NOT NULL, "algorithm" text NOT NULL, "public_jwk" jsonb NOT NULL, "private_key_pem" text, "source" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_register_signing_keys" PRIMARY KEY ("kid"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" text NOT NULL, "kid" text NOT NULL, "sha256" text NOT NULL, "byte_size" integer NOT NULL, "activity_count" integer NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "jws" text NOT NULL, CONSTRAINT "PK_register_snapshots" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_register_snapshots__created_at" ON "register_snapshots" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_register_snapshots__kid" ON "register_snapshots" ("kid")`);
    await queryRunner.query(
      `ALTER TABLE "register_snapshots" ADD CONSTRAINT "fk_register_snapshots__kid" FOREIGN KEY ("kid") REFERENCES "register_signing_keys"("kid") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "register_snapshots"`);
    await queryRunner.query(`DROP TABLE "register_signing_keys"`);
  }
}
