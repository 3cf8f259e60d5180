import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { registerStates } from '../reviews/approved';
import { NotApprovedActivity } from '../reviews/dto';
import { EntityRef } from '../http/common-dto';
import { Doc } from '../http/dto';
import { noticeLanguages } from './words';

// The notice's sections follow the order of the seed policy (Woktron's "Privacy Beleid"): what
// data, how collected, why and on what basis, automated decisions, sharing and transfers, storage (security and
// retention), marketing, cookies, rights, contact, changes. Responses are serialized in the order
// the properties are declared here, so the JSON reads in that order too.

export const noticeFormats = ['json', 'markdown'] as const;

export class PrivacyNoticeQuery {
  @IsOptional()
  @IsUUID()
  @Doc({
    description: 'The controller organisation; default: the first controller in the register (by name)',
    example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11',
  })
  organisationId?: string;

  @IsOptional()
  @IsIn(noticeFormats)
  @Doc({ description: 'json or markdown; overrides the Accept header (text/markdown also selects markdown)', example: 'markdown' })
  format?: string;

  @IsOptional()
  @IsIn(registerStates)
  @Doc({
    description:
      'approved (default): the activities as their latest approval kept them; activities never approved are left out and listed in `notApproved`. working: as they are being edited, approved or not',
    example: 'working',
  })
  state?: string;
}

export class NoticePolicy {
  @IsUUID()
  @Doc({ description: 'The recorded privacy policy the notice completes', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  id!: string;

  @IsString()
  @Doc({ description: 'Its title', example: 'Privacy Beleid' })
  name!: string;

  @IsString()
  @Doc({ description: 'Its language', example: 'nl' })
  language!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Where it is published', nullable: true })
  url!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'When it was last changed', example: '2021-03-31', nullable: true })
  lastChanged!: string | null;
}

export class NoticeLegalBasis {
  @IsString()
  @Doc({ description: 'Stable code', example: 'gdpr-6-1-b' })
  code!: string;

  @IsString()
  @Doc({
    description:
      "The provision, numbered as the register's framework numbers it (the GDPR's Art. 6(1)(a) is Art. 5(1)(d) of Regulation 2018/1725); a national basis as recorded",
    example: 'Art. 6(1)(b)',
  })
  article!: string;

  @IsString()
  @Doc({ description: "The provision with the law's name; a national basis as recorded", example: 'Art. 6(1)(b) GDPR' })
  citation!: string;

  @IsString()
  @Doc({ description: "Short title, in the notice's language (a national basis: as recorded)", example: 'Contract' })
  name!: string;

  @IsString({ each: true })
  @Doc({
    description: "The notes the records give this basis for the purpose: the national law it rests on, or the source's words",
    example: ['public task under the Local Government Decree, art. 2'],
  })
  notes!: string[];
}

export class NoticeFramework {
  @IsIn(['gdpr', 'uk-gdpr', 'eudpr'])
  @Doc({ description: "The law the notice cites: the organisation's framework, or gdpr when it states none", example: 'gdpr' })
  code!: string;

  @IsBoolean()
  @Doc({ description: 'Whether the organisation states its framework (false: the notice reads it as the GDPR)', example: true })
  stated!: boolean;

  @IsString()
  @Doc({ description: 'Its name', example: 'GDPR' })
  name!: string;

  @IsString()
  @Doc({
    description: 'The articles on the information to be given, which this notice gives (Regulation 2018/1725: Art. 15 and 16)',
    example: 'Art. 13 and 14 GDPR',
  })
  noticeArticles!: string;
}

export class NoticeStatement {
  @IsString()
  @Doc({ description: 'What it is about', example: 'Marketing opt-out' })
  topic!: string;

  @IsString()
  @Doc({ description: 'The statement', example: 'You can unsubscribe at any time.' })
  text!: string;
}

// ---- what data ---------------------------------------------------------------------------------

export class NoticeSubject {
  @IsString()
  @Doc({ description: 'Category of data subjects', example: 'Customers' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Who they are', nullable: true })
  description!: string | null;
}

export class NoticeDataCategory {
  @IsString()
  @Doc({ description: 'Category of personal data', example: 'Identification and contact details' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'What it holds', nullable: true })
  description!: string | null;

  @IsString({ each: true })
  @Doc({ description: 'Examples', example: ['name', 'email address'] })
  examples!: string[];

  @IsString()
  @Doc({ description: 'standard, special (Art. 9) or criminal (Art. 10)', example: 'standard' })
  sensitivity!: string;

  @IsOptional()
  @IsString()
  @Doc({
    description: "A special or criminal category in words, citing the framework's article; null for standard data",
    example: 'special category of personal data, Art. 9 GDPR',
    nullable: true,
  })
  sensitivityText!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The broader category it belongs to', example: 'Account information', nullable: true })
  parent!: string | null;
}

export class NoticeDataSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'What data we collect' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeSubject)
  @Doc({ description: 'Whose data (Art. 14(1)(d))' })
  dataSubjectCategories!: NoticeSubject[];

  @ValidateNested({ each: true })
  @Type(() => NoticeDataCategory)
  @Doc({ description: 'What data (Art. 14(1)(d)); children follow their parent' })
  dataCategories!: NoticeDataCategory[];
}

// ---- how collected -----------------------------------------------------------------------------

export class NoticeChannel {
  @IsString()
  @Doc({ description: 'How data arrives', example: 'Website registration and orders' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsString()
  @Doc({ description: 'data-subject (Art. 13), third-party (Art. 14), observed, derived or not-stated', example: 'data-subject' })
  sourceType!: string;

  @IsString()
  @Doc({ description: 'Where the data comes from, in words', example: 'from you' })
  sourceTypeText!: string;

  @IsString()
  @Doc({ description: 'Mechanism (code)', example: 'order' })
  mechanism!: string;

  @IsString()
  @Doc({ description: 'The mechanism in words', example: 'order' })
  mechanismText!: string;
}

export class NoticeCollectionSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'How we collect your data' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeChannel)
  @Doc({ description: 'Collection channels; third-party ones are the sources of Art. 14(2)(f)' })
  channels!: NoticeChannel[];
}

// ---- why and on what basis ---------------------------------------------------------------------

export class NoticePurpose {
  @IsString()
  @Doc({ description: 'Purpose', example: 'Order processing, contracts and service delivery' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @ValidateNested({ each: true })
  @Type(() => NoticeLegalBasis)
  @Doc({ description: 'Its legal bases (Art. 13(1)(c)), over every activity pursuing it' })
  legalBases!: NoticeLegalBasis[];

  @IsString({ each: true })
  @Doc({ description: 'The legitimate interests pursued, where Art. 6(1)(f) applies (Art. 13(1)(d))' })
  legitimateInterests!: string[];
}

export class NoticePurposesSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Why we process your data, and on what legal basis' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticePurpose)
  @Doc({ description: 'Purposes' })
  purposes!: NoticePurpose[];
}

// ---- automated decisions -----------------------------------------------------------------------

export class NoticeAutomatedDecision {
  @IsString()
  @Doc({ description: 'The processing activity', example: 'Credit checks and risk management' })
  activity!: string;

  @IsIn(['yes', 'no', 'not-stated'])
  @Doc({ description: 'Whether the record states automated decision-making, including profiling (Art. 22)', example: 'not-stated' })
  status!: string;

  @IsString()
  @Doc({
    description: "What the record states, in one sentence of the notice's language; when it is not stated, the notice says so",
    example: 'The register does not state whether automated decisions, including profiling, are made.',
  })
  statement!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The logic involved (Art. 13(2)(f)), as recorded; null: not stated', nullable: true })
  logic!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Its significance and envisaged consequences (Art. 13(2)(f)); null: not stated', nullable: true })
  significance!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The safeguards (Art. 22(3)); null: not stated', nullable: true })
  safeguards!: string | null;
}

export class NoticeAutomatedDecisionsSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Automated decision-making and profiling' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeAutomatedDecision)
  @Doc({ description: 'Per active activity, what it states about automated decisions (Art. 13(2)(f), 14(2)(g))' })
  activities!: NoticeAutomatedDecision[];
}

// ---- sharing and transfers ---------------------------------------------------------------------

export class NoticeRecipient {
  @IsString()
  @Doc({ description: 'Recipient (or category of recipients)', example: 'Collection agencies' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsString()
  @Doc({
    description: 'processor, independent-controller, joint-controller, public-authority, internal, the-public or not-stated',
    example: 'processor',
  })
  kind!: string;

  @IsString()
  @Doc({ description: 'The kind of recipient in words', example: 'processor, acting on our instructions' })
  kindText!: string;

  @IsString()
  @Doc({ description: 'Category (code)', example: 'collection-agency' })
  category!: string;

  @IsString()
  @Doc({ description: 'The category in words', example: 'collection agency' })
  categoryText!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Country (ISO 3166-1 alpha-2)', example: 'US', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: "The country's name in the notice's language", example: 'United States', nullable: true })
  countryName!: string | null;

  @IsOptional()
  @IsString()
  @Doc({
    description:
      'For a processor, the status of its Art. 28 agreement in words (signed with its date, in negotiation, not needed, or that the register does not state it); null for other recipients',
    example: 'A processing agreement has been signed. Signed on 2024-01-15.',
    nullable: true,
  })
  processingAgreement!: string | null;
}

export class NoticeTransfer {
  @IsString()
  @Doc({ description: 'Recipient', example: 'Google Analytics' })
  recipient!: string;

  @IsString()
  @Doc({
    description: 'Third country (ISO 3166-1 alpha-2), else the international organisation, worldwide or not-stated',
    example: 'US',
  })
  country!: string;

  @IsString()
  @Doc({ description: "Where it goes, in words: the country's name in the notice's language", example: 'United States' })
  countryName!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeLegalBasis)
  @Doc({ description: 'Transfer mechanism (Art. 13(1)(f))', nullable: true })
  mechanism!: NoticeLegalBasis | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Safeguards', nullable: true })
  safeguard!: string | null;
}

export class NoticeSharingSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Who receives your data, and transfers outside the EEA' })
  title!: string;

  @IsString()
  @Doc({
    description: 'The title of the transfers (outside the EEA; under the UK GDPR, outside the UK)',
    example: 'Transfers outside the European Economic Area',
  })
  transfersTitle!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeRecipient)
  @Doc({ description: 'Recipients (Art. 13(1)(e))' })
  recipients!: NoticeRecipient[];

  @ValidateNested({ each: true })
  @Type(() => NoticeTransfer)
  @Doc({ description: 'Transfers to third countries or international organisations (Art. 13(1)(f))' })
  transfers!: NoticeTransfer[];
}

// ---- storage: security and retention -----------------------------------------------------------

export class NoticeSecurityMeasure {
  @IsString()
  @Doc({ description: 'Measure', example: 'Firewalls' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsString()
  @Doc({ description: 'technical, organisational, physical or not-stated', example: 'technical' })
  type!: string;

  @IsString()
  @Doc({ description: 'The type in words', example: 'technical' })
  typeText!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Standard it refers to', example: 'PCI DSS', nullable: true })
  standardReference!: string | null;
}

export class NoticeRetention {
  @IsString()
  @Doc({ description: 'Retention rule', example: 'Standard retention (7 years, up to 10 years)' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsString()
  @Doc({
    description: 'fixed-duration, statutory, until-event, permanent, as-long-as-necessary or not-stated',
    example: 'fixed-duration',
  })
  kind!: string;

  @IsString()
  @Doc({ description: 'The kind in words', example: 'a fixed period' })
  kindText!: string;

  @IsString()
  @Doc({
    description:
      'The whole period in one sentence of the notice\'s language: duration, maximum, start event or law, and what happens then. When the register states no period, it says so ("The register does not state how long these data are kept.")',
    example: '7 years, at most 10 years, counted from end of the customer relationship; then it is erased.',
  })
  period!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'ISO 8601 duration (null: none stated)', example: 'P7Y', nullable: true })
  duration!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The duration in words (null: none stated)', example: '7 years', nullable: true })
  durationText!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'ISO 8601 maximum', example: 'P10Y', nullable: true })
  maximumDuration!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The maximum in words', example: '10 years', nullable: true })
  maximumDurationText!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Counted from (null: not stated)', example: 'end of the customer relationship', nullable: true })
  startEvent!: string | null;

  @IsString()
  @Doc({ description: 'What happens then: erase, anonymise, archive, restrict, review, transfer or not-stated', example: 'erase' })
  endAction!: string;

  @IsString()
  @Doc({ description: 'What happens then, in words', example: 'then it is erased' })
  endActionText!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The law or selection list that sets the period', nullable: true })
  legalReference!: string | null;

  @IsString({ each: true })
  @Doc({ description: 'Conditional periods in words ("when tax law applies: 10 years")' })
  conditions!: string[];

  @IsString({ each: true })
  @Doc({ description: 'The data categories kept this long', example: ['Payment details'] })
  dataCategories!: string[];

  @IsString({ each: true })
  @Doc({ description: 'The activities that state this period for all their data, not per data category', example: [] })
  activities!: string[];
}

export class NoticeStorageSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'How we store and protect your data, and for how long' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeSecurityMeasure)
  @Doc({ description: 'Security measures (Art. 32)' })
  securityMeasures!: NoticeSecurityMeasure[];

  @IsString({ each: true })
  @Doc({ description: 'Standards the measures refer to', example: ['SOC 1', 'PCI DSS'] })
  standards!: string[];

  @ValidateNested({ each: true })
  @Type(() => NoticeRetention)
  @Doc({ description: 'How long data is kept (Art. 13(2)(a))' })
  retention!: NoticeRetention[];
}

// ---- marketing, cookies, other statements ------------------------------------------------------

export class NoticeMarketingSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Marketing' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeStatement)
  @Doc({ description: "The policy's statements on marketing" })
  statements!: NoticeStatement[];

  @IsString()
  @Doc({ description: 'The right to object to direct marketing (Art. 21(2)–(3))' })
  objection!: string;
}

export class NoticeCookie {
  @IsString()
  @Doc({ description: 'Cookie channel', example: 'Google Analytics cookies' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Description', nullable: true })
  description!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Who sets and reads it (null: not stated)', example: 'Google LLC', nullable: true })
  provider!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'What it is for (null: not stated)', example: 'Website analytics', nullable: true })
  purpose!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Lifetime, ISO 8601 duration (null: not stated)', example: 'P2Y', nullable: true })
  lifetime!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The lifetime in words (null: not stated)', example: '2 years', nullable: true })
  lifetimeText!: string | null;

  @IsString()
  @Doc({ description: 'first-party, third-party or not-stated', example: 'third-party' })
  party!: string;

  @IsString()
  @Doc({ description: 'The party in words', example: 'third-party' })
  partyText!: string;

  @IsString({ each: true })
  @Doc({ description: 'Cookie names', example: ['_ga', '_gid'] })
  names!: string[];
}

export class NoticeCookiesSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Cookies' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeCookie)
  @Doc({ description: 'The cookies used' })
  cookies!: NoticeCookie[];

  @ValidateNested({ each: true })
  @Type(() => NoticeStatement)
  @Doc({ description: "The policy's statements on cookies and how to manage them" })
  statements!: NoticeStatement[];
}

export class NoticeStatementsSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Other statements' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeStatement)
  @Doc({ description: 'Statements' })
  statements!: NoticeStatement[];
}

// ---- rights, contact, changes ------------------------------------------------------------------

export class NoticeRight {
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Stable code', example: 'access' })
  code!: string;

  @IsString()
  @Doc({ description: "The provision in the register's framework (Regulation 2018/1725: Art. 17 for access)", example: 'Art. 15' })
  article!: string;

  @IsString()
  @Doc({ description: "Name, in the notice's language", example: 'Right of access' })
  name!: string;

  @IsString()
  @Doc({ description: "What the policy says about it, or the law's own description in the notice's language" })
  description!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Any fee the policy mentions', nullable: true })
  feeNote!: string | null;

  @IsBoolean()
  @Doc({ description: 'Whether the recorded policy names this right', example: true })
  statedInPolicy!: boolean;

  @IsString({ each: true })
  @Doc({ description: 'The activities it applies to, derived from their legal bases' })
  activities!: string[];
}

export class NoticeRightsSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Your data protection rights' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeRight)
  @Doc({ description: 'Rights that apply to at least one activity, or that the policy names' })
  rights!: NoticeRight[];
}

export class NoticeContactSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'How to contact us' })
  title!: string;

  @IsString()
  @Doc({ description: 'The controller (Art. 13(1)(a))', example: 'Woktron Ltd.' })
  controller!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Postal address', nullable: true })
  address!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Country (ISO 3166-1 alpha-2)', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: "The country's name in the notice's language", example: 'Netherlands', nullable: true })
  countryName!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Where to send privacy requests', example: 'services@woktron.com', nullable: true })
  email!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Phone', nullable: true })
  phone!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Website', nullable: true })
  website!: string | null;

  @IsOptional()
  @IsInt()
  @Doc({ description: 'Days an answer may take (Art. 12(3): at most one month)', example: 14, nullable: true })
  responseDays!: number | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Data protection officer (Art. 13(1)(b))', nullable: true })
  dpoName!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'DPO email', nullable: true })
  dpoEmail!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Representative in the Union (Art. 27)', nullable: true })
  representative!: string | null;
}

export class NoticeChangesSection {
  @IsString()
  @Doc({ description: 'Section title', example: 'Changes to this notice' })
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => NoticeStatement)
  @Doc({ description: "The policy's statements on changes" })
  statements!: NoticeStatement[];

  @IsOptional()
  @IsString()
  @Doc({ description: 'When the policy was last changed', example: '2021-03-31', nullable: true })
  lastChanged!: string | null;
}

/**
 * The Art. 13/14 information for one controller, generated from the register. It shows only
 * public text: descriptions, never internal notes or source phrases.
 */
export class PrivacyNoticeResponse {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The controller organisation' })
  organisation!: EntityRef;

  @IsIn(noticeLanguages)
  @Doc({
    description:
      "The language the notice is written in: the organisation's language (its primary subtag) where the notice speaks it (en, nl), else English. Names and descriptions are shown as recorded.",
    example: 'nl',
  })
  language!: string;

  // Always present (null when not stated), so it stays next to language when serialized.
  @IsString()
  @Doc({ description: "The organisation's language as recorded (null: not stated, so English)", example: 'nl', nullable: true })
  registerLanguage!: string | null;

  @ValidateNested()
  @Type(() => NoticeFramework)
  @Doc({ description: 'The law whose articles the notice cites' })
  framework!: NoticeFramework;

  // Always present (null without a policy), so it stays in first place when serialized.
  @ValidateNested()
  @Type(() => NoticePolicy)
  @Doc({ description: "The organisation's recorded privacy policy (the most recently changed)", nullable: true })
  policy!: NoticePolicy | null;

  @ValidateNested()
  @Type(() => NoticeDataSection)
  @Doc({ description: '1. What data we collect' })
  dataCollected!: NoticeDataSection;

  @ValidateNested()
  @Type(() => NoticeCollectionSection)
  @Doc({ description: '2. How we collect it' })
  collection!: NoticeCollectionSection;

  @ValidateNested()
  @Type(() => NoticePurposesSection)
  @Doc({ description: '3. Why, and on what legal basis' })
  purposes!: NoticePurposesSection;

  @ValidateNested()
  @Type(() => NoticeAutomatedDecisionsSection)
  @Doc({ description: '4. Automated decision-making and profiling, per activity' })
  automatedDecisions!: NoticeAutomatedDecisionsSection;

  @ValidateNested()
  @Type(() => NoticeSharingSection)
  @Doc({ description: '5. Who receives it; transfers' })
  sharing!: NoticeSharingSection;

  @ValidateNested()
  @Type(() => NoticeStorageSection)
  @Doc({ description: '6. How it is stored and protected, and for how long' })
  storage!: NoticeStorageSection;

  @ValidateNested()
  @Type(() => NoticeMarketingSection)
  @Doc({ description: '7. Marketing' })
  marketing!: NoticeMarketingSection;

  @ValidateNested()
  @Type(() => NoticeCookiesSection)
  @Doc({ description: '8. Cookies' })
  cookies!: NoticeCookiesSection;

  @ValidateNested()
  @Type(() => NoticeStatementsSection)
  @Doc({ description: "9. The policy's other statements (e.g. links to other websites)" })
  other!: NoticeStatementsSection;

  @ValidateNested()
  @Type(() => NoticeRightsSection)
  @Doc({ description: '10. Your rights' })
  rights!: NoticeRightsSection;

  @ValidateNested()
  @Type(() => NoticeContactSection)
  @Doc({ description: '11. Contact' })
  contact!: NoticeContactSection;

  @ValidateNested()
  @Type(() => NoticeChangesSection)
  @Doc({ description: '12. Changes to this notice' })
  changes!: NoticeChangesSection;

  @IsIn(registerStates)
  @Doc({ description: 'Which state of the register the notice is built from: approved (default) or working', example: 'approved' })
  state!: string;

  @ValidateNested({ each: true })
  @Type(() => NotApprovedActivity)
  @Doc({
    description:
      "In the approved state: the controller's active activities left out because they were never approved (none in the working state)",
  })
  notApproved!: NotApprovedActivity[];
}
