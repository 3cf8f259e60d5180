import { Column, Entity, Index } from 'typeorm';
import { RegisterEntity } from './register-entity';

export const activityRoles = ['controller', 'processor', 'joint-controller'] as const;
export type ActivityRole = (typeof activityRoles)[number];

export const activityStatuses = ['draft', 'active', 'retired'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/**
 * One record of processing (Art. 30(1) as controller, 30(2) as processor). Its links to the
 * building blocks live in the activity_* link tables (see activity-links.ts).
 */
@Entity('processing_activities')
@Index('uq_processing_activities__name', { synchronize: false })
export class ProcessingActivity extends RegisterEntity {
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

  @Column('boolean', { default: false })
  dpiaRequired!: boolean;

  @Column('text', { nullable: true })
  dpiaReference!: string | null;
}
