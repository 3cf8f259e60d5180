import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

export const retentionEndActions = ['erase', 'anonymise', 'review'] as const;
export type RetentionEndAction = (typeof retentionEndActions)[number];

/** How long data is kept (Art. 30(1)(f)), as ISO 8601 durations counted from an event. */
@Entity('retention_rules')
@Index('uq_retention_rules__name', { synchronize: false })
export class RetentionRule extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text')
  duration!: string;

  @Column('text', { nullable: true })
  maximumDuration!: string | null;

  @Column('text')
  startEvent!: string;

  @Column('text', { default: 'erase' })
  endAction!: RetentionEndAction;

  @Column('text', { nullable: true })
  legalReference!: string | null;
}
