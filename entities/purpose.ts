import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

/** Why personal data is processed. Legal bases are attached per processing activity. */
@Entity('purposes')
@Index('uq_purposes__name', { synchronize: false })
export class Purpose extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;
}
