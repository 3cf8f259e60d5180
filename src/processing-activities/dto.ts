import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { controllerRelationships, transferDestinations } from '../../entities/activity-links';
import {
  activityRoles,
  activityStatuses,
  automatedDecisionStatuses,
  reviewStates,
  statedAbsences,
} from '../../entities/processing-activity';
import { retentionKinds } from '../../entities/retention-rule';
import { EntityRef, ListQuery, OwnerUnitId } from '../http/common-dto';
import { addEntityFields, DateTime, Doc, isoDatePattern, OptionalDate, OptionalText, updateDtoOf, type JsonSchema } from '../http/dto';
import { ActivityRight } from '../gdpr/rights-dto';
import { SystemRef } from '../systems/dto';

const maxLinks = 200;
const uuidExample = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

/**
 * A list of links whose items may carry a detail of the link itself: each item is an id, or an
 * object with the id and the detail (`{ "id": "…", "note": "…" }`). Ids may not repeat.
 */
function detailedIds(description: string, detail: Record<string, JsonSchema>, example: unknown, maxItems = maxLinks): PropertyDecorator {
  return Doc({
    description: `${description}. Each item is an id, or { id, ${Object.keys(detail).join(', ')} } to state more about the link.`,
    example,
    schema: {
      maxItems,
      items: {
        oneOf: [
          { type: 'string', format: 'uuid' },
          {
            type: 'object',
            required: ['id'],
            additionalProperties: false,
            properties: { id: { type: 'string', format: 'uuid' }, ...detail },
          },
        ],
      },
    },
  });
}

const legalBasisNote: Record<string, JsonSchema> = {
  note: {
    type: 'string',
    maxLength: 4000,
    nullable: true,
    description: "The basis in the source's words, or the national law and article it rests on",
    example: 'Decreet lokaal bestuur, art. 2',
  },
};

// ---- request shapes -------------------------------------------------------------------------

export class ActivityPurposeInput {
  @IsUUID()
  @Doc({ description: 'The purpose', example: uuidExample })
  purposeId!: string;

  @IsArray()
  @detailedIds('Legal bases for this purpose: Art. 6 basis, plus an Art. 9/10 condition where needed', legalBasisNote, [uuidExample], 20)
  legalBasisIds!: (string | { id: string; note?: string | null })[];

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'For Art. 6(1)(f): the legitimate interest pursued', example: 'Preventing payment defaults', nullable: true })
  legitimateInterest?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'For Art. 6(1)(f): reference of the legitimate interests assessment', example: 'LIA-2021-03', nullable: true })
  assessmentReference?: string | null;
}

export class ActivityDataCategoryInput {
  @IsUUID()
  @Doc({ description: 'The data category', example: uuidExample })
  dataCategoryId!: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'How long this category is kept in this activity', example: uuidExample, nullable: true })
  retentionRuleId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: "Where it comes from: channels that must also be in the activity's collectionChannelIds", example: [uuidExample] })
  sourceChannelIds?: string[];
}

export class ActivityRecipientInput {
  @IsUUID()
  @Doc({ description: 'The recipient', example: uuidExample })
  recipientId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: "Data categories it receives: they must be among the activity's data categories", example: [uuidExample] })
  dataCategoryIds?: string[];
}

export class ActivitySystemInput {
  @IsUUID()
  @Doc({ description: 'The system the activity uses', example: uuidExample })
  systemId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: "Data categories held there: they must be among the activity's data categories", example: [uuidExample] })
  dataCategoryIds?: string[];
}

export class ActivityTransferInput {
  @IsUUID()
  @Doc({ description: 'The recipient in the third country', example: uuidExample })
  recipientId!: string;

  @IsOptional()
  @IsIn(transferDestinations)
  @Doc({
    description:
      'Where it goes: a country (give `country`; one transfer per country), an international organisation (give `internationalOrganisation`), worldwide (anywhere: the source names no country), or not stated. Inferred from `country` or `internationalOrganisation` when left out.',
    example: 'country',
  })
  destination?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Destination country, ISO 3166-1 alpha-2 (destination `country`)', example: 'US', nullable: true })
  country?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({
    description: 'The international organisation it goes to (destination `international-organisation`)',
    example: 'World Health Organization',
    nullable: true,
  })
  internationalOrganisation?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({
    description: "An onward transfer: the processor (among the activity's recipients) whose sub-processor the recipient is",
    example: uuidExample,
    nullable: true,
  })
  viaRecipientId?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Transfer mechanism: a legal basis of kind transfer-mechanism (Art. 45–49)', example: uuidExample, nullable: true })
  mechanismId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'Safeguards in place', example: 'IP addresses truncated within the EEA before transfer', nullable: true })
  safeguard?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Reference of the transfer impact assessment', example: 'TIA-GA-2023', nullable: true })
  tiaReference?: string | null;
}

const idList = (description: string) => Doc({ description, example: [uuidExample] });

export class ProcessingActivityCreate {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Customer orders and service delivery' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(8000)
  @Doc({
    description: 'What happens in this processing',
    example: 'Taking orders, concluding contracts and delivering hosting services',
    nullable: true,
  })
  description?: string | null;

  @IsOptional()
  @IsIn(activityRoles)
  @Doc({ description: 'Our role: controller (Art. 30(1)), processor (Art. 30(2)) or joint controller', example: 'controller' })
  role?: string;

  @IsOptional()
  @IsIn(activityStatuses)
  @Doc({ description: 'draft, active or retired', example: 'active' })
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Who is responsible for this record (person or department)', example: 'Sales', nullable: true })
  owner?: string | null;

  @OwnerUnitId()
  ownerUnitId?: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({
    description: 'When the record is next due for review (YYYY-MM-DD)',
    example: '2027-03-31',
    nullable: true,
    schema: { format: 'date' },
  })
  reviewDueAt?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Whether a DPIA (Art. 35) is required; null: not stated', example: false, nullable: true })
  dpiaRequired?: boolean | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Reference of the DPIA, if one was made', example: 'DPIA-2021-01', nullable: true })
  dpiaReference?: string | null;

  @OptionalText(300, "The register's own reference or code for the record", 'EDA-DPR-054')
  reference?: string | null;

  @OptionalText(300, 'The business function or department the record belongs to', 'Archief Gent')
  businessFunction?: string | null;

  @OptionalText(300, 'The category or group the register sorts its records by', 'Maatschappelijke hulpverlening')
  recordGroup?: string | null;

  @OptionalDate('When the record was adopted (YYYY-MM-DD)', '2018-07-12')
  adoptedOn?: string | null;

  @OptionalDate('When the record was last updated or reviewed, as it says (YYYY-MM-DD)', '2022-09-02')
  lastReviewedOn?: string | null;

  @OptionalText(35, 'The language of the record (BCP 47)', 'nl')
  language?: string | null;

  @OptionalText(2000, 'Where the record is published', 'https://verwerkingsregister.stad.gent/verwerking/c2851d14')
  sourceUrl?: string | null;

  @OptionalText(8000, "The source's own words for the record, as they are (never translated or corrected)")
  sourcePhrase?: string | null;

  @OptionalText(8000, "The register keeper's internal note: never in the privacy notice or a public export")
  internalNote?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(statedAbsences, { each: true })
  @Doc({
    description:
      'What the record states is absent — an assessed statement, unlike an empty list: no special categories, no criminal-offence data, no transfers outside the EEA, no recipients outside the organisation, no processor, no security measures (still a finding: Art. 32 asks for them); automated decisions have their own field',
    example: ['special-categories', 'transfers'],
  })
  statedAbsences?: string[];

  @IsOptional()
  @IsIn(automatedDecisionStatuses)
  @Doc({
    description:
      'Whether the processing involves automated decision-making, including profiling (Art. 22): yes, no, or not-stated (when left out)',
    example: 'not-stated',
  })
  automatedDecisions?: string;

  @OptionalText(4000, 'The logic involved in the automated decisions (Art. 13(2)(f))')
  automatedDecisionLogic?: string | null;

  @OptionalText(4000, 'Their significance and envisaged consequences for the data subject (Art. 13(2)(f))')
  automatedDecisionSignificance?: string | null;

  @OptionalText(4000, 'The safeguards: human intervention, expressing a point of view, contesting the decision (Art. 22(3))')
  automatedDecisionSafeguards?: string | null;

  @OptionalText(300, 'Reference of the arrangement between joint controllers (Art. 26(1))', 'JCA-2024-03')
  jointArrangementRef?: string | null;

  @OptionalText(4000, 'The essence of that arrangement as made available to data subjects, or where (Art. 26(2))')
  jointArrangementEssence?: string | null;

  @IsOptional()
  @IsArray()
  @detailedIds(
    'The controlling organisation(s) — organisations with the role controller or joint-controller; for processor activities, the controllers we act for',
    {
      relationship: {
        type: 'string',
        enum: [...controllerRelationships],
        description: 'How this controller relates to the others of the record: joint (Art. 26), separate, or not stated',
        example: 'joint',
      },
    },
    [uuidExample],
    20,
  )
  controllerIds?: (string | { id: string; relationship?: string })[];

  @IsOptional()
  @IsArray()
  @detailedIds(
    'Legal bases the record states for the activity as a whole, not paired with a purpose (they count for every purpose)',
    legalBasisNote,
    [uuidExample],
    20,
  )
  legalBasisIds?: (string | { id: string; note?: string | null })[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ValidateNested({ each: true })
  @Type(() => ActivityPurposeInput)
  @Doc({ description: 'Purposes, each with its legal bases' })
  purposes?: ActivityPurposeInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @idList('Categories of data subjects')
  dataSubjectCategoryIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ValidateNested({ each: true })
  @Type(() => ActivityDataCategoryInput)
  @Doc({ description: 'Categories of personal data, each with retention and source channels' })
  dataCategories?: ActivityDataCategoryInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @idList('Retention the record states for the activity as a whole (e.g. when it lists no data categories)')
  retentionRuleIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @idList('How the data is collected')
  collectionChannelIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ValidateNested({ each: true })
  @Type(() => ActivityRecipientInput)
  @Doc({ description: 'Recipients, each with the data categories it receives' })
  recipients?: ActivityRecipientInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ValidateNested({ each: true })
  @Type(() => ActivityTransferInput)
  @Doc({ description: 'Transfers to third countries or international organisations (Art. 30(1)(e))' })
  transfers?: ActivityTransferInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @idList('Technical and organisational security measures')
  securityMeasureIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(maxLinks)
  @ValidateNested({ each: true })
  @Type(() => ActivitySystemInput)
  @Doc({ description: 'Systems the activity uses, each with the data categories held there' })
  systems?: ActivitySystemInput[];
}

export const ProcessingActivityUpdate = updateDtoOf(ProcessingActivityCreate, 'ProcessingActivityUpdate');

// ---- response shapes ------------------------------------------------------------------------

export class LegalBasisRef extends EntityRef {
  @IsString()
  @Doc({ description: 'Stable code', example: 'gdpr-6-1-b' })
  code!: string;

  @IsString()
  @Doc({ description: 'The provision', example: 'Art. 6(1)(b)' })
  article!: string;

  @IsString()
  @Doc({ description: 'Kind of basis', example: 'lawful-basis' })
  kind!: string;
}

/** A legal basis as a record states it: the basis, and its note. */
export class LegalBasisLink extends LegalBasisRef {
  @IsOptional()
  @IsString()
  @Doc({ description: "The basis in the source's words, or the national law and article it rests on", nullable: true })
  note?: string | null;
}

/** A controller of the record, and how it relates to the others. */
export class ControllerLink extends EntityRef {
  @IsIn(controllerRelationships)
  @Doc({ description: 'joint (Art. 26), separate, or not stated', example: 'not-stated' })
  relationship!: string;
}

export class ActivityPurposeLink {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The purpose' })
  purpose!: EntityRef;

  @ValidateNested({ each: true })
  @Type(() => LegalBasisLink)
  @Doc({ description: 'Its legal bases' })
  legalBases!: LegalBasisLink[];

  @IsOptional()
  @IsString()
  @Doc({ description: 'Legitimate interest pursued', nullable: true })
  legitimateInterest?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Legitimate interests assessment reference', nullable: true })
  assessmentReference?: string | null;
}

export class DataCategoryRef extends EntityRef {
  @IsString()
  @Doc({ description: 'standard, special (Art. 9) or criminal (Art. 10)', example: 'standard' })
  sensitivity!: string;
}

export class RetentionRuleRef extends EntityRef {
  @IsIn(retentionKinds)
  @Doc({ description: 'Kind of period', example: 'fixed-duration' })
  kind!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'ISO 8601 duration', example: 'P7Y', nullable: true })
  duration?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'ISO 8601 duration', example: 'P10Y', nullable: true })
  maximumDuration?: string | null;
}

export class ActivityDataCategoryLink {
  @ValidateNested()
  @Type(() => DataCategoryRef)
  @Doc({ description: 'The data category' })
  dataCategory!: DataCategoryRef;

  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionRuleRef)
  @Doc({ description: 'Its retention rule in this activity', nullable: true })
  retentionRule?: RetentionRuleRef | null;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'Channels it is collected through' })
  sourceChannels!: EntityRef[];
}

export class RecipientRef extends EntityRef {
  @IsString()
  @Doc({ description: 'Recipient kind', example: 'processor' })
  kind!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Country', example: 'US', nullable: true })
  country?: string | null;
}

export class ActivityRecipientLink {
  @ValidateNested()
  @Type(() => RecipientRef)
  @Doc({ description: 'The recipient' })
  recipient!: RecipientRef;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'Data categories it receives' })
  dataCategories!: EntityRef[];
}

export class ActivitySystemLink {
  @ValidateNested()
  @Type(() => SystemRef)
  @Doc({ description: 'The system' })
  system!: SystemRef;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'Data categories held there' })
  dataCategories!: EntityRef[];
}

export class ActivityTransferLink {
  @ValidateNested()
  @Type(() => RecipientRef)
  @Doc({ description: 'The recipient' })
  recipient!: RecipientRef;

  @IsIn(transferDestinations)
  @Doc({ description: 'country, international-organisation, worldwide or not-stated', example: 'country' })
  destination!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Destination country', example: 'US', nullable: true })
  country?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The international organisation it goes to', nullable: true })
  internationalOrganisation?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientRef)
  @Doc({ description: 'An onward transfer: the processor whose sub-processor the recipient is', nullable: true })
  via?: RecipientRef | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisRef)
  @Doc({ description: 'Transfer mechanism', nullable: true })
  mechanism?: LegalBasisRef | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Safeguards', nullable: true })
  safeguard?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Transfer impact assessment reference', nullable: true })
  tiaReference?: string | null;
}

const refs = (description: string) => Doc({ description });

/** The activity's latest approval (src/reviews): what was approved, by whom, when, and when it is next due for review. */
export class ActivityApprovalSummary {
  @IsInt()
  @Doc({ description: 'The version of the activity that was approved (its representation then is the approved state)', example: 4 })
  version!: number;

  @IsString()
  @Doc({ description: 'Who approved it (the token subject)', example: 'dpo@example.org' })
  approvedBy!: string;

  @DateTime({ description: 'When it was approved', example: '2026-12-01T10:00:00.000Z' })
  approvedAt!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: "The approver's comment", nullable: true })
  comment?: string | null;

  @Matches(isoDatePattern)
  @Doc({
    description: 'When the approved record is next due for review: the approval date plus REVIEW_CYCLE',
    example: '2027-12-01',
    schema: { format: 'date' },
  })
  reviewDueOn!: string;
}

export class ProcessingActivityResponse {
  // id, createdAt, updatedAt and version: documented by addEntityFields below. The timestamps are
  // Dates as read from the database and text as the audit trail recorded them.
  id!: string;
  createdAt!: Date | string;
  updatedAt!: Date | string;
  version!: number;

  @IsString()
  @Doc({ description: 'Name', example: 'Customer orders and service delivery' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description?: string | null;

  @IsIn(activityRoles)
  @Doc({ description: 'Our role', example: 'controller' })
  role!: string;

  @IsIn(activityStatuses)
  @Doc({ description: 'Status', example: 'active' })
  status!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Owner', example: 'Sales', nullable: true })
  owner?: string | null;

  @OwnerUnitId()
  ownerUnitId?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Review due date', example: '2027-03-31', nullable: true })
  reviewDueAt?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'DPIA required; null: not stated', example: false, nullable: true })
  dpiaRequired?: boolean | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'DPIA reference', nullable: true })
  dpiaReference?: string | null;

  @OptionalText(300, "The register's own reference or code for the record")
  reference?: string | null;

  @OptionalText(300, 'Business function or department')
  businessFunction?: string | null;

  @OptionalText(300, 'The category or group the register sorts its records by')
  recordGroup?: string | null;

  @OptionalDate('Adopted on', '2018-07-12')
  adoptedOn?: string | null;

  @OptionalDate('Last updated or reviewed on, as the record says', '2022-09-02')
  lastReviewedOn?: string | null;

  @OptionalText(35, 'Language of the record (BCP 47)')
  language?: string | null;

  @OptionalText(2000, 'Where the record is published')
  sourceUrl?: string | null;

  @OptionalText(8000, "The source's own words for the record")
  sourcePhrase?: string | null;

  @OptionalText(8000, 'Internal note (never in the privacy notice or a public export)')
  internalNote?: string | null;

  @IsArray()
  @IsIn(statedAbsences, { each: true })
  @Doc({ description: 'What the record states is absent' })
  statedAbsences!: string[];

  @IsIn(automatedDecisionStatuses)
  @Doc({ description: 'Automated decision-making, including profiling (Art. 22): yes, no or not stated', example: 'not-stated' })
  automatedDecisions!: string;

  @OptionalText(4000, 'The logic involved')
  automatedDecisionLogic?: string | null;

  @OptionalText(4000, 'Significance and envisaged consequences')
  automatedDecisionSignificance?: string | null;

  @OptionalText(4000, 'Safeguards (Art. 22(3))')
  automatedDecisionSafeguards?: string | null;

  @OptionalText(300, "Reference of the joint controllers' arrangement (Art. 26)")
  jointArrangementRef?: string | null;

  @OptionalText(4000, 'Essence of the arrangement made available (Art. 26(2))')
  jointArrangementEssence?: string | null;

  @IsIn(reviewStates)
  @Doc({
    description:
      'Where the record stands in review: `draft` (edited since its last approval, or never submitted), `in-review` (submitted, awaiting an approver) or `approved` (as it stands). Changed only by the submit, approve and return routes; any write of the activity makes it `draft` again.',
    example: 'approved',
  })
  reviewState!: string;

  @IsOptional()
  @DateTime({ description: 'When it was last submitted for review', example: '2026-12-01T09:00:00.000Z', nullable: true })
  submittedAt?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Who last submitted it (the token subject)', example: 'editor@example.org', nullable: true })
  submittedBy?: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The comment of the last approve or return step (why it was returned to draft)', nullable: true })
  reviewComment?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityApprovalSummary)
  @Doc({
    description: "Its latest approval; null: never approved. Stays after an edit (then `version` is older than the activity's).",
    nullable: true,
  })
  approval?: ActivityApprovalSummary | null;

  @ValidateNested({ each: true })
  @Type(() => ControllerLink)
  @refs('Controlling organisations, each with its relationship to the others')
  controllers!: ControllerLink[];

  @ValidateNested({ each: true })
  @Type(() => ActivityPurposeLink)
  @refs('Purposes with legal bases')
  purposes!: ActivityPurposeLink[];

  @ValidateNested({ each: true })
  @Type(() => LegalBasisLink)
  @refs('Legal bases stated for the activity as a whole')
  legalBases!: LegalBasisLink[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @refs('Data subject categories')
  dataSubjectCategories!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => ActivityDataCategoryLink)
  @refs('Data categories with retention and sources')
  dataCategories!: ActivityDataCategoryLink[];

  @ValidateNested({ each: true })
  @Type(() => RetentionRuleRef)
  @refs('Retention stated for the activity as a whole')
  retentionRules!: RetentionRuleRef[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @refs('Collection channels')
  collectionChannels!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => ActivityRecipientLink)
  @refs('Recipients with the data they receive')
  recipients!: ActivityRecipientLink[];

  @ValidateNested({ each: true })
  @Type(() => ActivityTransferLink)
  @refs('Third-country transfers')
  transfers!: ActivityTransferLink[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @refs('Security measures')
  securityMeasures!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => ActivitySystemLink)
  @refs('Systems used, with the data categories held there')
  systems!: ActivitySystemLink[];

  @ValidateNested({ each: true })
  @Type(() => ActivityRight)
  @refs('Data subject rights, derived from the legal bases of the purposes (computed on read, not stored)')
  rights!: ActivityRight[];
}
addEntityFields(ProcessingActivityResponse.prototype);

export const activitySortValues = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'reviewDueAt',
  '-reviewDueAt',
] as const;

export class ProcessingActivityListQuery extends ListQuery {
  @IsOptional()
  @IsIn(activitySortValues)
  @Doc({ description: 'Sort key; a leading "-" sorts descending. Ties are broken by id.', example: 'name' })
  override sort?: string;

  @IsOptional()
  @IsIn(activityStatuses)
  @Doc({ description: 'Only this status', example: 'active' })
  status?: string;

  @IsOptional()
  @IsIn(activityRoles)
  @Doc({ description: 'Only this role', example: 'controller' })
  role?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Only this owner (exact)', example: 'Sales' })
  owner?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities owned by this organisational unit' })
  ownerUnitId?: string;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Only activities that do (true) or do not (false) require a DPIA' })
  dpiaRequired?: boolean;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'Only activities whose review is due before this date', example: '2027-01-01', schema: { format: 'date' } })
  reviewDueBefore?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities controlled by this organisation' })
  controllerId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities with this purpose' })
  purposeId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities relying on this legal basis (for a purpose or a transfer)' })
  legalBasisId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities concerning this data subject category' })
  dataSubjectCategoryId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities processing this data category' })
  dataCategoryId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities collecting through this channel' })
  collectionChannelId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities sharing with (or transferring to) this recipient' })
  recipientId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities using this retention rule' })
  retentionRuleId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities with this security measure' })
  securityMeasureId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only activities using this system' })
  systemId?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Only activities transferring data to this country', example: 'US' })
  transferCountry?: string;
}
