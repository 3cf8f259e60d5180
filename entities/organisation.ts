import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BuildingBlock } from './building-block';

export const organisationRoles = ['controller', 'joint-controller', 'processor', 'representative', 'other'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

/** A legal person named in the register: controller, processor, joint controller, representative. */
@Entity('organisations')
@Index('uq_organisations__name', { synchronize: false })
export class Organisation extends BuildingBlock {
  @Column('text', { array: true, default: () => "'{}'" })
  roles!: OrganisationRole[];

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { nullable: true })
  registrationNumber!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Index('ix_organisations__country')
  @Column('text', { nullable: true })
  country!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  website!: string | null;

  @Column('text', { nullable: true })
  dpoName!: string | null;

  @Column('text', { nullable: true })
  dpoEmail!: string | null;

  @Column('text', { nullable: true })
  dpoPhone!: string | null;

  @Column('text', { nullable: true })
  privacyContactEmail!: string | null;

  @Column('integer', { nullable: true })
  privacyResponseDays!: number | null;

  @Index('ix_organisations__representative_id')
  @Column('uuid', { nullable: true })
  representativeId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'representative_id', foreignKeyConstraintName: 'fk_organisations__representative_id' })
  representative?: Relation<Organisation> | null;
}
