import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CollectionChannel } from './collection-channel';
import { DataCategory } from './data-category';
import { DataSubjectCategory } from './data-subject-category';
import { LegalBasis } from './legal-basis';
import { Organisation } from './organisation';
import { ProcessingActivity } from './processing-activity';
import { Purpose } from './purpose';
import { Recipient } from './recipient';
import { RetentionRule } from './retention-rule';
import { SecurityMeasure } from './security-measure';
import { System } from './system';

// Every link row carries activity_id (also the nested ones), so "what links to X" and
// "all links of these activities" are one indexed lookup each. Links go when their activity
// goes (CASCADE); a building block that is still linked cannot be deleted (RESTRICT).

/** How the controllers of one record relate: joint (Art. 26), separate controllers, or not stated. */
export const controllerRelationships = ['joint', 'separate', 'not-stated'] as const;
export type ControllerRelationship = (typeof controllerRelationships)[number];

@Entity('activity_controllers')
@Index('ix_activity_controllers__organisation_id', ['organisationId'])
export class ActivityController {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  organisationId!: string;

  @Column('text', { default: 'not-stated' })
  relationship!: ControllerRelationship;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_controllers__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_activity_controllers__organisation_id' })
  organisation?: Relation<Organisation>;
}

@Entity('activity_purposes')
@Index('uq_activity_purposes__activity_id__purpose_id', ['activityId', 'purposeId'], { unique: true })
@Index('ix_activity_purposes__purpose_id', ['purposeId'])
export class ActivityPurpose {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  activityId!: string;

  @Column('uuid')
  purposeId!: string;

  @Column('text', { nullable: true })
  legitimateInterest!: string | null;

  @Column('text', { nullable: true })
  assessmentReference!: string | null;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_purposes__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => Purpose, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purpose_id', foreignKeyConstraintName: 'fk_activity_purposes__purpose_id' })
  purpose?: Relation<Purpose>;
}

@Entity('activity_purpose_legal_bases')
@Index('ix_activity_purpose_legal_bases__legal_basis_id', ['legalBasisId'])
@Index('ix_activity_purpose_legal_bases__activity_id', ['activityId'])
export class ActivityPurposeLegalBasis {
  @PrimaryColumn('uuid')
  activityPurposeId!: string;

  @PrimaryColumn('uuid')
  legalBasisId!: string;

  @Column('uuid')
  activityId!: string;

  /** The basis in the source's words, or the national law and article it rests on. */
  @Column('text', { nullable: true })
  note!: string | null;

  @ManyToOne(() => ActivityPurpose, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'activity_purpose_id',
    foreignKeyConstraintName: 'fk_activity_purpose_legal_bases__activity_purpose_id',
  })
  activityPurpose?: Relation<ActivityPurpose>;

  @ManyToOne(() => LegalBasis, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legal_basis_id', foreignKeyConstraintName: 'fk_activity_purpose_legal_bases__legal_basis_id' })
  legalBasis?: Relation<LegalBasis>;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_purpose_legal_bases__activity_id' })
  activity?: Relation<ProcessingActivity>;
}

@Entity('activity_data_subject_categories')
@Index('ix_activity_data_subject_categories__data_subject_category_id', ['dataSubjectCategoryId'])
export class ActivityDataSubjectCategory {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  dataSubjectCategoryId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_data_subject_categories__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => DataSubjectCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'data_subject_category_id',
    foreignKeyConstraintName: 'fk_activity_data_subject_categories__data_subject_category_id',
  })
  dataSubjectCategory?: Relation<DataSubjectCategory>;
}

@Entity('activity_data_categories')
@Index('uq_activity_data_categories__activity_id__data_category_id', ['activityId', 'dataCategoryId'], { unique: true })
@Index('ix_activity_data_categories__data_category_id', ['dataCategoryId'])
@Index('ix_activity_data_categories__retention_rule_id', ['retentionRuleId'])
export class ActivityDataCategory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  activityId!: string;

  @Column('uuid')
  dataCategoryId!: string;

  @Column('uuid', { nullable: true })
  retentionRuleId!: string | null;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_data_categories__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => DataCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_category_id', foreignKeyConstraintName: 'fk_activity_data_categories__data_category_id' })
  dataCategory?: Relation<DataCategory>;

  @ManyToOne(() => RetentionRule, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retention_rule_id', foreignKeyConstraintName: 'fk_activity_data_categories__retention_rule_id' })
  retentionRule?: Relation<RetentionRule> | null;
}

@Entity('activity_data_category_sources')
@Index('ix_activity_data_category_sources__collection_channel_id', ['collectionChannelId'])
@Index('ix_activity_data_category_sources__activity_id', ['activityId'])
export class ActivityDataCategorySource {
  @PrimaryColumn('uuid')
  activityDataCategoryId!: string;

  @PrimaryColumn('uuid')
  collectionChannelId!: string;

  @Column('uuid')
  activityId!: string;

  @ManyToOne(() => ActivityDataCategory, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'activity_data_category_id',
    foreignKeyConstraintName: 'fk_activity_data_category_sources__activity_data_category_id',
  })
  activityDataCategory?: Relation<ActivityDataCategory>;

  @ManyToOne(() => CollectionChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'collection_channel_id',
    foreignKeyConstraintName: 'fk_activity_data_category_sources__collection_channel_id',
  })
  collectionChannel?: Relation<CollectionChannel>;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_data_category_sources__activity_id' })
  activity?: Relation<ProcessingActivity>;
}

@Entity('activity_collection_channels')
@Index('ix_activity_collection_channels__collection_channel_id', ['collectionChannelId'])
export class ActivityCollectionChannel {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  collectionChannelId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_collection_channels__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => CollectionChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'collection_channel_id',
    foreignKeyConstraintName: 'fk_activity_collection_channels__collection_channel_id',
  })
  collectionChannel?: Relation<CollectionChannel>;
}

@Entity('activity_recipients')
@Index('uq_activity_recipients__activity_id__recipient_id', ['activityId', 'recipientId'], { unique: true })
@Index('ix_activity_recipients__recipient_id', ['recipientId'])
export class ActivityRecipient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  activityId!: string;

  @Column('uuid')
  recipientId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_recipients__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => Recipient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_activity_recipients__recipient_id' })
  recipient?: Relation<Recipient>;
}

@Entity('activity_recipient_data_categories')
@Index('ix_activity_recipient_data_categories__data_category_id', ['dataCategoryId'])
@Index('ix_activity_recipient_data_categories__activity_id', ['activityId'])
export class ActivityRecipientDataCategory {
  @PrimaryColumn('uuid')
  activityRecipientId!: string;

  @PrimaryColumn('uuid')
  dataCategoryId!: string;

  @Column('uuid')
  activityId!: string;

  @ManyToOne(() => ActivityRecipient, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'activity_recipient_id',
    foreignKeyConstraintName: 'fk_activity_recipient_data_categories__activity_recipient_id',
  })
  activityRecipient?: Relation<ActivityRecipient>;

  @ManyToOne(() => DataCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'data_category_id',
    foreignKeyConstraintName: 'fk_activity_recipient_data_categories__data_category_id',
  })
  dataCategory?: Relation<DataCategory>;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_recipient_data_categories__activity_id' })
  activity?: Relation<ProcessingActivity>;
}

/** Where a transfer goes: a country, an international organisation, worldwide (anywhere), or not stated. */
export const transferDestinations = ['country', 'international-organisation', 'worldwide', 'not-stated'] as const;
export type TransferDestination = (typeof transferDestinations)[number];

@Entity('activity_transfers')
@Index('ix_activity_transfers__via_recipient_id', ['viaRecipientId'])
@Index('ix_activity_transfers__activity_id', ['activityId'])
@Index('ix_activity_transfers__recipient_id', ['recipientId'])
@Index('ix_activity_transfers__mechanism_id', ['mechanismId'])
export class ActivityTransfer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  activityId!: string;

  @Column('uuid')
  recipientId!: string;

  @Column('text')
  destination!: TransferDestination;

  /** ISO 3166-1 alpha-2, for a transfer to a country; one row per country. */
  @Column('text', { nullable: true })
  country!: string | null;

  @Column('text', { nullable: true })
  internationalOrganisation!: string | null;

  /** An onward transfer: the processor whose sub-processor the recipient is. */
  @Column('uuid', { nullable: true })
  viaRecipientId!: string | null;

  @Column('uuid', { nullable: true })
  mechanismId!: string | null;

  @Column('text', { nullable: true })
  safeguard!: string | null;

  @Column('text', { nullable: true })
  tiaReference!: string | null;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_transfers__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => Recipient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_activity_transfers__recipient_id' })
  recipient?: Relation<Recipient>;

  @ManyToOne(() => LegalBasis, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mechanism_id', foreignKeyConstraintName: 'fk_activity_transfers__mechanism_id' })
  mechanism?: Relation<LegalBasis> | null;

  @ManyToOne(() => Recipient, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'via_recipient_id', foreignKeyConstraintName: 'fk_activity_transfers__via_recipient_id' })
  viaRecipient?: Relation<Recipient> | null;
}

@Entity('activity_security_measures')
@Index('ix_activity_security_measures__security_measure_id', ['securityMeasureId'])
export class ActivitySecurityMeasure {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  securityMeasureId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_security_measures__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => SecurityMeasure, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'security_measure_id',
    foreignKeyConstraintName: 'fk_activity_security_measures__security_measure_id',
  })
  securityMeasure?: Relation<SecurityMeasure>;
}

/** Legal bases the record states for the activity as a whole, not paired with a purpose. */
@Entity('activity_legal_bases')
@Index('ix_activity_legal_bases__legal_basis_id', ['legalBasisId'])
export class ActivityLegalBasis {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  legalBasisId!: string;

  @Column('text', { nullable: true })
  note!: string | null;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_legal_bases__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => LegalBasis, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legal_basis_id', foreignKeyConstraintName: 'fk_activity_legal_bases__legal_basis_id' })
  legalBasis?: Relation<LegalBasis>;
}

/** Retention the record states for the activity as a whole (e.g. when it lists no data categories). */
@Entity('activity_retention_rules')
@Index('ix_activity_retention_rules__retention_rule_id', ['retentionRuleId'])
export class ActivityRetentionRule {
  @PrimaryColumn('uuid')
  activityId!: string;

  @PrimaryColumn('uuid')
  retentionRuleId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_retention_rules__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => RetentionRule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retention_rule_id', foreignKeyConstraintName: 'fk_activity_retention_rules__retention_rule_id' })
  retentionRule?: Relation<RetentionRule>;
}

/** A system an activity uses (issue 20, the data map). */
@Entity('activity_systems')
@Index('uq_activity_systems__activity_id__system_id', ['activityId', 'systemId'], { unique: true })
@Index('ix_activity_systems__system_id', ['systemId'])
export class ActivitySystem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  activityId!: string;

  @Column('uuid')
  systemId!: string;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_systems__activity_id' })
  activity?: Relation<ProcessingActivity>;

  @ManyToOne(() => System, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'fk_activity_systems__system_id' })
  system?: Relation<System>;
}

/** The data categories of the activity that a system it uses holds. */
@Entity('activity_system_data_categories')
@Index('ix_activity_system_data_categories__data_category_id', ['dataCategoryId'])
@Index('ix_activity_system_data_categories__activity_id', ['activityId'])
export class ActivitySystemDataCategory {
  @PrimaryColumn('uuid')
  activitySystemId!: string;

  @PrimaryColumn('uuid')
  dataCategoryId!: string;

  @Column('uuid')
  activityId!: string;

  @ManyToOne(() => ActivitySystem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_system_id', foreignKeyConstraintName: 'fk_activity_system_data_categories__activity_system_id' })
  activitySystem?: Relation<ActivitySystem>;

  @ManyToOne(() => DataCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_category_id', foreignKeyConstraintName: 'fk_activity_system_data_categories__data_category_id' })
  dataCategory?: Relation<DataCategory>;

  @ManyToOne(() => ProcessingActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_activity_system_data_categories__activity_id' })
  activity?: Relation<ProcessingActivity>;
}
