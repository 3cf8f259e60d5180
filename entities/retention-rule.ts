import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

/**
 * What kind of period a retention is: a fixed duration (from an event); the statutory period (a
 * law or an archive selection list defines it, `legalReference` names it); until an event (then,
 * optionally, a duration); permanent (archived in the public interest, Art. 89); as long as
 * necessary; or not stated by the source.
 */
export const retentionKinds = ['fixed-duration', 'statutory', 'until-event', 'permanent', 'as-long-as-necessary', 'not-stated'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export const retentionEndActions = ['erase', 'anonymise', 'archive', 'restrict', 'review', 'transfer', 'not-stated'] as const;
export type RetentionEndAction = (typeof retentionEndActions)[number];

/** A period that applies only under a condition: "10 years when tax law applies", "+2 years with consent". */
export interface RetentionCondition {
  /** When it applies, in the source's words. */
  condition: string;
  /** The period then (ISO 8601), or null when the source gives none. */
  duration: string | null;
  /** What happens then, when it differs. */
  endAction: RetentionEndAction | null;
}

/** How long data is kept (Art. 30(1)(f)): a kind of period, with a duration and start event where the source states them. */
@Entity('retention_rules')
@Index('uq_retention_rules__name', { synchronize: false })
export class RetentionRule extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_retention_rules__kind')
  @Column('text')
  kind!: RetentionKind;

  @Column('text', { nullable: true })
  duration!: string | null;

  @Column('text', { nullable: true })
  maximumDuration!: string | null;

  @Column('text', { nullable: true })
  startEvent!: string | null;

  @Column('text', { default: 'not-stated' })
  endAction!: RetentionEndAction;

  @Column('jsonb', { default: () => "'[]'" })
  conditions!: RetentionCondition[];

  @Column('text', { nullable: true })
  legalReference!: string | null;
}
