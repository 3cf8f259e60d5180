import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A POST made with an Idempotency-Key: its request fingerprint and, once done, its response. */
@Entity('idempotency_keys')
@Index('ix_idempotency_keys__created_at', ['createdAt'])
export class IdempotencyKey {
  /** Keys are per caller (token subject): two callers may pick the same key. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_idempotency_keys' })
  principal!: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_idempotency_keys' })
  key!: string;

  @Column('text')
  requestHash!: string;

  @Column('integer', { nullable: true })
  statusCode!: number | null;

  @Column('jsonb', { nullable: true })
  response!: unknown;

  @Column('jsonb', { nullable: true })
  headers!: Record<string, string> | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
