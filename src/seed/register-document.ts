import type { ActivityRole, ActivityStatus } from '../../entities/processing-activity';
import type { CollectionMechanism, CookieDetails, SourceType } from '../../entities/collection-channel';
import type { LegalBasisKind } from '../../entities/legal-basis';
import type { OrganisationRole } from '../../entities/organisation';
import type { RecipientCategory, RecipientKind } from '../../entities/recipient';
import type { RetentionEndAction } from '../../entities/retention-rule';
import type { SecurityMeasureType } from '../../entities/security-measure';
import type { Sensitivity } from '../../entities/data-category';
import type { DataSubjectRightCode } from '../../entities/data-subject-right';

/**
 * A register written by hand for review: every item has an English `name` and, where it comes
 * from a source document, the `source` phrase it was taken from. Items refer to each other by
 * name (legal bases by their code), and the loader resolves names to ids.
 */
export interface Sourced {
  /** The phrase of the source document (e.g. the Dutch privacy policy) this item records. */
  source?: string;
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
  sourceType: SourceType;
  mechanism: CollectionMechanism;
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
  kind: RecipientKind;
  category: RecipientCategory;
  country?: string;
  organisation?: string;
  processingAgreementRef?: string;
}

export interface SeedRetentionRule extends Sourced {
  name: string;
  description?: string;
  duration: string;
  maximumDuration?: string;
  startEvent: string;
  endAction: RetentionEndAction;
  legalReference?: string;
}

export interface SeedSecurityMeasure extends Sourced {
  name: string;
  description?: string;
  type: SecurityMeasureType;
  standardReference?: string;
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
  controllers: string[];
  purposes: {
    purpose: string;
    /** Legal basis codes, e.g. gdpr-6-1-b. */
    legalBases: string[];
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
    country: string;
    /** A transfer-mechanism legal basis code, e.g. gdpr-45 or gdpr-46-2-c. */
    mechanism?: string;
    safeguard?: string;
    tiaReference?: string;
  }[];
  securityMeasures: string[];
}

export interface RegisterDocument {
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
}

/** How the organisation says a data subject right can be exercised (Art. 12–22). */
export interface SeedRightStatement extends Sourced {
  right: DataSubjectRightCode;
  description: string;
  /** E.g. the policy's "we may charge a small fee" for access. */
  feeNote?: string;
}

/** The published privacy policy the register was derived from. */
export interface SeedPrivacyPolicy extends Sourced {
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
  };
}
