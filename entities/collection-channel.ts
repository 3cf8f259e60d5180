import { Column, Entity, Index } from 'typeorm';
import { BuildingBlock } from './building-block';

/** Art. 13 (collected from the data subject) versus Art. 14 (obtained otherwise). */
export const sourceTypes = ['data-subject', 'third-party', 'observed', 'derived', 'not-stated'] as const;
export type SourceType = (typeof sourceTypes)[number];

export const collectionMechanisms = [
  'web-form',
  'order',
  'email',
  'phone',
  'cookie',
  'network-usage',
  'survey',
  'newsletter-signup',
  'abuse-report',
  'support-request',
  'document-upload',
  'api',
  'in-person',
  'third-party-feed',
  'cctv',
  'tracking-pixel',
  'chat',
  'paper-form',
  'post',
  'observation',
  'automatic-logging',
  'other',
  'not-stated',
] as const;
export type CollectionMechanism = (typeof collectionMechanisms)[number];

export const cookieParties = ['first-party', 'third-party', 'not-stated'] as const;

/** A cookie as the source describes it; what it does not state is null. */
export interface CookieDetails {
  provider: string | null;
  purpose: string | null;
  /** ISO 8601 duration, or null when the source states none (a session cookie says so in `purpose`). */
  lifetime: string | null;
  party: (typeof cookieParties)[number];
  names?: string[];
}

/** How personal data arrives; a cookie channel also describes the cookie. */
@Entity('collection_channels')
@Index('uq_collection_channels__name', { synchronize: false })
export class CollectionChannel extends BuildingBlock {
  @Column('text', { nullable: true })
  description!: string | null;

  @Index('ix_collection_channels__source_type')
  @Column('text', { default: 'not-stated' })
  sourceType!: SourceType;

  @Index('ix_collection_channels__mechanism')
  @Column('text', { default: 'not-stated' })
  mechanism!: CollectionMechanism;

  @Column('jsonb', { nullable: true })
  cookie!: CookieDetails | null;
}
