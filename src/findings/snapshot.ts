import type { DpoRequirement, LegalFramework, OrganisationContact } from '../../entities/organisation';
import type { RightStatement } from '../../entities/privacy-policy';
import type { ActivityView } from '../processing-activities/view';

/** What the rules read: the register's activities and the building blocks they link to. */

export type Ref = { id: string; name: string };

export interface OrganisationRecord extends Ref {
  country: string | null;
  email: string | null;
  privacyContactEmail: string | null;
  dpoName: string | null;
  dpoTitle: string | null;
  dpoEmail: string | null;
  dpoRequired: DpoRequirement;
  dpoRequiredReason: string | null;
  publicBody: boolean | null;
  contacts: OrganisationContact[];
  framework: LegalFramework;
  transferMechanismId: string | null;
}

export interface RecipientRecord extends Ref {
  kind: string;
  category: string;
  country: string | null;
  organisationId: string | null;
  processingAgreementStatus: string;
  processingAgreementRef: string | null;
}

export interface ChannelRecord extends Ref {
  sourceType: string;
  mechanism: string;
  cookie: { party?: string } | null;
}

/** A building block retired (retiredAt now or earlier), by id. */
export interface RetiredRecord extends Ref {
  resource: string;
  retiredAt: string;
}

export interface PolicyRecord extends Ref {
  organisationId: string;
  rights: RightStatement[];
}

/** A system (the data map): where it is hosted, and whether it is retired. */
export interface SystemRecord extends Ref {
  hostingCountries: string[];
  retiredAt: string | null;
}

/** A recorded data flow, for the transfers it states. */
export interface FlowRecord extends Ref {
  fromKind: string;
  fromId: string;
  toKind: string;
  toId: string;
  transferCountry: string | null;
  retiredAt: string | null;
}

/** The part of the register the rules look at, loaded once per request (see service.ts). */
export interface RegisterSnapshot {
  /** YYYY-MM-DD, for review dates. */
  today: string;
  /** The activities to check; retired ones are left out by the caller. */
  activities: ActivityView[];
  organisations: Map<string, OrganisationRecord>;
  vulnerableSubjects: Set<string>;
  channels: Map<string, ChannelRecord>;
  recipients: Map<string, RecipientRecord>;
  policies: PolicyRecord[];
  /** Every retired building block (few: loaded whole). */
  retired: Map<string, RetiredRecord>;
  /** Every system and recorded flow (the data map), loaded whole. */
  systems: Map<string, SystemRecord>;
  flows: FlowRecord[];
  /** Whether `activities` are all of the register's (not one activity's check): only then can a system be found unused. */
  wholeRegister: boolean;
}
