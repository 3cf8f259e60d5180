import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { DataSubjectRightCode } from './data-subject-right';
import { Organisation } from './organisation';
import { OwnedEntry } from './owned-entry';

/** How the organisation says a right can be exercised, e.g. the fee it may ask for access. */
export interface RightStatement {
  right: DataSubjectRightCode;
  description: string;
  feeNote?: string;
  source?: string;
}

/** A statement of the policy with no other home in the register (marketing opt-out, links…). */
export interface PolicyNote {
  topic: string;
  text: string;
  source?: string;
}

/** A published privacy policy (Art. 13/14 notice) of an organisation: contact, rights, last change. */
@Entity('privacy_policies')
@Index('uq_privacy_policies__name', { synchronize: false })
export class PrivacyPolicy extends OwnedEntry {
  @Index('ix_privacy_policies__organisation_id')
  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_privacy_policies__organisation_id' })
  organisation?: Relation<Organisation>;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text')
  language!: string;

  @Column('text', { nullable: true })
  url!: string | null;

  @Column('date', { nullable: true })
  lastChanged!: string | null;

  @Column('text', { nullable: true })
  contactEmail!: string | null;

  @Column('integer', { nullable: true })
  responseDays!: number | null;

  @Column('jsonb', { default: () => "'[]'" })
  rights!: RightStatement[];

  @Column('jsonb', { default: () => "'[]'" })
  notes!: PolicyNote[];
}
