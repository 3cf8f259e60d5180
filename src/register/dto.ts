import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { controllerRelationships, transferDestinations } from '../../entities/activity-links';
import { flowEndKinds } from '../../entities/data-flow';
import { cookieParties, collectionMechanisms, sourceTypes } from '../../entities/collection-channel';
import { sensitivities } from '../../entities/data-category';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { legalBasisKinds } from '../../entities/legal-basis';
import { organisationalUnitKinds } from '../../entities/organisational-unit';
import { contactRoles, dpoRequirements, legalFrameworks, organisationRoles } from '../../entities/organisation';
import { activityRoles, activityStatuses, automatedDecisionStatuses, statedAbsences } from '../../entities/processing-activity';
import { registerStates } from '../reviews/approved';
import { NotApprovedActivity } from '../reviews/dto';
import { processingAgreementStatuses, recipientCategories, recipientKinds } from '../../entities/recipient';
import { retentionEndActions, retentionKinds } from '../../entities/retention-rule';
import { securityMeasureTypes } from '../../entities/security-measure';
import { hostingNotStated, systemKinds } from '../../entities/system';
import { EntityRef } from '../http/common-dto';
import { DateTime, Doc, isoDatePattern, type JsonSchema } from '../http/dto';
import { ActivityRight } from '../gdpr/rights-dto';

/**
 * The register export (GET /v1/register) as DTO classes: the same class-validator-jsonschema
 * pipeline as the API turns them into the JSON Schema that the OpenAPI document carries and that
 * is published as openapi/register.schema.json. Every property is always present (null when not
 * recorded), so every property is required.
 */

const uuid = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

/** Class decorator: every property required, and a description of the object. */
const Complete = (description: string): ClassDecorator =>
  JSONSchema(((schema: JsonSchema) => ({
    ...schema,
    description,
    required: Object.keys(schema.properties ?? {}),
  })) as never) as ClassDecorator;

const dateTime = (description: string, example = '2026-03-31T09:30:00.000Z') =>
  JSONSchema(() => ({ type: 'string', format: 'date-time', description, example })) as PropertyDecorator;

/** ISO 3166-1 alpha-2 country code (output: the register validated it on input). */
const countryPattern = /^[A-Z]{2}$/;

/** A text field of the document: present always, null when the register holds nothing for it. */
const Text = (description: string, example?: string): PropertyDecorator => {
  return (target, property) => {
    IsOptional()(target, property);
    IsString()(target, property);
    Doc({ description, example, nullable: true })(target, property);
  };
};

/** The source's own words for an entry. */
const SourcePhrase = () => Text("The source's own words for this entry, as they are");
/** The register keeper's internal note, filled in only when asked for. */
const InternalNote = () =>
  Text("The register keeper's internal note: filled only in an export with internalNotes=true (auditors and admins); null otherwise");

/** The organisational unit that owns an entry, by key; null when owned by none. */
const OwnerUnit = () =>
  Text('The organisational unit that owns the entry, by its key (see organisationalUnits); null: owned by no unit', 'hr');

// ---- organisational units ----------------------------------------------------------------------

@Complete('A department or business function that owns entries of the register')
export class ExportOrganisationalUnit {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: "Stable key: what identity-provider tokens and the entries' ownerUnit name the unit by", example: 'hr' })
  key!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Human Resources' })
  name!: string;

  @IsIn(organisationalUnitKinds)
  @Doc({ description: 'What kind of unit', example: 'department' })
  kind!: string;

  @Text('What the unit does')
  description!: string | null;
}

// ---- organisations -----------------------------------------------------------------------------

@Complete('Data protection officer (Art. 37–39) of an organisation')
export class ExportDpo {
  @IsOptional()
  @IsString()
  @Doc({ description: 'Name', example: 'J. de Vries', nullable: true })
  name!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Email', example: 'dpo@example.com', nullable: true })
  email!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Phone', example: '+31 20 123 4568', nullable: true })
  phone!: string | null;

  @Text('Function or title, when the source names the role rather than the person', 'Head of the Legal Office')
  title!: string | null;

  @Text("Postal address, when it is not the organisation's")
  address!: string | null;
}

@Complete('A contact of an organisation, with its role')
export class ExportContact {
  @IsIn(contactRoles)
  @Doc({ description: 'What the contact is for', example: 'privacy-desk' })
  role!: string;

  @Text('Name')
  name!: string | null;

  @Text('Function or title')
  title!: string | null;

  @Text('Email')
  email!: string | null;

  @Text('Phone')
  phone!: string | null;

  @Text('Postal address')
  address!: string | null;
}

@Complete("An organisation's representative in the Union (Art. 27), resolved")
export class ExportRepresentative {
  @IsUUID()
  @Doc({ description: 'Id of the representative organisation', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'EU Rep B.V.' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Postal address', nullable: true })
  address!: string | null;

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: 'Country', example: 'NL', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Email', nullable: true })
  email!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Phone', nullable: true })
  phone!: string | null;
}

@Complete('An organisation of the register with its contact details, DPO and representative (Art. 30(1)(a), 30(2)(a))')
export class ExportOrganisation {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Legal name', example: 'Woktron Ltd.' })
  name!: string;

  @IsIn(organisationRoles, { each: true })
  @Doc({ description: 'Roles it plays in the register', example: ['controller'] })
  roles!: string[];

  @IsOptional()
  @IsString()
  @Doc({ description: 'What the organisation is', nullable: true })
  description!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Company registration number', nullable: true })
  registrationNumber!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Postal address', nullable: true })
  address!: string | null;

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: 'Country of establishment', example: 'NL', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'General contact email', nullable: true })
  email!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'General contact phone', nullable: true })
  phone!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Website', nullable: true })
  website!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Where data subjects send privacy requests', nullable: true })
  privacyContactEmail!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportDpo)
  @Doc({ description: 'Its DPO, when one is recorded', nullable: true })
  dpo!: ExportDpo | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportRepresentative)
  @Doc({ description: 'Its Art. 27 representative, when one is recorded', nullable: true })
  representative!: ExportRepresentative | null;

  @ValidateNested({ each: true })
  @Type(() => ExportContact)
  @Doc({ description: 'Its other contacts, each with its role' })
  contacts!: ExportContact[];

  @IsIn(dpoRequirements)
  @Doc({ description: 'Whether a DPO must be designated: yes, no or not-stated', example: 'yes' })
  dpoRequired!: string;

  @Text('Why a DPO is or is not required')
  dpoRequiredReason!: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'A public authority or body (Art. 37(1)(a)); null: not stated', nullable: true })
  publicBody!: boolean | null;

  @IsIn(legalFrameworks)
  @Doc({
    description: 'The law its register is kept under: gdpr, uk-gdpr, eudpr (Regulation (EU) 2018/1725) or not-stated',
    example: 'gdpr',
  })
  framework!: string;

  @Text('The language of its register (BCP 47)', 'nl')
  language!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportLegalBasisRef)
  @Doc({ description: 'One transfer mechanism it states for all its transfers', nullable: true })
  transferMechanism!: ExportLegalBasisRef | null;

  @Text('That statement in its own words')
  transferMechanismNote!: string | null;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete("A controller of a record, with how it relates to the record's other controllers")
export class ExportController extends ExportOrganisation {
  @IsIn(controllerRelationships)
  @Doc({ description: 'joint (Art. 26), separate, or not-stated', example: 'not-stated' })
  relationship!: string;
}

// ---- legal bases -------------------------------------------------------------------------------

@Complete('A legal basis used by the exported activities, with its reference code and W3C DPV IRI')
export class ExportLegalBasis {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Stable code', example: 'gdpr-6-1-b' })
  code!: string;

  @IsString()
  @Doc({ description: 'Short title', example: 'Contract' })
  name!: string;

  @IsIn(legalBasisKinds)
  @Doc({ description: 'Kind of basis', example: 'lawful-basis' })
  kind!: string;

  @IsString()
  @Doc({ description: 'The provision', example: 'Art. 6(1)(b)' })
  article!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'What it allows', nullable: true })
  description!: string | null;

  @IsString()
  @Doc({ description: "'EU' for the GDPR, else the country of the national law", example: 'EU' })
  jurisdiction!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'W3C DPV IRI', example: 'https://w3id.org/dpv/legal/eu/gdpr#A6-1-b', nullable: true })
  dpvIri!: string | null;

  @IsBoolean()
  @Doc({ description: 'Shipped with the service (GDPR) rather than added', example: true })
  builtIn!: boolean;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A legal basis as an activity refers to it')
export class ExportLegalBasisRef {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Stable code', example: 'gdpr-6-1-b' })
  code!: string;

  @IsString()
  @Doc({ description: 'Short title', example: 'Contract' })
  name!: string;

  @IsString()
  @Doc({ description: 'The provision', example: 'Art. 6(1)(b)' })
  article!: string;

  @IsIn(legalBasisKinds)
  @Doc({ description: 'Kind of basis', example: 'lawful-basis' })
  kind!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'W3C DPV IRI', example: 'https://w3id.org/dpv/legal/eu/gdpr#A6-1-b', nullable: true })
  dpvIri!: string | null;
}

@Complete('A legal basis as a record states it, with its note')
export class ExportLegalBasisLink extends ExportLegalBasisRef {
  @Text("The basis in the source's words, or the national law and article it rests on")
  note!: string | null;
}

// ---- the parts of an activity ------------------------------------------------------------------

@Complete('A purpose of the processing with its legal bases (Art. 30(1)(b), 6, 9, 10)')
export class ExportPurpose {
  @IsUUID()
  @Doc({ description: 'Id of the purpose', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'The purpose', example: 'Order processing' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description of the purpose', nullable: true })
  description!: string | null;

  @ValidateNested({ each: true })
  @Type(() => ExportLegalBasisLink)
  @Doc({ description: 'Its legal bases, each with its note' })
  legalBases!: ExportLegalBasisLink[];

  @IsOptional()
  @IsString()
  @Doc({ description: 'For Art. 6(1)(f): the legitimate interest pursued', nullable: true })
  legitimateInterest!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'For Art. 6(1)(f): the legitimate interests assessment reference', nullable: true })
  assessmentReference!: string | null;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A category of data subjects (Art. 30(1)(c))')
export class ExportDataSubjectCategory {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'The category', example: 'Customers' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsBoolean()
  @Doc({ description: 'Vulnerable data subjects (children, employees, patients…)', example: false })
  vulnerable!: boolean;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A period that applies only under a condition')
export class ExportRetentionCondition {
  @IsString()
  @Doc({ description: "When it applies, in the source's words", example: 'when tax law applies' })
  condition!: string;

  @Text('The period then, ISO 8601 duration', 'P10Y')
  duration!: string | null;

  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({ description: 'What happens then, when it differs', nullable: true })
  endAction!: string | null;
}

@Complete('A retention rule: the envisaged time limit for erasure (Art. 30(1)(f))')
export class ExportRetention {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Tax records' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsIn(retentionKinds)
  @Doc({ description: 'fixed-duration, statutory, until-event, permanent, as-long-as-necessary or not-stated', example: 'fixed-duration' })
  kind!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'How long, ISO 8601 duration (null: none stated)', example: 'P7Y', nullable: true })
  duration!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Longest allowed, ISO 8601 duration', example: 'P10Y', nullable: true })
  maximumDuration!: string | null;

  @Text('What the duration counts from, or the event it lasts until (null: not stated)', 'End of the fiscal year')
  startEvent!: string | null;

  @IsIn(retentionEndActions)
  @Doc({ description: 'What happens at the end (not-stated when the source says nothing)', example: 'erase' })
  endAction!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The law, policy or archive selection list that sets it, if any', example: 'Art. 52 AWR', nullable: true })
  legalReference!: string | null;

  @ValidateNested({ each: true })
  @Type(() => ExportRetentionCondition)
  @Doc({ description: 'Periods that apply only under a condition' })
  conditions!: ExportRetentionCondition[];

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A collection channel as a data source refers to it')
export class ExportChannelRef {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Order form' })
  name!: string;

  @IsIn(sourceTypes)
  @Doc({ description: 'Art. 13 (data subject) or Art. 14 (otherwise) source', example: 'data-subject' })
  sourceType!: string;

  @IsIn(collectionMechanisms)
  @Doc({ description: 'How the data arrives', example: 'order' })
  mechanism!: string;
}

@Complete('A category of personal data with its erasure time limit and sources (Art. 30(1)(c), (f))')
export class ExportDataCategory {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'The category', example: 'Contact details' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsArray()
  @IsString({ each: true })
  @Doc({ description: 'The data items the source names for it', example: ['name', 'email address'] })
  examples!: string[];

  @IsIn(sensitivities)
  @Doc({ description: 'standard, special (Art. 9) or criminal (Art. 10)', example: 'standard' })
  sensitivity!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportRetention)
  @Doc({ description: 'How long it is kept in this activity (null: not recorded)', nullable: true })
  retention!: ExportRetention | null;

  @ValidateNested({ each: true })
  @Type(() => ExportChannelRef)
  @Doc({ description: 'Where it comes from in this activity' })
  sources!: ExportChannelRef[];

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A cookie a collection channel sets')
export class ExportCookie {
  @Text('Who sets it (null: not stated)', 'Google')
  provider!: string | null;

  @Text('What it is for (null: not stated)', 'Analytics')
  purpose!: string | null;

  @Text('How long it lives, ISO 8601 duration (null: not stated)', 'P2Y')
  lifetime!: string | null;

  @IsIn(cookieParties)
  @Doc({ description: 'First or third party', example: 'third-party' })
  party!: string;

  @IsString({ each: true })
  @Doc({ description: 'Cookie names', example: ['_ga'] })
  names!: string[];
}

@Complete('How personal data is collected')
export class ExportCollectionChannel {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Order form' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsIn(sourceTypes)
  @Doc({ description: 'Art. 13 (data subject) or Art. 14 (otherwise) source', example: 'data-subject' })
  sourceType!: string;

  @IsIn(collectionMechanisms)
  @Doc({ description: 'How the data arrives', example: 'order' })
  mechanism!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportCookie)
  @Doc({ description: 'The cookie, for cookie channels', nullable: true })
  cookie!: ExportCookie | null;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A recipient of the personal data (Art. 30(1)(d)), with the categories it receives')
export class ExportRecipient {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Google Analytics' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsIn(recipientKinds)
  @Doc({ description: 'Processor, independent controller, authority…', example: 'processor' })
  kind!: string;

  @IsIn(recipientCategories)
  @Doc({ description: 'Category of recipient', example: 'analytics-provider' })
  category!: string;

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: 'Country', example: 'US', nullable: true })
  country!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The organisation behind it', nullable: true })
  organisation!: EntityRef | null;

  @IsIn(processingAgreementStatuses)
  @Doc({ description: 'The Art. 28 agreement (processors): signed, in-negotiation, not-needed or not-stated', example: 'signed' })
  processingAgreementStatus!: string;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'When the agreement was signed', nullable: true, schema: { format: 'date' } })
  processingAgreementDate!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Art. 28 agreement reference (processors)', nullable: true })
  processingAgreementRef!: string | null;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'Data categories it receives in this activity' })
  dataCategories!: EntityRef[];

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A recipient as a transfer refers to it')
export class ExportTransferRecipient {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Google Analytics' })
  name!: string;

  @IsIn(recipientKinds)
  @Doc({ description: 'Kind of recipient', example: 'processor' })
  kind!: string;

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: "Recipient's country", example: 'US', nullable: true })
  country!: string | null;
}

@Complete('A transfer to a third country or international organisation, with its safeguards (Art. 30(1)(e), 30(2)(c))')
export class ExportTransfer {
  @ValidateNested()
  @Type(() => ExportTransferRecipient)
  @Doc({ description: 'Who receives the data' })
  recipient!: ExportTransferRecipient;

  @IsIn(transferDestinations)
  @Doc({ description: 'country, international-organisation, worldwide or not-stated', example: 'country' })
  destination!: string;

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: 'Destination country (destination country)', example: 'US', nullable: true })
  country!: string | null;

  @Text('The international organisation it goes to')
  internationalOrganisation!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportTransferRecipient)
  @Doc({ description: 'An onward transfer: the processor whose sub-processor the recipient is', nullable: true })
  via!: ExportTransferRecipient | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportLegalBasisRef)
  @Doc({ description: 'Transfer mechanism (Art. 45–49)', nullable: true })
  mechanism!: ExportLegalBasisRef | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Safeguards in place', nullable: true })
  safeguard!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Transfer impact assessment reference', nullable: true })
  tiaReference!: string | null;
}

@Complete('A technical or organisational security measure (Art. 30(1)(g), 30(2)(d), 32)')
export class ExportSecurityMeasure {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Encryption at rest' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsIn(securityMeasureTypes)
  @Doc({ description: 'technical, organisational, physical or not-stated', example: 'technical' })
  type!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Standard it follows', example: 'ISO/IEC 27001', nullable: true })
  standardReference!: string | null;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A system of the register — where personal data lives — with its provider and security measures resolved')
export class ExportSystemEntry {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Google Analytics' })
  name!: string;

  @Text('Description')
  description!: string | null;

  @IsIn(systemKinds)
  @Doc({ description: 'application, database, saas, file-share, paper-archive, device or not-stated', example: 'saas' })
  kind!: string;

  @Text('Who is responsible for it in the organisation')
  owner!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The organisation that provides or operates it', nullable: true })
  provider!: EntityRef | null;

  @IsString({ each: true })
  @Doc({
    description: 'Where it is hosted: ISO 3166-1 alpha-2 codes, or ["not-stated"]',
    example: ['US'],
    schema: { items: { type: 'string', anyOf: [{ pattern: countryPattern.source }, { const: hostingNotStated }] } },
  })
  hostingCountries!: string[];

  @ValidateNested({ each: true })
  @Type(() => ExportSecurityMeasure)
  @Doc({ description: 'The security measures that apply to it' })
  securityMeasures!: ExportSecurityMeasure[];

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

@Complete('A system the activity uses — where the data lives — with the data categories held there')
export class ExportSystem extends ExportSystemEntry {
  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: "The activity's data categories held there" })
  dataCategories!: EntityRef[];
}

@Complete("One end of a data flow: the entry it starts at or goes to, and that entry's kind")
export class ExportFlowEnd {
  @IsIn(flowEndKinds)
  @Doc({ description: 'collection-channel, data-subject-category, system or recipient', example: 'system' })
  kind!: string;

  @IsUUID()
  @Doc({ description: 'Id of the entry', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Webshop database' })
  name!: string;
}

@Complete('A recorded flow of personal data between two entries, with the data categories it carries and its transfer')
export class ExportDataFlow {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Webshop database → accounting system' })
  name!: string;

  @Text('What flows and why')
  description!: string | null;

  @ValidateNested()
  @Type(() => ExportFlowEnd)
  @Doc({ description: 'Where it starts' })
  from!: ExportFlowEnd;

  @ValidateNested()
  @Type(() => ExportFlowEnd)
  @Doc({ description: 'Where it goes' })
  to!: ExportFlowEnd;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The data categories it carries, by name' })
  dataCategories!: EntityRef[];

  @IsOptional()
  @Matches(countryPattern)
  @Doc({ description: 'When it is a transfer: the third country it takes the data to', example: 'US', nullable: true })
  transferCountry!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExportLegalBasisRef)
  @Doc({ description: 'The transfer mechanism (Art. 45–49)', nullable: true })
  transferMechanism!: ExportLegalBasisRef | null;

  @Text('The safeguard of the transfer, in the words of the record')
  transferSafeguard!: string | null;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

// ---- an activity -------------------------------------------------------------------------------

@Complete('One record of processing, every entry it links resolved inline')
export class ExportActivity {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name of the processing', example: 'Customer orders and service delivery' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'What happens in it (for processors: the categories of processing, Art. 30(2)(b))', nullable: true })
  description!: string | null;

  @IsIn(activityRoles)
  @Doc({ description: 'Our role: controller, joint controller or processor', example: 'controller' })
  role!: string;

  @IsIn(activityStatuses)
  @Doc({ description: 'draft, active or retired', example: 'active' })
  status!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Who is responsible for the record', example: 'Sales', nullable: true })
  owner!: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'When the record is due for review', example: '2027-03-31', nullable: true, schema: { format: 'date' } })
  reviewDueAt!: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Whether a DPIA (Art. 35) is required (null: not stated)', example: false, nullable: true })
  dpiaRequired!: boolean | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'DPIA reference', nullable: true })
  dpiaReference!: string | null;

  @Text("The register's own reference or code for the record", 'EDA-DPR-054')
  reference!: string | null;

  @Text('Business function or department')
  businessFunction!: string | null;

  @Text('The category or group the register sorts its records by')
  recordGroup!: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'Adopted on', nullable: true, schema: { format: 'date' } })
  adoptedOn!: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'Last updated or reviewed on, as the record says', nullable: true, schema: { format: 'date' } })
  lastReviewedOn!: string | null;

  @Text('Language of the record (BCP 47)')
  language!: string | null;

  @Text('Where the record is published')
  sourceUrl!: string | null;

  @IsIn(statedAbsences, { each: true })
  @Doc({ description: 'What the record states is absent (an empty list states nothing)', example: ['transfers'] })
  statedAbsences!: string[];

  @IsIn(automatedDecisionStatuses)
  @Doc({ description: 'Automated decision-making, including profiling (Art. 22): yes, no or not-stated', example: 'not-stated' })
  automatedDecisions!: string;

  @Text('The logic involved (Art. 13(2)(f))')
  automatedDecisionLogic!: string | null;

  @Text('Significance and envisaged consequences (Art. 13(2)(f))')
  automatedDecisionSignificance!: string | null;

  @Text('Safeguards (Art. 22(3))')
  automatedDecisionSafeguards!: string | null;

  @Text("Reference of the joint controllers' arrangement (Art. 26(1))")
  jointArrangementRef!: string | null;

  @Text('Essence of the arrangement made available (Art. 26(2))')
  jointArrangementEssence!: string | null;

  @ValidateNested({ each: true })
  @Type(() => ExportController)
  @Doc({
    description:
      'Controller(s) — joint controllers for a joint-controller record, the controllers acted for in a processor record — with contacts, DPO and representative, and how each relates to the others (Art. 30(1)(a), 30(2)(a), 26)',
  })
  controllers!: ExportController[];

  @ValidateNested({ each: true })
  @Type(() => ExportPurpose)
  @Doc({ description: 'Purposes with their legal bases (Art. 30(1)(b))' })
  purposes!: ExportPurpose[];

  @ValidateNested({ each: true })
  @Type(() => ExportLegalBasisLink)
  @Doc({ description: 'Legal bases stated for the activity as a whole, not paired with a purpose' })
  legalBases!: ExportLegalBasisLink[];

  @ValidateNested({ each: true })
  @Type(() => ExportDataSubjectCategory)
  @Doc({ description: 'Categories of data subjects (Art. 30(1)(c))' })
  dataSubjectCategories!: ExportDataSubjectCategory[];

  @ValidateNested({ each: true })
  @Type(() => ExportDataCategory)
  @Doc({ description: 'Categories of personal data, each with its erasure time limit (Art. 30(1)(c), (f))' })
  dataCategories!: ExportDataCategory[];

  @ValidateNested({ each: true })
  @Type(() => ExportRetention)
  @Doc({ description: 'Retention stated for the activity as a whole (Art. 30(1)(f))' })
  retentionRules!: ExportRetention[];

  @ValidateNested({ each: true })
  @Type(() => ExportCollectionChannel)
  @Doc({ description: 'How the data is collected' })
  collectionChannels!: ExportCollectionChannel[];

  @ValidateNested({ each: true })
  @Type(() => ExportRecipient)
  @Doc({ description: 'Recipients, incl. those in third countries (Art. 30(1)(d))' })
  recipients!: ExportRecipient[];

  @ValidateNested({ each: true })
  @Type(() => ExportTransfer)
  @Doc({ description: 'Transfers to third countries with their safeguards (Art. 30(1)(e), 30(2)(c))' })
  transfers!: ExportTransfer[];

  @ValidateNested({ each: true })
  @Type(() => ExportSecurityMeasure)
  @Doc({ description: 'Technical and organisational security measures (Art. 30(1)(g), 30(2)(d))' })
  securityMeasures!: ExportSecurityMeasure[];

  @ValidateNested({ each: true })
  @Type(() => ExportSystem)
  @Doc({ description: 'Systems the activity uses (where the data lives), with the data categories held there' })
  systems!: ExportSystem[];

  @ValidateNested({ each: true })
  @Type(() => ActivityRight)
  @Doc({ description: 'Data subject rights, derived from the legal bases' })
  rights!: ActivityRight[];

  @IsString()
  @dateTime('When the record was created')
  createdAt!: string;

  @IsString()
  @dateTime('When the record was last changed')
  updatedAt!: string;

  @IsInt()
  @Doc({ description: 'Increases by one with every change', example: 1 })
  version!: number;

  @SourcePhrase()
  sourcePhrase!: string | null;

  @InternalNote()
  internalNote!: string | null;

  @OwnerUnit()
  ownerUnit!: string | null;
}

// ---- privacy policies --------------------------------------------------------------------------

@Complete('How a privacy policy says a right can be exercised')
export class ExportRightStatement {
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Which right', example: 'access' })
  right!: string;

  @IsString()
  @Doc({ description: 'What the policy tells data subjects about it' })
  description!: string;

  @Text('Any fee the policy says may be charged')
  feeNote!: string | null;

  @Text("The policy's own wording")
  source!: string | null;
}

@Complete('A statement of a privacy policy with no other home in the register')
export class ExportPolicyNote {
  @IsString()
  @Doc({ description: 'What it is about', example: 'Marketing opt-out' })
  topic!: string;

  @IsString()
  @Doc({ description: 'The statement' })
  text!: string;

  @Text("The policy's own wording")
  source!: string | null;
}

@Complete("An organisation's published privacy policy (Art. 13/14 notice): part of the register it belongs to")
export class ExportPrivacyPolicy {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Privacy Beleid' })
  name!: string;

  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'Whose policy it is' })
  organisation!: EntityRef;

  @Text('Description')
  description!: string | null;

  @IsString()
  @Doc({ description: 'Its language (BCP 47)', example: 'nl' })
  language!: string;

  @Text('Where it is published')
  url!: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'When it last changed, as it says', nullable: true, schema: { format: 'date' } })
  lastChanged!: string | null;

  @Text('Where data subjects send privacy requests')
  contactEmail!: string | null;

  @IsOptional()
  @IsInt()
  @Doc({ description: 'Days it says an answer may take', nullable: true })
  responseDays!: number | null;

  @ValidateNested({ each: true })
  @Type(() => ExportRightStatement)
  @Doc({ description: 'The rights it names, and how to exercise them' })
  rights!: ExportRightStatement[];

  @ValidateNested({ each: true })
  @Type(() => ExportPolicyNote)
  @Doc({ description: 'Its statements with no other home in the register' })
  notes!: ExportPolicyNote[];

  @OwnerUnit()
  ownerUnit!: string | null;
}

// ---- the document ------------------------------------------------------------------------------

@Complete('The filters the export was made with (null: not filtered)')
export class ExportFilters {
  @IsOptional()
  @IsIn(activityStatuses)
  @Doc({ description: 'Only activities with this status', example: 'active', nullable: true })
  status!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Only activities of this owner', example: 'Sales', nullable: true })
  owner!: string | null;

  @IsOptional()
  @IsIn(activityRoles)
  @Doc({ description: 'Only activities where we have this role', example: 'controller', nullable: true })
  role!: string | null;

  @IsOptional()
  @IsString()
  @Doc({
    description: 'The moment the register is shown as it stood (replayed from the audit trail); null: as it is now',
    example: '2026-01-31T00:00:00Z',
    nullable: true,
    schema: { format: 'date-time' },
  })
  asOf!: string | null;

  @IsIn(registerStates)
  @Doc({
    description:
      'approved: every activity as its latest approval kept it (never-approved ones are left out and listed in notApproved); working: as the activities are being edited, approved or not',
    example: 'approved',
  })
  state!: string;
}

@Complete('Art. 30(1): the record kept as controller (and joint controller)')
export class ExportControllerRegister {
  @IsString()
  @Doc({
    description:
      "The provision, under the one framework the controllers state (GDPR where they state none or several): 'GDPR Art. 30(1)', 'UK GDPR Art. 30(1)', 'Regulation (EU) 2018/1725 Art. 31(1)'",
    example: 'GDPR Art. 30(1)',
  })
  article!: string;

  @ValidateNested({ each: true })
  @Type(() => ExportOrganisation)
  @Doc({ description: 'The controllers named in these records, with contacts, DPO and representative (Art. 30(1)(a))' })
  controllers!: ExportOrganisation[];

  @ValidateNested({ each: true })
  @Type(() => ExportActivity)
  @Doc({ description: 'The records, by name' })
  activities!: ExportActivity[];
}

@Complete('The records of processing carried out on behalf of one controller')
export class ExportProcessorGroup {
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportOrganisation)
  @Doc({ description: 'The controller acted for (null: the records name none)', nullable: true })
  controller!: ExportOrganisation | null;

  @ValidateNested({ each: true })
  @Type(() => ExportActivity)
  @Doc({ description: 'The records, by name' })
  activities!: ExportActivity[];
}

@Complete('Art. 30(2): the record kept as processor, per controller')
export class ExportProcessorRegister {
  @IsString()
  @Doc({
    description:
      "The provision, under the one framework the processors state (GDPR where they state none or several): 'GDPR Art. 30(2)', 'UK GDPR Art. 30(2)', 'Regulation (EU) 2018/1725 Art. 31(2)'",
    example: 'GDPR Art. 30(2)',
  })
  article!: string;

  @ValidateNested({ each: true })
  @Type(() => ExportOrganisation)
  @Doc({
    description:
      "The processor (this register's keeper): organisations with the role 'processor' that are not behind one of the register's recipients (Art. 30(2)(a))",
  })
  processors!: ExportOrganisation[];

  @ValidateNested({ each: true })
  @Type(() => ExportProcessorGroup)
  @Doc({ description: 'Per controller acted for, by name; an activity acting for two controllers appears under both' })
  controllers!: ExportProcessorGroup[];
}

@Complete('Counts of what the document holds')
export class ExportTotals {
  @IsInt()
  @Doc({ description: 'Activities in the document (each counted once)', example: 13 })
  activities!: number;

  @IsInt()
  @Doc({ description: 'Activities in the controller register', example: 13 })
  controllerActivities!: number;

  @IsInt()
  @Doc({ description: 'Activities in the processor register', example: 0 })
  processorActivities!: number;

  @IsInt()
  @Doc({ description: 'Activity × purpose pairs (an activity without purposes counts one): the rows of the CSV', example: 27 })
  purposeRows!: number;

  @IsInt()
  @Doc({ description: 'Activities left out because they were never approved (approved state; 0 in the working state)', example: 2 })
  notApproved!: number;
}

@Complete('The record of processing activities (GDPR Art. 30) as one self-contained document')
export class RegisterExport {
  @IsString()
  @Doc({ description: 'What this document is', example: 'gdpr-art30-register' })
  documentType!: string;

  @IsInt()
  @Doc({ description: 'Version of this document format (see openapi/register.schema.json)', example: 1 })
  formatVersion!: number;

  @ValidateNested()
  @Type(() => ExportFilters)
  @Doc({ description: 'Filters applied, and the state shown' })
  filters!: ExportFilters;

  @ValidateNested({ each: true })
  @Type(() => NotApprovedActivity)
  @Doc({
    description:
      'In the approved state: the activities the filters select that are left out because they were never approved, by name; empty in the working state',
  })
  notApproved!: NotApprovedActivity[];

  @ValidateNested({ each: true })
  @Type(() => ExportOrganisationalUnit)
  @Doc({ description: "Every organisational unit of the register, by key: who owns the entries (each entry's ownerUnit names one)" })
  organisationalUnits!: ExportOrganisationalUnit[];

  @ValidateNested({ each: true })
  @Type(() => ExportOrganisation)
  @Doc({ description: 'Every organisation in the register, by name' })
  organisations!: ExportOrganisation[];

  @ValidateNested({ each: true })
  @Type(() => ExportLegalBasis)
  @Doc({ description: 'The legal bases the exported activities use (and the organisations state for all their transfers), by code' })
  legalBases!: ExportLegalBasis[];

  @ValidateNested({ each: true })
  @Type(() => ExportPrivacyPolicy)
  @Doc({ description: "The organisations' privacy policies, by name" })
  privacyPolicies!: ExportPrivacyPolicy[];

  @ValidateNested({ each: true })
  @Type(() => ExportSystemEntry)
  @Doc({ description: 'Every system of the register (where personal data lives), by name — those no activity uses too' })
  systems!: ExportSystemEntry[];

  @ValidateNested({ each: true })
  @Type(() => ExportDataFlow)
  @Doc({
    description: 'Every recorded data flow of the register, by name (the flows the records imply are derived: GET /v1/register/data-map)',
  })
  dataFlows!: ExportDataFlow[];

  @IsBoolean()
  @Doc({
    description:
      'Whether the internal notes are filled in (an export asked for with internalNotes=true, by an auditor or admin); otherwise every internalNote is null',
    example: false,
  })
  internalNotes!: boolean;

  @ValidateNested()
  @Type(() => ExportControllerRegister)
  @Doc({ description: 'Art. 30(1) records' })
  controllerRegister!: ExportControllerRegister;

  @ValidateNested()
  @Type(() => ExportProcessorRegister)
  @Doc({ description: 'Art. 30(2) records' })
  processorRegister!: ExportProcessorRegister;

  @ValidateNested()
  @Type(() => ExportTotals)
  @Doc({ description: 'Counts (at the end, as the document is streamed)' })
  totals!: ExportTotals;

  @IsString()
  @dateTime('When the document was generated')
  generatedAt!: string;
}

// ---- requests ----------------------------------------------------------------------------------

export const exportFormats = ['json', 'jsonld', 'csv', 'yaml', 'document', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export class RegisterExportQuery {
  @IsOptional()
  @IsIn(registerStates)
  @Doc({
    description:
      'approved (default): each activity as its latest approval kept it, the building blocks as they are now; activities never approved are left out, listed in `notApproved` and counted in `totals.notApproved` (CSV and XLSX: the `Register-Not-Approved` header). working: the activities as they are being edited. With `asOf`, and for format=yaml or document (the file to edit and import), only working (the default there)',
    example: 'working',
  })
  state?: string;

  @IsOptional()
  @IsIn(activityStatuses)
  @Doc({ description: 'Only activities with this status', example: 'active' })
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Only activities of this owner (exact)', example: 'Sales' })
  owner?: string;

  @IsOptional()
  @IsIn(activityRoles)
  @Doc({ description: 'Only activities where we have this role', example: 'controller' })
  role?: string;

  @IsOptional()
  @IsIn(exportFormats)
  @Doc({
    description:
      'json, jsonld (W3C DPV), csv (UK ICO template) or xlsx (a workbook: the ICO columns per Art. 30(1) and 30(2), a sheet per building block); yaml or document: the register document people write and import, in YAML or JSON (openapi/register-document.schema.json). Overrides the Accept header',
    example: 'json',
  })
  format?: string;

  @IsOptional()
  @DateTime({
    description:
      'The register as it stood at this moment (RFC 3339, with a time zone), replayed from the audit trail: entries as they were then, deleted ones included, later ones absent. Not in the future. Auditors and admins only.',
    example: '2026-01-31T00:00:00Z',
  })
  asOf?: string;

  @IsOptional()
  @IsBoolean()
  @Doc({
    description:
      "true: the register keeper's internal notes are filled in (every internalNote field); auditors and admins only. Public exports never show them.",
    example: false,
  })
  internalNotes?: boolean;
}
