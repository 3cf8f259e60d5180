import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

/** Whose personal data is processed: customers, visitors, people reporting abuse… */
@Entity('data_subject_categories')
@Index('uq_data_subject_categories__name', { synchronize: false })
export class DataSubjectCategory extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  /** Children, employees, patients…: WP248 treats processing of their data as higher risk. */
  @Column('boolean', { default: false })
  vulnerable!: boolean;
}
