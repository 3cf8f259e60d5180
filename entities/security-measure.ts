import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

export const securityMeasureTypes = ['technical', 'organisational', 'physical', 'not-stated'] as const;
export type SecurityMeasureType = (typeof securityMeasureTypes)[number];

/** Art. 32 measures (Art. 30(1)(g)), optionally tied to a standard such as SOC 1 or PCI DSS. */
@Entity('security_measures')
@Index('uq_security_measures__name', { synchronize: false })
export class SecurityMeasure extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_security_measures__type')
  @Column('text', { default: 'not-stated' })
  type!: SecurityMeasureType;

  @Column('text', { nullable: true })
  standardReference!: string | null;
}
