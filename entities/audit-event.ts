import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const auditActions = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * One change to a register entry: who, when, what, and the entry before and after, written in
 * the same transaction as the change. Append-only: a trigger refuses UPDATE and DELETE.
 */
@Entity('audit_events')
@Index('ix_audit_events__resource__entity_id__occurred_at', ['resource', 'entityId', 'occurredAt'])
@Index('ix_audit_events__occurred_at', ['occurredAt'])
@Index('ix_audit_events__actor', ['actor'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_events' })
  sequence!: string;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column('text')
  actor!: string;

  @Column('text')
  action!: AuditAction;

  @Column('text')
  resource!: string;

  @Column('uuid')
  entityId!: string;

  @Column('text')
  entityName!: string;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId!: string | null;
}
