import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { EntityRef } from '../http/common-dto';
import { Doc } from '../http/dto';

// The notice's sections follow the order of the seed policy (Woktron's "Privacy Beleid"): what
// data, how collected, why and on what basis, sharing and transfers, storage (security and
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
  @Doc({ description: 'The provision', example: 'Art. 6(1)(b)' })
  article!: string;

  @IsString()
  @Doc({ description: 'Short title', example: 'Contract' })
  name!: string;
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
  @Doc({ description: 'data-subject (Art. 13), third-party (Art. 14), observed or derived', example: 'data-subject' })
  sourceType!: string;

  @IsString()
  @Doc({ description: 'Mechanism', example: 'order' })
  mechanism!: string;
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
  @Doc({ description: 'processor, independent-controller, joint-controller, public-authority or internal', example: 'processor' })
  kind!: string;

  @IsString()
  @Doc({ description: 'Category', example: 'collection-agency' })
  category!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Country', example: 'US', nullable: true })
  country!: string | null;
}

export class NoticeTransfer {
  @IsString()
  @Doc({ description: 'Recipient', example: 'Google Analytics' })
  recipient!: string;

  @IsString()
  @Doc({ description: 'Third country', example: 'US' })
  country!: string;

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

  @ValidateNested({ each: true })
  @Type(() => NoticeRecipient)
  @Doc({ description: 'Recipients (Art. 13(1)(e))' })
  recipients!: NoticeRecipient[];

  @ValidateNested({ each: true })
  @Type(() => NoticeTransfer)
  @Doc({ description: 'Transfers to third countries (Art. 13(1)(f))' })
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
  @Doc({ description: 'technical or organisational', example: 'technical' })
  type!: string;

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
  @Doc({ description: 'What happens then: erase, anonymise or review', example: 'erase' })
  endAction!: string;

  @IsString({ each: true })
  @Doc({ description: 'The data categories kept this long', example: ['Payment details'] })
  dataCategories!: string[];
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
  @Doc({ description: 'first-party or third-party', example: 'third-party' })
  party!: string;

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
  @Doc({ description: 'The provision', example: 'Art. 15' })
  article!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Right of access' })
  name!: string;

  @IsString()
  @Doc({ description: "What the policy says about it, or the GDPR's own description" })
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
  @Doc({ description: 'Country', nullable: true })
  country!: string | null;

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

/** The Art. 13/14 information for one controller, generated from the register. */
export class PrivacyNoticeResponse {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The controller organisation' })
  organisation!: EntityRef;

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
  @Type(() => NoticeSharingSection)
  @Doc({ description: '4. Who receives it; transfers' })
  sharing!: NoticeSharingSection;

  @ValidateNested()
  @Type(() => NoticeStorageSection)
  @Doc({ description: '5. How it is stored and protected, and for how long' })
  storage!: NoticeStorageSection;

  @ValidateNested()
  @Type(() => NoticeMarketingSection)
  @Doc({ description: '6. Marketing' })
  marketing!: NoticeMarketingSection;

  @ValidateNested()
  @Type(() => NoticeCookiesSection)
  @Doc({ description: '7. Cookies' })
  cookies!: NoticeCookiesSection;

  @ValidateNested()
  @Type(() => NoticeStatementsSection)
  @Doc({ description: "8. The policy's other statements (e.g. links to other websites)" })
  other!: NoticeStatementsSection;

  @ValidateNested()
  @Type(() => NoticeRightsSection)
  @Doc({ description: '9. Your rights' })
  rights!: NoticeRightsSection;

  @ValidateNested()
  @Type(() => NoticeContactSection)
  @Doc({ description: '10. Contact' })
  contact!: NoticeContactSection;

  @ValidateNested()
  @Type(() => NoticeChangesSection)
  @Doc({ description: '11. Changes to this notice' })
  changes!: NoticeChangesSection;
}
