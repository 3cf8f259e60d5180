import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

export const legalBasisKinds = ['lawful-basis', 'special-category-condition', 'criminal-data-condition', 'transfer-mechanism'] as const;
export type LegalBasisKind = (typeof legalBasisKinds)[number];

/**
 * GDPR Art. 6, 9, 10 and 45–49 grounds, shipped by a migration (builtIn, read-only), plus
 * national-law grounds an organisation adds itself. `name` is the short title.
 */
@Entity('legal_bases')
export class LegalBasis extends BuildingBlock {
  @Index('uq_legal_bases__code', { unique: true })
  @Column('text')
  code!: string;

  @Index('ix_legal_bases__kind')
  @Column('text')
  kind!: LegalBasisKind;

  @Column('text')
  article!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { nullable: true })
  dpvIri!: string | null;

  /** 'EU' for the GDPR itself, an ISO country code for national law. */
  @Column('text', { default: 'EU' })
  jurisdiction!: string;

  @Index('ix_legal_bases__built_in')
  @Column('boolean', { default: false })
  builtIn!: boolean;
}
