import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BuildingBlock } from './building-block';

export const sensitivities = ['standard', 'special', 'criminal'] as const;
export type Sensitivity = (typeof sensitivities)[number];

/** What personal data is processed; `special` is Art. 9 data, `criminal` is Art. 10 data. */
@Entity('data_categories')
@Index('uq_data_categories__name', { synchronize: false })
export class DataCategory extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  examples!: string[];

  @Index('ix_data_categories__sensitivity')
  @Column('text', { default: 'standard' })
  sensitivity!: Sensitivity;

  @Index('ix_data_categories__parent_id')
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @ManyToOne(() => DataCategory, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_data_categories__parent_id' })
  parent?: Relation<DataCategory> | null;
}
