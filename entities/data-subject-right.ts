import { Column, Entity, Index } from 'typeorm';
import { RegisterEntity } from './register-entity';

export const dataSubjectRightCodes = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'automated-decision-making',
  'withdraw-consent',
  'complaint',
] as const;
export type DataSubjectRightCode = (typeof dataSubjectRightCodes)[number];

/** GDPR data subject rights (Art. 7(3), 15–22, 77): reference data shipped by a migration, read-only. */
@Entity('data_subject_rights')
export class DataSubjectRight extends RegisterEntity {
  @Index('uq_data_subject_rights__code', { unique: true })
  @Column('text')
  code!: DataSubjectRightCode;

  @Column('text')
  article!: string;

  @Column('text')
  description!: string;

  @Column('text')
  dpvIri!: string;
}
