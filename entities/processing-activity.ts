import { Column, Entity, Index } from 'typeorm';
import { OwnedEntry } from './owned-entry';

export const activityRoles = ['controller', 'processor', 'joint-controller'] as const;
export type ActivityRole = (typeof activityRoles)[number];

export const activityStatuses = ['draft', 'active', 'retired'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/**
 * Where the record stands in review (src/reviews), apart from `status` (whether the processing
 * takes place): edited (draft), submitted (in-review), or approved as it stands.
 */
export const reviewStates = ['draft', 'in-review', 'approved'] as const;
export type ReviewState = (typeof reviewStates)[number];

/**
 * What a record states is absent — an assessed statement, unlike an empty list, which says
 * nothing: no special categories, no criminal-offence data, no transfers outside the EEA, no
 * recipients outside the organisation, no processor ("Verwerker: nee"), no security measures ("What
 * security measures do you use? — None"). (No automated decisions is `automatedDecisions: no`.)
 */
export const statedAbsences = [
  'special-categories',
  'criminal-data',
  'transfers',
  'external-recipients',
  'processors',
  'security-measures',
] as const;
export type StatedAbsence = (typeof statedAbsences)[number];

/** Whether the processing involves automated decision-making, including profiling (Art. 22): stated yes or no, or not stated. */
export const automatedDecisionStatuses = ['yes', 'no', 'not-stated'] as const;
export type AutomatedDecisionStatus = (typeof automatedDecisionStatuses)[number];

/**
 * One record of processing (Art. 30(1) as controller, 30(2) as processor). Its links to the
 * building blocks live in the activity_* link tables (see activity-links.ts).
 */
@Entity('processing_activities')
@Index('uq_processing_activities__name', { synchronize: false })
export class ProcessingActivity extends OwnedEntry {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_processing_activities__role')
  @Column('text', { default: 'controller' })
  role!: ActivityRole;

  @Index('ix_processing_activities__status')
  @Column('text', { default: 'draft' })
  status!: ActivityStatus;

  @Index('ix_processing_activities__owner')
  @Column('text', { nullable: true })
  owner!: string | null;

  @Column('date', { nullable: true })
  reviewDueAt!: string | null;

  /** Null: not stated. */
  @Column('boolean', { nullable: true })
  dpiaRequired!: boolean | null;

  @Column('text', { nullable: true })
  dpiaReference!: string | null;

  // ---- the record as the register publishes it ----

  /** The register's own reference or code for the record ("EDA-DPR-054", "Codi 015"). */
  @Column('text', { nullable: true })
  reference!: string | null;

  /** The business function or department the record belongs to. */
  @Column('text', { nullable: true })
  businessFunction!: string | null;

  /** The category or group the register sorts its records by. */
  @Column('text', { nullable: true })
  recordGroup!: string | null;

  @Column('date', { nullable: true })
  adoptedOn!: string | null;

  /** When the record was last updated or reviewed, as it says. */
  @Column('date', { nullable: true })
  lastReviewedOn!: string | null;

  /** The language of the record (BCP 47). */
  @Column('text', { nullable: true })
  language!: string | null;

  /** Where the record is published. */
  @Column('text', { nullable: true })
  sourceUrl!: string | null;

  @Column('text', { nullable: true })
  sourcePhrase!: string | null;

  @Column('text', { nullable: true })
  internalNote!: string | null;

  // ---- what the record states ----

  @Column('text', { array: true, default: () => "'{}'" })
  statedAbsences!: StatedAbsence[];

  @Column('text', { default: 'not-stated' })
  automatedDecisions!: AutomatedDecisionStatus;

  @Column('text', { nullable: true })
  automatedDecisionLogic!: string | null;

  @Column('text', { nullable: true })
  automatedDecisionSignificance!: string | null;

  @Column('text', { nullable: true })
  automatedDecisionSafeguards!: string | null;

  /** The Art. 26 arrangement between joint controllers: its reference… */
  @Column('text', { nullable: true })
  jointArrangementRef!: string | null;

  /** …and its essence as made available to data subjects (Art. 26(2)), or where. */
  @Column('text', { nullable: true })
  jointArrangementEssence!: string | null;

  // ---- review and approval (never written through the activity's own fields) ----

  @Index('ix_processing_activities__review_state')
  @Column('text', { default: 'draft' })
  reviewState!: ReviewState;

  /** The token subject of the last change of the record or its links: approval needs someone else. Null: not known. */
  @Column('text', { nullable: true })
  lastEditedBy!: string | null;

  @Column('timestamp with time zone', { nullable: true })
  submittedAt!: Date | null;

  @Column('text', { nullable: true })
  submittedBy!: string | null;

  /** The comment of the last approve or return step. */
  @Column('text', { nullable: true })
  reviewComment!: string | null;
}
