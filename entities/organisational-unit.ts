import { Column, Entity, Index } from 'typeorm';
import { RegisterEntity } from './register-entity';

export const organisationalUnitKinds = ['department', 'business-function', 'team', 'other', 'not-stated'] as const;
export type OrganisationalUnitKind = (typeof organisationalUnitKinds)[number];

/**
 * A department or business function inside the organisation that keeps the register: it owns
 * processing activities and building blocks, and an editor's token names the units it may edit
 * (config JWT_UNITS_CLAIM) by their `key`, which the identity provider carries.
 */
@Entity('organisational_units')
@Index('uq_organisational_units__name', { synchronize: false })
export class OrganisationalUnit extends RegisterEntity {
  /** Stable, and what tokens name the unit by: lower case letters, digits, '.', '_' and '-'. Unique. */
  @Index('uq_organisational_units__key', { unique: true })
  @Column('text')
  key!: string;

  @Column('text', { default: 'not-stated' })
  kind!: OrganisationalUnitKind;

  @Column('text', { nullable: true })
  description!: string | null;
}
