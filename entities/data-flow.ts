import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BuildingBlock } from './building-block';
import { LegalBasis } from './legal-basis';

/** What a flow's end may be: where data comes from or goes to. */
export const flowEndKinds = ['collection-channel', 'data-subject-category', 'system', 'recipient'] as const;
export type FlowEndKind = (typeof flowEndKinds)[number];

/**
 * A recorded flow of personal data between two ends (a collection channel, a data subject
 * category, a system, a recipient), with the data categories it carries and, when it crosses a
 * border, its transfer. Flows the register implies (channel → an activity's systems → its
 * recipients) are derived, not stored (see src/data-map).
 */
@Entity('data_flows')
@Index('uq_data_flows__name', { synchronize: false })
export class DataFlow extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text')
  fromKind!: FlowEndKind;

  @Index('ix_data_flows__from_id')
  @Column('uuid')
  fromId!: string;

  @Column('text')
  toKind!: FlowEndKind;

  @Index('ix_data_flows__to_id')
  @Column('uuid')
  toId!: string;

  /** The data categories (ids) the flow carries, checked on every write. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  dataCategoryIds!: string[];

  /** ISO 3166-1 alpha-2: the third country the flow takes the data to, when it is a transfer. */
  @Index('ix_data_flows__transfer_country')
  @Column('text', { nullable: true })
  transferCountry!: string | null;

  /** The Art. 45–49 mechanism of that transfer (a legal basis of kind transfer-mechanism). */
  @Index('ix_data_flows__transfer_mechanism_id')
  @Column('uuid', { nullable: true })
  transferMechanismId!: string | null;

  @ManyToOne(() => LegalBasis, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transfer_mechanism_id', foreignKeyConstraintName: 'fk_data_flows__transfer_mechanism_id' })
  transferMechanism?: Relation<LegalBasis> | null;

  @Column('text', { nullable: true })
  transferSafeguard!: string | null;
}
