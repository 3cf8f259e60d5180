import { Column, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { OrganisationalUnit } from './organisational-unit';
import { RegisterEntity } from './register-entity';

/**
 * A register entry an organisational unit owns: processing activities and the building blocks.
 * Null: not assigned (never guessed) — then only admins and the DPO may change it.
 * Index and foreign key are per table: ix_/fk_<table>__owner_unit_id (see the naming strategy).
 */
export abstract class OwnedEntry extends RegisterEntity {
  @Index()
  @Column('uuid', { nullable: true })
  ownerUnitId!: string | null;

  @ManyToOne(() => OrganisationalUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_unit_id' })
  ownerUnit?: Relation<OrganisationalUnit> | null;
}
