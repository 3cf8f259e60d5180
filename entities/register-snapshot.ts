import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';

export const signingKeySources = ['generated', 'configured'] as const;
export type SigningKeySource = (typeof signingKeySources)[number];

/**
 * A key that signs (or signed) register snapshots. Every key ever used stays here, so the JWKS
 * keeps verifying old snapshots after a key is rotated. Only a generated key keeps its private
 * half (PKCS8 PEM) here; a configured key (SNAPSHOT_SIGNING_KEY) is recorded by its public half.
 */
@Entity('register_signing_keys')
export class RegisterSigningKey {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_register_signing_keys' })
  kid!: string;

  @Column('text')
  algorithm!: string;

  /** The public key as a JWK (kty, crv, x). */
  @Column('jsonb')
  publicJwk!: Record<string, string>;

  @Column('text', { nullable: true })
  privateKeyPem!: string | null;

  @Column('text')
  source!: SigningKeySource;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}

/**
 * A frozen register export, signed: the compact JWS holds the exact JSON bytes as its payload.
 * Append-only: no API or service path updates or deletes a snapshot.
 */
@Entity('register_snapshots')
@Index('ix_register_snapshots__created_at', ['createdAt'])
@Index('ix_register_snapshots__kid', ['kid'])
export class RegisterSnapshot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_register_snapshots' })
  id!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  /** The token subject of whoever asked for it. */
  @Column('text')
  createdBy!: string;

  @Column('text')
  kid!: string;

  @ManyToOne(() => RegisterSigningKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kid', referencedColumnName: 'kid', foreignKeyConstraintName: 'fk_register_snapshots__kid' })
  key?: Relation<RegisterSigningKey>;

  /** SHA-256 of the payload bytes, hex. */
  @Column('text')
  sha256!: string;

  @Column('integer')
  byteSize!: number;

  @Column('integer')
  activityCount!: number;

  /** The register export's own generatedAt. */
  @Column('timestamptz')
  generatedAt!: Date;

  @Column('text')
  jws!: string;
}
