import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BuildingBlock } from './building-block';
import { LegalBasis } from './legal-basis';

export const organisationRoles = ['controller', 'joint-controller', 'processor', 'representative', 'other'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

/** What a contact is for: the DPO, a privacy desk, HR for applicants, a general address… */
export const contactRoles = ['dpo', 'privacy-desk', 'hr', 'general', 'security', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

/** One contact of an organisation, with its role; what the source does not state is null. */
export interface OrganisationContact {
  role: ContactRole;
  name: string | null;
  /** A function or title, when the source names the role rather than the person ("Head of the Legal Office"). */
  title: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** Whether a DPO must be designated (Art. 37, or national law): stated yes or no, or not stated. */
export const dpoRequirements = ['yes', 'no', 'not-stated'] as const;
export type DpoRequirement = (typeof dpoRequirements)[number];

/**
 * The law a register is kept under: the GDPR (Art. 30), the UK GDPR, or Regulation (EU) 2018/1725
 * for the EU institutions (Art. 31) — or not stated.
 */
export const legalFrameworks = ['gdpr', 'uk-gdpr', 'eudpr', 'not-stated'] as const;
export type LegalFramework = (typeof legalFrameworks)[number];

/** A legal person named in the register: controller, processor, joint controller, representative. */
@Entity('organisations')
@Index('uq_organisations__name', { synchronize: false })
export class Organisation extends BuildingBlock {
  @Column('text', { array: true, default: () => "'{}'" })
  roles!: OrganisationRole[];

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { nullable: true })
  registrationNumber!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Index('ix_organisations__country')
  @Column('text', { nullable: true })
  country!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  website!: string | null;

  @Column('text', { nullable: true })
  dpoName!: string | null;

  @Column('text', { nullable: true })
  dpoEmail!: string | null;

  @Column('text', { nullable: true })
  dpoPhone!: string | null;

  @Column('text', { nullable: true })
  privacyContactEmail!: string | null;

  @Column('integer', { nullable: true })
  privacyResponseDays!: number | null;

  @Column('text', { nullable: true })
  dpoTitle!: string | null;

  @Column('text', { nullable: true })
  dpoAddress!: string | null;

  @Column('text', { default: 'not-stated' })
  dpoRequired!: DpoRequirement;

  @Column('text', { nullable: true })
  dpoRequiredReason!: string | null;

  /** A public authority or body (Art. 37(1)(a): it must designate a DPO, whatever it says); null: not stated. */
  @Column('boolean', { nullable: true })
  publicBody!: boolean | null;

  @Column('jsonb', { default: () => "'[]'" })
  contacts!: OrganisationContact[];

  @Column('text', { default: 'not-stated' })
  framework!: LegalFramework;

  /** The language its register and notices are written in (BCP 47); null: not stated. */
  @Column('text', { nullable: true })
  language!: string | null;

  /** One mechanism the organisation states for all its transfers ("all transfers under SCC 2021/914"). */
  @Index('ix_organisations__transfer_mechanism_id')
  @Column('uuid', { nullable: true })
  transferMechanismId!: string | null;

  @ManyToOne(() => LegalBasis, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transfer_mechanism_id', foreignKeyConstraintName: 'fk_organisations__transfer_mechanism_id' })
  transferMechanism?: Relation<LegalBasis> | null;

  @Column('text', { nullable: true })
  transferMechanismNote!: string | null;

  @Index('ix_organisations__representative_id')
  @Column('uuid', { nullable: true })
  representativeId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'representative_id', foreignKeyConstraintName: 'fk_organisations__representative_id' })
  representative?: Relation<Organisation> | null;
}
