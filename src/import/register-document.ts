import type { ControllerRelationship, TransferDestination } from '../../entities/activity-links';
import type { DpoRequirement, LegalFramework, OrganisationContact } from '../../entities/organisation';
import type { ActivityRole, ActivityStatus, AutomatedDecisionStatus, StatedAbsence } from '../../entities/processing-activity';
import type { ProcessingAgreementStatus } from '../../entities/recipient';
import type { RetentionCondition, RetentionKind } from '../../entities/retention-rule';
import type { CollectionMechanism, CookieDetails, SourceType } from '../../entities/collection-channel';
import type { LegalBasisKind } from '../../entities/legal-basis';
import type { OrganisationRole } from '../../entities/organisation';
import type { RecipientCategory, RecipientKind } from '../../entities/recipient';
import type { RetentionEndAction } from '../../entities/retention-rule';
import type { SecurityMeasureType } from '../../entities/security-measure';
import type { FlowEndKind } from '../../entities/data-flow';
import type { SystemKind } from '../../entities/system';
import type { Sensitivity } from '../../entities/data-category';
import type { DataSubjectRightCode } from '../../entities/data-subject-right';
import type { OrganisationalUnitKind } from '../../entities/organisational-unit';

/**
 * A register written by hand for review: every item has an English `name` and, where it comes
 * from a source document, the `source` phrase it was taken from. Items refer to each other by
 * name (legal bases by their code), and the loader resolves names to ids.
 */
export interface Sourced {
  /** The phrase of the source document (e.g. the Dutch privacy policy) this item records, as it is. */
  sourcePhrase?: string;
  /** The register keeper's internal note or assessment: never in the privacy notice or a public export. */
  internalNote?: string;
  /** The organisational unit (key) that owns it; left out: not stated, ownership left as it is. */
  ownerUnit?: string;
}

/** A department or business function that owns entries: named by its key, which tokens carry. */
export interface SeedOrganisationalUnit {
  name: string;
  key: string;
  kind?: OrganisationalUnitKind;
  description?: string;
}

export interface SeedOrganisation extends Sourced {
  name: string;
  roles: OrganisationRole[];
  description?: string;
  registrationNumber?: string;
  address?: string;
  country?: string;
  email?: string;
  phone?: string;
  website?: string;
  dpoName?: string;
  dpoEmail?: string;
  dpoPhone?: string;
  privacyContactEmail?: string;
  privacyResponseDays?: number;
  representative?: string;
  dpoTitle?: string;
  dpoAddress?: string;
  dpoRequired?: DpoRequirement;
  dpoRequiredReason?: string;
  publicBody?: boolean;
  contacts?: Partial<OrganisationContact>[];
  framework?: LegalFramework;
  language?: string;
  /** A transfer-mechanism legal basis code it states for all its transfers. */
  transferMechanism?: string;
  transferMechanismNote?: string;
}

export interface SeedDataSubjectCategory extends Sourced {
  name: string;
  description?: string;
  vulnerable?: boolean;
}

export interface SeedDataCategory extends Sourced {
  name: string;
  description?: string;
  examples?: string[];
  sensitivity?: Sensitivity;
  parent?: string;
}

export interface SeedCollectionChannel extends Sourced {
  name: string;
  description?: string;
  sourceType?: SourceType;
  mechanism?: CollectionMechanism;
  cookie?: CookieDetails;
}

export interface SeedPurpose extends Sourced {
  name: string;
  description?: string;
}

export interface SeedLegalBasis extends Sourced {
  code: string;
  name: string;
  kind: LegalBasisKind;
  article: string;
  description?: string;
  dpvIri?: string;
  jurisdiction: string;
}

export interface SeedRecipient extends Sourced {
  name: string;
  description?: string;
  kind?: RecipientKind;
  category?: RecipientCategory;
  country?: string;
  organisation?: string;
  processingAgreementStatus?: ProcessingAgreementStatus;
  processingAgreementDate?: string;
  processingAgreementRef?: string;
}

export interface SeedRetentionRule extends Sourced {
  name: string;
  description?: string;
  kind?: RetentionKind;
  duration?: string;
  maximumDuration?: string;
  startEvent?: string;
  endAction?: RetentionEndAction;
  legalReference?: string;
  conditions?: RetentionCondition[];
}

export interface SeedSecurityMeasure extends Sourced {
  name: string;
  description?: string;
  type?: SecurityMeasureType;
  standardReference?: string;
}

/** A system where personal data lives (the data map). */
export interface SeedSystem extends Sourced {
  name: string;
  description?: string;
  kind?: SystemKind;
  owner?: string;
  /** The organisation (name) that provides or operates it. */
  provider?: string;
  /** ISO 3166-1 alpha-2 codes, or ['not-stated'] (the value when left out). */
  hostingCountries?: string[];
  /** Security measures (names) that apply to it. */
  securityMeasures?: string[];
}

/** A recorded flow of personal data between two entries of the register (the data map). */
export interface SeedDataFlow extends Sourced {
  name: string;
  description?: string;
  fromKind: FlowEndKind;
  /** The entry (name) it starts at, of the kind fromKind says. */
  from: string;
  toKind: FlowEndKind;
  /** The entry (name) it goes to, of the kind toKind says. */
  to: string;
  /** Data categories (names) it carries. */
  dataCategories?: string[];
  /** ISO 3166-1 alpha-2, when it is a transfer. */
  transferCountry?: string;
  /** A transfer-mechanism legal basis code, e.g. gdpr-46-2-c. */
  transferMechanism?: string;
  transferSafeguard?: string;
}

export interface SeedActivity extends Sourced {
  name: string;
  description?: string;
  role: ActivityRole;
  status: ActivityStatus;
  owner?: string;
  reviewDueAt?: string;
  dpiaRequired?: boolean;
  dpiaReference?: string;
  reference?: string;
  businessFunction?: string;
  recordGroup?: string;
  adoptedOn?: string;
  lastReviewedOn?: string;
  language?: string;
  sourceUrl?: string;
  statedAbsences?: StatedAbsence[];
  automatedDecisions?: AutomatedDecisionStatus;
  automatedDecisionLogic?: string;
  automatedDecisionSignificance?: string;
  automatedDecisionSafeguards?: string;
  jointArrangementRef?: string;
  jointArrangementEssence?: string;
  /** Controllers by name, or with how each relates to the others. */
  controllers: (string | { name: string; relationship?: ControllerRelationship })[];
  /** Legal bases (codes) the record states for the activity as a whole. */
  legalBases?: (string | { name: string; note?: string })[];
  /** Retention rules (names) the record states for the activity as a whole. */
  retentionRules?: string[];
  purposes: {
    purpose: string;
    /** Legal basis codes, e.g. gdpr-6-1-b, or a code with a note. */
    legalBases: (string | { name: string; note?: string })[];
    legitimateInterest?: string;
    assessmentReference?: string;
    /** Why a DPO assigns this basis: kept for review, not loaded. */
    rationale?: string;
  }[];
  dataSubjectCategories: string[];
  dataCategories: { dataCategory: string; retentionRule?: string; sourceChannels?: string[] }[];
  collectionChannels: string[];
  recipients: { recipient: string; dataCategories?: string[] }[];
  transfers: {
    recipient: string;
    destination?: TransferDestination;
    country?: string;
    internationalOrganisation?: string;
    /** An onward transfer: the recipient (processor) it goes on from. */
    via?: string;
    /** A transfer-mechanism legal basis code, e.g. gdpr-45 or gdpr-46-2-c. */
    mechanism?: string;
    safeguard?: string;
    tiaReference?: string;
  }[];
  securityMeasures: string[];
  /** Systems (names) the activity uses, each with the data categories (names) held there. */
  systems?: { system: string; dataCategories?: string[] }[];
}

export interface RegisterDocument {
  /** Who owns what; a document without units (an older file, a CSV) changes none. */
  organisationalUnits?: SeedOrganisationalUnit[];
  organisations: SeedOrganisation[];
  dataSubjectCategories: SeedDataSubjectCategory[];
  dataCategories: SeedDataCategory[];
  collectionChannels: SeedCollectionChannel[];
  purposes: SeedPurpose[];
  legalBases: SeedLegalBasis[];
  recipients: SeedRecipient[];
  retentionRules: SeedRetentionRule[];
  securityMeasures: SeedSecurityMeasure[];
  activities: SeedActivity[];
  privacyPolicies: SeedPrivacyPolicy[];
  /** Where the data lives; a document without systems (an older file, a CSV) has none. */
  systems?: SeedSystem[];
  /** Recorded flows between its entries; a document without them (an older file, a CSV) has none. */
  dataFlows?: SeedDataFlow[];
}

/** How the organisation says a data subject right can be exercised (Art. 12–22). */
export interface SeedRightStatement {
  /** The policy's own wording. */
  source?: string;
  right: DataSubjectRightCode;
  description: string;
  /** E.g. the policy's "we may charge a small fee" for access. */
  feeNote?: string;
}

/** The published privacy policy the register was derived from. */
export interface SeedPrivacyPolicy {
  /** The policy's opening words, for review (not loaded: a policy is its own source). */
  source?: string;
  /** The organisational unit (key) that owns it; left out: not stated. */
  ownerUnit?: string;
  organisation: string;
  name: string;
  language: string;
  lastChanged: string;
  contactEmail: string;
  responseDays: number;
  rights: SeedRightStatement[];
  /** Statements with no other home in the register (marketing opt-out, links to other sites…). */
  notes?: { topic: string; text: string; source?: string }[];
}

/** The name of an entry a list refers to: the name alone, or `{ name, … }` with details of the link. */
export const entryName = (item: string | { name: string }): string => (typeof item === 'string' ? item : item.name);

/** A register document with nothing in it, to fill. */
export function emptyRegisterDocument(): RegisterDocument {
  return {
    organisations: [],
    dataSubjectCategories: [],
    dataCategories: [],
    collectionChannels: [],
    purposes: [],
    legalBases: [],
    recipients: [],
    retentionRules: [],
    securityMeasures: [],
    activities: [],
    privacyPolicies: [],
    systems: [],
    dataFlows: [],
  };
}
