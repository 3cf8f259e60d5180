import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Organisation } from './organisation';
import { BuildingBlock } from './building-block';

export const recipientKinds = [
  'processor',
  'independent-controller',
  'joint-controller',
  'public-authority',
  'internal',
  // Anyone: data that is published (a photo on a website, a public register).
  'the-public',
  'not-stated',
] as const;
export type RecipientKind = (typeof recipientKinds)[number];

export const recipientCategories = [
  'service-partner',
  'hosting-provider',
  'analytics-provider',
  'payment-provider',
  'credit-bureau',
  'fraud-prevention',
  'collection-agency',
  'domain-registry',
  'regional-internet-registry',
  'law-enforcement',
  'regulator',
  'court',
  'claimant',
  'professional-adviser',
  'internal-department',
  'other',
  'not-stated',
] as const;
export type RecipientCategory = (typeof recipientCategories)[number];

/** Whether the Art. 28 agreement with a processor exists: signed, being negotiated, not needed, or not stated. */
export const processingAgreementStatuses = ['signed', 'in-negotiation', 'not-needed', 'not-stated'] as const;
export type ProcessingAgreementStatus = (typeof processingAgreementStatuses)[number];

/** Who receives personal data (Art. 30(1)(d)); processors need an Art. 28 agreement. */
@Entity('recipients')
@Index('uq_recipients__name', { synchronize: false })
export class Recipient extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_recipients__kind')
  @Column('text', { default: 'not-stated' })
  kind!: RecipientKind;

  @Index('ix_recipients__category')
  @Column('text', { default: 'not-stated' })
  category!: RecipientCategory;

  @Index('ix_recipients__country')
  @Column('text', { nullable: true })
  country!: string | null;

  @Index('ix_recipients__organisation_id')
  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_recipients__organisation_id' })
  organisation?: Relation<Organisation> | null;

  @Column('text', { default: 'not-stated' })
  processingAgreementStatus!: ProcessingAgreementStatus;

  @Column('date', { nullable: true })
  processingAgreementDate!: string | null;

  @Column('text', { nullable: true })
  processingAgreementRef!: string | null;
}
