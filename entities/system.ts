import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BuildingBlock } from './building-block';
import { Organisation } from './organisation';

/** What kind of place holds the data; not-stated when the source does not say. */
export const systemKinds = ['application', 'database', 'saas', 'file-share', 'paper-archive', 'device', 'not-stated'] as const;
export type SystemKind = (typeof systemKinds)[number];

/** A hosting country the source leaves unstated. */
export const hostingNotStated = 'not-stated';

/**
 * Where personal data lives: an application, database, SaaS product, file share, paper archive
 * or device — who owns it, who provides it, where it is hosted and which measures protect it.
 * Activities link the systems they use (activity_systems), each with the data categories held there.
 */
@Entity('systems')
@Index('uq_systems__name', { synchronize: false })
export class System extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_systems__kind')
  @Column('text', { default: 'not-stated' })
  kind!: SystemKind;

  /** Who is responsible for it inside the organisation (a department, a role). */
  @Column('text', { nullable: true })
  owner!: string | null;

  /** The organisation that provides or operates it (a SaaS vendor, a hosting company). */
  @Index('ix_systems__provider_id')
  @Column('uuid', { nullable: true })
  providerId!: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_systems__provider_id' })
  provider?: Relation<Organisation> | null;

  /** ISO 3166-1 alpha-2 codes of where it is hosted, or ['not-stated'] alone. */
  @Column('text', { array: true, default: () => "'{not-stated}'" })
  hostingCountries!: string[];

  /** The security measures (ids) that apply to it, checked on every write. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  securityMeasureIds!: string[];
}
