import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { activityRoles, activityStatuses } from '../../entities/processing-activity';
import { EntityRef, ListQuery } from '../http/common-dto';
import { addEntityFields, Doc, isoDatePattern, updateDtoOf } from '../http/dto';
import { ActivityRight } from '../gdpr/rights-dto';

const maxLinks = 200;
const uuidExample = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

// ---- request shapes -------------------------------------------------------------------------

export class ActivityPurposeInput {
  @IsUUID()
  @Doc({ description: 'The purpose', example: uuidExample })
  purposeId!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: 'Legal bases for this purpose: Art. 6 basis, plus an Art. 9/10 condition where needed', example: [uuidExample] })
  legalBasisIds!: string[];

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

export class ActivityTransferInput {
  @IsUUID()
  @Doc({ description: 'The recipient in the third country', example: uuidExample })
  recipientId!: string;

  @IsISO31661Alpha2()
  @Doc({ description: 'Destination country, ISO 3166-1 alpha-2', example: 'US' })
  country!: string;

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
  @Doc({ description: 'Whether a DPIA (Art. 35) is required', example: false })
  dpiaRequired?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Reference of the DPIA, if one was made', example: 'DPIA-2021-01', nullable: true })
  dpiaReference?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @idList('The controlling organisation(s); for processor activities, the controllers we act for')
  controllerIds?: string[];

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

export class ActivityPurposeLink {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The purpose' })
  purpose!: EntityRef;

  @ValidateNested({ each: true })
  @Type(() => LegalBasisRef)
  @Doc({ description: 'Its legal bases' })
  legalBases!: LegalBasisRef[];

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
  @IsString()
  @Doc({ description: 'ISO 8601 duration', example: 'P7Y' })
  duration!: string;

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

export class ActivityTransferLink {
  @ValidateNested()
  @Type(() => RecipientRef)
  @Doc({ description: 'The recipient' })
  recipient!: RecipientRef;

  @IsString()
  @Doc({ description: 'Destination country', example: 'US' })
  country!: string;

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

  @IsOptional()
  @IsString()
  @Doc({ description: 'Review due date', example: '2027-03-31', nullable: true })
  reviewDueAt?: string | null;

  @IsBoolean()
  @Doc({ description: 'DPIA required', example: false })
  dpiaRequired!: boolean;

  @IsOptional()
  @IsString()
  @Doc({ description: 'DPIA reference', nullable: true })
  dpiaReference?: string | null;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @refs('Controlling organisations')
  controllers!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => ActivityPurposeLink)
  @refs('Purposes with legal bases')
  purposes!: ActivityPurposeLink[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @refs('Data subject categories')
  dataSubjectCategories!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => ActivityDataCategoryLink)
  @refs('Data categories with retention and sources')
  dataCategories!: ActivityDataCategoryLink[];

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
  @IsISO31661Alpha2()
  @Doc({ description: 'Only activities transferring data to this country', example: 'US' })
  transferCountry?: string;
}
