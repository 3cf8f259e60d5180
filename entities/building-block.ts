import { Column, Index } from 'typeorm';
import { OwnedEntry } from './owned-entry';

/**
 * What processing activities link to. A building block that is no longer in use is retired rather
 * than deleted: activities and the history keep pointing at it, and the findings flag an active
 * activity that still links it.
 */
export abstract class BuildingBlock extends OwnedEntry {
  /** Since when it is no longer in use; null while in use. Indexed per table (ix_<table>__retired_at, see the naming strategy). */
  @Index()
  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;

  /** The source's own words for this entry (a published register, a policy), kept as they are. */
  @Column('text', { nullable: true })
  sourcePhrase!: string | null;

  /** The register keeper's internal assessment: never in the privacy notice or a public export. */
  @Column('text', { nullable: true })
  internalNote!: string | null;
}
