import type { RightStatement } from '../../entities/privacy-policy';
import { deriveRights, rightDefinitions } from '../gdpr/rights';
import { adequacyCountries, eeaCountries } from '../gdpr/countries';
import { describeDuration, isLonger } from '../gdpr/iso-duration';

export const findingSeverities = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

/**
 * Every rule, by stable code, in the order findings are listed. Severity: `error` when the
 * register shows a GDPR requirement unmet, `warning` for a likely gap a DPO should judge.
 */
export const ruleCatalogue = {
  'controller-missing': { severity: 'error', article: 'Art. 30(1)(a), 30(2)(a)', title: 'No controller recorded' },
  'controller-contact-missing': { severity: 'error', article: 'Art. 30(1)(a), 30(2)(a)', title: 'Controller without contact details' },
  'purpose-missing': { severity: 'error', article: 'Art. 30(1)(b), 30(2)(b)', title: 'No purpose recorded' },
  'data-subjects-missing': { severity: 'error', article: 'Art. 30(1)(c)', title: 'No data subject category recorded' },
  'data-categories-missing': { severity: 'error', article: 'Art. 30(1)(c)', title: 'No data category recorded' },
  'legal-basis-missing': { severity: 'error', article: 'Art. 6(1)', title: 'Purpose without an Art. 6(1) legal basis' },
  'special-category-condition-missing': {
    severity: 'error',
    article: 'Art. 9(1)–(2)',
    title: 'Special-category data without an Art. 9(2) condition',
  },
  'criminal-data-condition-missing': { severity: 'error', article: 'Art. 10', title: 'Criminal-offence data without an Art. 10 basis' },
  'consent-withdrawal-not-stated': {
    severity: 'error',
    article: 'Art. 7(3), 13(2)(c)',
    title: 'Consent without a way to withdraw it in the privacy policy',
  },
  'processor-agreement-missing': { severity: 'error', article: 'Art. 28(3)', title: 'Processor without a processing agreement' },
  'transfer-not-recorded': {
    severity: 'error',
    article: 'Art. 30(1)(e), 44',
    title: 'Recipient outside the EEA without a recorded transfer',
  },
  'transfer-mechanism-missing': { severity: 'error', article: 'Art. 44–49', title: 'Transfer without a transfer mechanism' },
  'adequacy-decision-missing': {
    severity: 'error',
    article: 'Art. 45(1)',
    title: 'Adequacy relied on for a country without an adequacy decision',
  },
  'retention-exceeds-maximum': { severity: 'error', article: 'Art. 5(1)(e)', title: 'Retention longer than its stated maximum' },
  'recipients-missing': { severity: 'warning', article: 'Art. 30(1)(d)', title: 'No recipient recorded' },
  'retention-missing': { severity: 'warning', article: 'Art. 30(1)(f), 5(1)(e)', title: 'Data category without a retention rule' },
  'security-measures-missing': { severity: 'warning', article: 'Art. 30(1)(g), 30(2)(d)', title: 'No security measure recorded' },
  'legitimate-interest-undocumented': {
    severity: 'warning',
    article: 'Art. 6(1)(f), 5(2), 13(1)(d)',
    title: 'Legitimate interests without the interest or its assessment',
  },
  'transfer-safeguard-missing': {
    severity: 'warning',
    article: 'Art. 46(1), 49(1) second subparagraph, 30(1)(e)',
    title: 'Transfer without documented safeguards',
  },
  'dpia-not-recorded': { severity: 'warning', article: 'Art. 35(1), (3); WP248 rev.01', title: 'DPIA likely required but not recorded' },
  'review-overdue': { severity: 'warning', article: 'Art. 24(1), 5(2)', title: 'Review date passed' },
  'retired-entry-linked': { severity: 'warning', article: 'Art. 30(1), 24(1)', title: 'Active activity links a retired entry' },
  'notice-right-missing': {
    severity: 'warning',
    article: 'Art. 13(2)(b), (d); 14(2)(c), (e)',
    title: 'Privacy policy does not name a right that applies',
  },
  'access-fee-stated': { severity: 'warning', article: 'Art. 12(5), 15(3)', title: 'Privacy policy asks a fee for access' },
} as const satisfies Record<string, { severity: FindingSeverity; article: string; title: string }>;

export type FindingCode = keyof typeof ruleCatalogue;
export const findingCodes = Object.keys(ruleCatalogue) as FindingCode[];

// ---- what the rules read ------------------------------------------------------------------------

type Ref = { id: string; name: string };
type Basis = Ref & { code: string; kind: string; article: string };

/** A processing activity as the read model (src/processing-activities/read-model.ts) returns it. */
export interface ActivityRecord {
  id: string;
  name: string;
  description: string | null;
  role: string;
  status: string;
  reviewDueAt: string | null;
  dpiaRequired: boolean;
  dpiaReference: string | null;
  controllers: Ref[];
  purposes: { purpose: Ref; legalBases: Basis[]; legitimateInterest: string | null; assessmentReference: string | null }[];
  dataSubjectCategories: Ref[];
  dataCategories: {
    dataCategory: Ref & { sensitivity: string };
    retentionRule: (Ref & { duration: string; maximumDuration: string | null }) | null;
    sourceChannels: Ref[];
  }[];
  collectionChannels: Ref[];
  recipients: { recipient: Ref & { kind: string; country: string | null }; dataCategories: Ref[] }[];
  transfers: {
    recipient: Ref & { kind: string; country: string | null };
    country: string;
    mechanism: Basis | null;
    safeguard: string | null;
    tiaReference: string | null;
  }[];
  securityMeasures: Ref[];
}

export interface OrganisationRecord extends Ref {
  country: string | null;
  email: string | null;
  privacyContactEmail: string | null;
  dpoEmail: string | null;
}

export interface RecipientRecord extends Ref {
  kind: string;
  category: string;
  country: string | null;
  organisationId: string | null;
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

/** The part of the register the rules look at, loaded once per request (see service.ts). */
export interface RegisterSnapshot {
  /** YYYY-MM-DD, for review dates. */
  today: string;
  /** The activities to check; retired ones are left out by the caller. */
  activities: ActivityRecord[];
  organisations: Map<string, OrganisationRecord>;
  vulnerableSubjects: Set<string>;
  channels: Map<string, ChannelRecord>;
  recipients: Map<string, RecipientRecord>;
  policies: PolicyRecord[];
  /** Every retired building block (few: loaded whole). */
  retired: Map<string, RetiredRecord>;
}

export interface FindingRecord {
  code: FindingCode;
  severity: FindingSeverity;
  entity: { resource: string; id: string; name: string };
  field: string | null;
  activities: Ref[];
  explanation: string;
  resolution: string;
}

// ---- the rules ----------------------------------------------------------------------------------

type Draft = Omit<FindingRecord, 'severity' | 'activities'> & { activity?: Ref; activities?: Ref[]; key?: string };

const activityEntity = (a: ActivityRecord) => ({ resource: 'processing-activities', id: a.id, name: a.name });
const patchActivity = (a: ActivityRecord) => `PATCH /v1/processing-activities/${a.id}`;
const isControllerRecord = (a: ActivityRecord) => a.role !== 'processor';
const codesOf = (p: ActivityRecord['purposes'][number]) => p.legalBases.map((basis) => basis.code);
const usesConsent = (a: ActivityRecord) =>
  a.purposes.some((p) => codesOf(p).some((code) => code === 'gdpr-6-1-a' || code === 'gdpr-9-2-a'));

/** Art. 30 completeness of one activity: what the record must state, by role. */
function completeness(a: ActivityRecord, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const controller = isControllerRecord(a);
  const article = (c: string, p: string) => (controller ? `Art. 30(1)(${c})` : `Art. 30(2)(${p})`);

  if (a.controllers.length === 0) {
    out.push({
      code: 'controller-missing',
      entity,
      field: '/controllers',
      explanation: controller
        ? `Art. 30(1)(a) GDPR: the record must name the controller and its contact details; "${a.name}" links no controller organisation.`
        : `Art. 30(2)(a) GDPR: a processor's record must name each controller it acts for; "${a.name}" links none.`,
      resolution: `Link the controlling organisation(s) in controllerIds (${patchActivity(a)}).`,
    });
  }
  for (const ref of a.controllers) {
    const o = snapshot.organisations.get(ref.id);
    if (!o || o.email || o.privacyContactEmail || o.dpoEmail) continue;
    out.push({
      code: 'controller-contact-missing',
      entity: { resource: 'organisations', id: o.id, name: o.name },
      field: '/privacyContactEmail',
      activity: a,
      explanation: `${article('a', 'a')} GDPR: the record must give the controller's contact details; "${o.name}" has no email, privacy contact email or DPO email.`,
      resolution: `Record privacyContactEmail (or email, or dpoEmail) on the organisation (PATCH /v1/organisations/${o.id}).`,
    });
  }
  // A processor's record names the categories of processing: a purpose or a description will do.
  if (a.purposes.length === 0 && (controller || !a.description)) {
    out.push({
      code: 'purpose-missing',
      entity,
      field: '/purposes',
      explanation: controller
        ? `Art. 30(1)(b) GDPR: the record must state the purposes of the processing; "${a.name}" has none.`
        : `Art. 30(2)(b) GDPR: a processor's record must state the categories of processing carried out for each controller; "${a.name}" has no purpose or description.`,
      resolution: `Add the purposes, each with its legal bases, in purposes (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataSubjectCategories.length === 0) {
    out.push({
      code: 'data-subjects-missing',
      entity,
      field: '/dataSubjectCategories',
      explanation: `Art. 30(1)(c) GDPR: the record must describe the categories of data subjects; "${a.name}" links none.`,
      resolution: `Link the data subject categories in dataSubjectCategoryIds (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataCategories.length === 0) {
    out.push({
      code: 'data-categories-missing',
      entity,
      field: '/dataCategories',
      explanation: `Art. 30(1)(c) GDPR: the record must describe the categories of personal data; "${a.name}" links none.`,
      resolution: `Link the data categories, each with its retention rule, in dataCategories (${patchActivity(a)}).`,
    });
  }
  if (controller && a.recipients.length === 0 && a.transfers.length === 0) {
    out.push({
      code: 'recipients-missing',
      entity,
      field: '/recipients',
      explanation: `Art. 30(1)(d) GDPR: the record must state the categories of recipients the data is or will be disclosed to; "${a.name}" records none.`,
      resolution: `Link the recipients in recipients (${patchActivity(a)}); if only own staff see the data, record that internal recipient.`,
    });
  }
  if (controller) {
    a.dataCategories.forEach((d, i) => {
      if (d.retentionRule) return;
      out.push({
        code: 'retention-missing',
        entity,
        field: `/dataCategories/${i}/retentionRule`,
        explanation: `Art. 30(1)(f) and 5(1)(e) GDPR: the record must state, where possible, when data is erased; "${d.dataCategory.name}" has no retention rule in "${a.name}".`,
        resolution: `Set retentionRuleId for this data category (${patchActivity(a)}), creating the rule under /v1/retention-rules if needed.`,
      });
    });
  }
  if (a.securityMeasures.length === 0) {
    out.push({
      code: 'security-measures-missing',
      entity,
      field: '/securityMeasures',
      explanation: `${article('g', 'd')} GDPR: the record must describe, where possible, the technical and organisational security measures (Art. 32); "${a.name}" links none.`,
      resolution: `Link the security measures in securityMeasureIds (${patchActivity(a)}).`,
    });
  }
  return out;
}

/** Lawfulness: every purpose needs an Art. 6(1) basis; 6(1)(f) needs its interest; Art. 9/10 data a condition. */
function lawfulness(a: ActivityRecord): Draft[] {
  if (!isControllerRecord(a)) return []; // the controller decides the basis; a processor acts on instructions
  const out: Draft[] = [];
  const entity = activityEntity(a);
  a.purposes.forEach((p, i) => {
    const codes = codesOf(p);
    if (!codes.some((code) => code.startsWith('gdpr-6-1-'))) {
      const national = p.legalBases.filter((basis) => basis.kind === 'lawful-basis');
      out.push({
        code: 'legal-basis-missing',
        entity,
        field: `/purposes/${i}/legalBases`,
        explanation: `Art. 6(1) GDPR: processing is lawful only on one of its six bases; the purpose "${p.purpose.name}" in "${a.name}" has none${
          national.length > 0
            ? ` (national-law bases such as ${national.map((b) => b.code).join(', ')} complement Art. 6(1)(c) or (e), Art. 6(3))`
            : ''
        }.`,
        resolution: `Add the Art. 6(1) basis (gdpr-6-1-a … gdpr-6-1-f) to this purpose's legalBasisIds (${patchActivity(a)}).`,
      });
    }
    if (codes.includes('gdpr-6-1-f') && (!p.legitimateInterest || !p.assessmentReference)) {
      const missing = [!p.legitimateInterest && 'interest pursued', !p.assessmentReference && 'reference to the balancing test'].filter(
        Boolean,
      );
      out.push({
        code: 'legitimate-interest-undocumented',
        entity,
        field: `/purposes/${i}/${p.legitimateInterest ? 'assessmentReference' : 'legitimateInterest'}`,
        explanation: `Art. 6(1)(f), 5(2) and 13(1)(d) GDPR: legitimate interests must be identified, weighed and stated; the purpose "${p.purpose.name}" in "${a.name}" records ${missing.length === 2 ? `neither the ${missing[0]} nor a ${missing[1]}` : `no ${missing[0]}`}.`,
        resolution: `Record legitimateInterest and assessmentReference (the legitimate interests assessment) for this purpose (${patchActivity(a)}).`,
      });
    }
  });
  const kinds = new Set(a.purposes.flatMap((p) => p.legalBases.map((basis) => basis.kind)));
  a.dataCategories.forEach((d, i) => {
    if (d.dataCategory.sensitivity === 'special' && !kinds.has('special-category-condition')) {
      out.push({
        code: 'special-category-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `Art. 9(1) GDPR prohibits processing special categories of data unless an Art. 9(2) condition applies; "${a.name}" processes "${d.dataCategory.name}" with none recorded.`,
        resolution: `Add the Art. 9(2) condition (gdpr-9-2-a … gdpr-9-2-j, or a national one) to the legal bases of the purposes concerned (${patchActivity(a)}), or stop processing this data.`,
      });
    }
    if (d.dataCategory.sensitivity === 'criminal' && !kinds.has('criminal-data-condition')) {
      out.push({
        code: 'criminal-data-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `Art. 10 GDPR: data on criminal convictions and offences may be processed only under official authority or as Union or Member State law authorises; "${a.name}" processes "${d.dataCategory.name}" with no such basis recorded.`,
        resolution: `Add gdpr-10 or the national-law authorisation (kind criminal-data-condition) to the legal bases of the purposes concerned (${patchActivity(a)}).`,
      });
    }
  });
  return out;
}

/** Recipients and transfers: Art. 28 agreements, Chapter V for anything leaving the EEA. */
function sharing(a: ActivityRecord, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const linked = new Map([...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)].map((r) => [r.id, r]));
  for (const ref of linked.values()) {
    const r = snapshot.recipients.get(ref.id);
    if (!r || r.kind !== 'processor' || r.processingAgreementRef) continue;
    out.push({
      code: 'processor-agreement-missing',
      entity: { resource: 'recipients', id: r.id, name: r.name },
      field: '/processingAgreementRef',
      activity: a,
      explanation: `Art. 28(3) GDPR: processing by a processor must be governed by a contract or legal act; no processing agreement is recorded for the processor "${r.name}".`,
      resolution: `Conclude the Art. 28 agreement and record its reference in processingAgreementRef (PATCH /v1/recipients/${r.id}).`,
    });
  }
  const countryOf = (id: string) => {
    const r = snapshot.recipients.get(id);
    return r?.country ?? (r?.organisationId ? snapshot.organisations.get(r.organisationId)?.country : null) ?? null;
  };
  a.recipients.forEach(({ recipient }, i) => {
    const country = countryOf(recipient.id);
    if (!country || eeaCountries.has(country) || a.transfers.some((t) => t.recipient.id === recipient.id)) return;
    out.push({
      code: 'transfer-not-recorded',
      entity,
      field: `/recipients/${i}`,
      explanation: `Art. 30(1)(e) and 44 GDPR: data sent outside the EEA is a transfer that must be recorded with its mechanism; "${recipient.name}" (${country}) receives data in "${a.name}" but no transfer is recorded for it.`,
      resolution: `Add a transfer for this recipient with its country and Art. 45–49 mechanism in transfers (${patchActivity(a)}).`,
    });
  });
  a.transfers.forEach((t, i) => {
    if (eeaCountries.has(t.country)) return; // within the EEA: not a Chapter V transfer
    const to = `the transfer to "${t.recipient.name}" (${t.country}) in "${a.name}"`;
    if (!t.mechanism) {
      out.push({
        code: 'transfer-mechanism-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `Art. 44 GDPR: a transfer needs an adequacy decision (Art. 45), appropriate safeguards (Art. 46–47) or a derogation (Art. 49); ${to} records none.`,
        resolution: `Set mechanismId to the Art. 45–49 legal basis the transfer relies on (${patchActivity(a)}).`,
      });
      return;
    }
    if (t.mechanism.code === 'gdpr-45' && !adequacyCountries.has(t.country)) {
      out.push({
        code: 'adequacy-decision-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `Art. 45(1) GDPR: a transfer may rely on adequacy only where the Commission has decided so; ${to} relies on adequacy, but ${t.country} has no adequacy decision.`,
        resolution: `Use Art. 46 safeguards (e.g. standard contractual clauses, gdpr-46-2-c) or an Art. 49 derogation instead (${patchActivity(a)}).`,
      });
    }
    if (/^gdpr-(46-|47$|49-1-2$)/.test(t.mechanism.code) && !t.safeguard) {
      out.push({
        code: 'transfer-safeguard-missing',
        entity,
        field: `/transfers/${i}/safeguard`,
        explanation: `${t.mechanism.code === 'gdpr-49-1-2' ? 'Art. 49(1) second subparagraph and 30(1)(e)' : 'Art. 46(1)'} GDPR: ${to} relies on ${t.mechanism.article} but documents no safeguards or supplementary measures.`,
        resolution: `Describe the safeguards (and reference the transfer impact assessment) in safeguard and tiaReference (${patchActivity(a)}).`,
      });
    }
  });
  const seen = new Set<string>();
  for (const { retentionRule: rule } of a.dataCategories) {
    if (!rule?.maximumDuration || seen.has(rule.id) || !isLonger(rule.duration, rule.maximumDuration)) continue;
    seen.add(rule.id);
    out.push({
      code: 'retention-exceeds-maximum',
      entity: { resource: 'retention-rules', id: rule.id, name: rule.name },
      field: '/duration',
      activity: a,
      explanation: `Art. 5(1)(e) GDPR: data may be kept no longer than necessary; the retention rule "${rule.name}" keeps data for ${describeDuration(rule.duration)}, longer than its own maximum of ${describeDuration(rule.maximumDuration)}.`,
      resolution: `Shorten duration, or correct maximumDuration if the maximum is wrong (PATCH /v1/retention-rules/${rule.id}).`,
    });
  }
  return out;
}

/** The WP248 rev.01 criteria the register can see for one activity. */
export function dpiaCriteria(a: ActivityRecord, snapshot: RegisterSnapshot): string[] {
  const channels = a.collectionChannels.map((c) => snapshot.channels.get(c.id)).filter((c): c is ChannelRecord => c !== undefined);
  const recipients = [...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)]
    .map((r) => snapshot.recipients.get(r.id))
    .filter((r): r is RecipientRecord => r !== undefined);
  const sourceTypes = new Set(channels.map((c) => c.sourceType));
  const criteria: [boolean, string][] = [
    [recipients.some((r) => r.category === 'credit-bureau'), 'evaluation or scoring (credit bureaus)'],
    [
      channels.some((c) => c.mechanism === 'network-usage' || (c.mechanism === 'cookie' && c.cookie?.party === 'third-party')),
      'systematic monitoring (third-party cookies or network-usage observation)',
    ],
    [a.dataCategories.some((d) => d.dataCategory.sensitivity !== 'standard'), 'sensitive data (Art. 9 or 10)'],
    [sourceTypes.size >= 2 && sourceTypes.has('third-party'), 'matching or combining datasets (third-party and other sources)'],
    [a.dataSubjectCategories.some((s) => snapshot.vulnerableSubjects.has(s.id)), 'vulnerable data subjects'],
  ];
  return criteria.filter(([met]) => met).map(([, name]) => name);
}

/** Accountability: a DPIA where WP248 makes one likely, and a record that is reviewed. */
function accountability(a: ActivityRecord, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  // WP248 rev.01: "in most cases, a processing operation meeting two criteria would require a DPIA".
  const criteria = isControllerRecord(a) ? dpiaCriteria(a, snapshot) : [];
  if ((criteria.length >= 2 && !(a.dpiaRequired && a.dpiaReference)) || (a.dpiaRequired && !a.dpiaReference)) {
    out.push({
      code: 'dpia-not-recorded',
      entity,
      field: a.dpiaRequired ? '/dpiaReference' : '/dpiaRequired',
      explanation:
        criteria.length >= 2
          ? `Art. 35(1) GDPR and WP248 rev.01: "${a.name}" meets ${criteria.length} criteria (${criteria.join('; ')}), so a DPIA is likely required, but ${a.dpiaRequired ? 'no DPIA reference is recorded' : 'dpiaRequired is false'}.`
          : `Art. 35(1) GDPR: "${a.name}" is marked as requiring a DPIA, but no DPIA reference is recorded.`,
      resolution: `Carry out the DPIA and record dpiaRequired: true with its dpiaReference (${patchActivity(a)}); if a criterion does not hold in practice, correct the links that trigger it.`,
    });
  }
  if (a.status === 'active') {
    for (const [field, ref] of linkedEntries(a)) {
      const retired = snapshot.retired.get(ref.id);
      if (!retired) continue;
      const since = retired.retiredAt.slice(0, 10);
      out.push({
        code: 'retired-entry-linked',
        entity: { resource: retired.resource, id: retired.id, name: retired.name },
        field: '/retiredAt',
        key: field,
        explanation: `Art. 30(1) and 24(1) GDPR: the record must describe the processing as it is done; "${retired.name}" was retired on ${since}, and the active activity "${a.name}" still links it (${field}).`,
        resolution: `Replace or remove the link (${patchActivity(a)}), reinstate the entry (PATCH /v1/${retired.resource}/${retired.id} with retiredAt: null), or retire the activity (status: retired).`,
      });
    }
  }
  if (a.reviewDueAt && a.reviewDueAt < snapshot.today) {
    out.push({
      code: 'review-overdue',
      entity,
      field: '/reviewDueAt',
      explanation: `Art. 24(1) and 5(2) GDPR: measures must be reviewed and updated where necessary; "${a.name}" was due for review on ${a.reviewDueAt}.`,
      resolution: `Review the record, then set the next reviewDueAt (${patchActivity(a)}).`,
    });
  }
  return out;
}

/** Every entry an activity links to, with the JSON Pointer of the link. */
function linkedEntries(a: ActivityRecord): [string, Ref][] {
  const out: [string, Ref][] = [];
  a.controllers.forEach((ref, i) => out.push([`/controllers/${i}`, ref]));
  a.purposes.forEach((p, i) => {
    out.push([`/purposes/${i}/purpose`, p.purpose]);
    p.legalBases.forEach((basis, j) => out.push([`/purposes/${i}/legalBases/${j}`, basis]));
  });
  a.dataSubjectCategories.forEach((ref, i) => out.push([`/dataSubjectCategories/${i}`, ref]));
  a.dataCategories.forEach((d, i) => {
    out.push([`/dataCategories/${i}/dataCategory`, d.dataCategory]);
    if (d.retentionRule) out.push([`/dataCategories/${i}/retentionRule`, d.retentionRule]);
    d.sourceChannels.forEach((ref, j) => out.push([`/dataCategories/${i}/sourceChannels/${j}`, ref]));
  });
  a.collectionChannels.forEach((ref, i) => out.push([`/collectionChannels/${i}`, ref]));
  a.recipients.forEach((r, i) => out.push([`/recipients/${i}/recipient`, r.recipient]));
  a.transfers.forEach((t, i) => {
    out.push([`/transfers/${i}/recipient`, t.recipient]);
    if (t.mechanism) out.push([`/transfers/${i}/mechanism`, t.mechanism]);
  });
  a.securityMeasures.forEach((ref, i) => out.push([`/securityMeasures/${i}`, ref]));
  return out;
}

/** What each controller's privacy policy tells data subjects, against the rights its activities give them. */
function notices(snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const noticeRights = rightDefinitions.filter((r) => !['withdraw-consent', 'automated-decision-making'].includes(r.code));
  const controllerIds = new Set(snapshot.activities.filter(isControllerRecord).flatMap((a) => a.controllers.map((c) => c.id)));
  for (const organisationId of controllerIds) {
    const organisation = snapshot.organisations.get(organisationId);
    if (!organisation) continue;
    const activities = snapshot.activities.filter((a) => isControllerRecord(a) && a.controllers.some((c) => c.id === organisationId));
    const policies = snapshot.policies.filter((p) => p.organisationId === organisationId);
    const consented = activities.filter(usesConsent);
    const derived = activities.map((a) => ({ a, rights: deriveRights(a) }));

    if (consented.length > 0 && policies.length === 0) {
      out.push({
        code: 'consent-withdrawal-not-stated',
        entity: { resource: 'organisations', id: organisation.id, name: organisation.name },
        field: null,
        activities: consented,
        explanation: `Art. 7(3) and 13(2)(c) GDPR: data subjects must be told they can withdraw consent; ${consented.length} activit${consented.length === 1 ? 'y' : 'ies'} of "${organisation.name}" rest on consent, and no privacy policy of it is recorded.`,
        resolution: `Record the privacy policy (POST /v1/privacy-policies) with the withdraw-consent right among its rights.`,
      });
    }
    for (const policy of policies) {
      const entity = { resource: 'privacy-policies', id: policy.id, name: policy.name };
      const named = new Set(policy.rights.map((r) => r.right));
      if (consented.length > 0 && !named.has('withdraw-consent')) {
        out.push({
          code: 'consent-withdrawal-not-stated',
          entity,
          field: '/rights',
          activities: consented,
          explanation: `Art. 7(3) and 13(2)(c) GDPR: data subjects must be told they can withdraw consent at any time; "${policy.name}" does not say so, while ${consented.length} activit${consented.length === 1 ? 'y rests' : 'ies rest'} on consent.`,
          resolution: `Add the withdraw-consent right, and how to withdraw, to the policy's rights (PATCH /v1/privacy-policies/${policy.id}), then publish the policy.`,
        });
      }
      for (const right of noticeRights) {
        const applying = derived.filter(({ rights }) => rights.find((r) => r.code === right.code)?.applies).map(({ a }) => a);
        if (applying.length === 0 || named.has(right.code)) continue;
        out.push({
          code: 'notice-right-missing',
          entity,
          field: '/rights',
          activities: applying,
          key: right.code,
          explanation: `Art. 13(2) and 14(2) GDPR: a privacy notice must inform data subjects of their rights; "${policy.name}" does not name the ${right.name.replace(/^Rights? (to |of )?/, 'right to ').toLowerCase()} (${right.article}), which applies to ${applying.length} activit${applying.length === 1 ? 'y' : 'ies'}.`,
          resolution: `Add the ${right.code} right to the policy's rights (PATCH /v1/privacy-policies/${policy.id}), then publish the policy.`,
        });
      }
      policy.rights.forEach((statement, i) => {
        if (statement.right !== 'access' || !statement.feeNote) return;
        out.push({
          code: 'access-fee-stated',
          entity,
          field: `/rights/${i}/feeNote`,
          activities,
          explanation: `Art. 12(5) and 15(3) GDPR: the first copy of one's data must be free, a fee being allowed only for further copies or manifestly unfounded or excessive requests; "${policy.name}" mentions a fee for access.`,
          resolution: `Reword the access right in the published policy (the first copy is free), then update feeNote (PATCH /v1/privacy-policies/${policy.id}).`,
        });
      });
    }
  }
  return out;
}

const severityRank = (severity: FindingSeverity) => findingSeverities.indexOf(severity);
const byName = (a: Ref, b: Ref) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/**
 * Every finding for the snapshot's activities. Findings about a shared entry (an organisation, a
 * recipient, a retention rule, a policy) are reported once, listing every activity concerned.
 * Sorted errors first, then by rule, entity and field, so the order is stable.
 */
export function checkRegister(snapshot: RegisterSnapshot): FindingRecord[] {
  const drafts = [
    ...snapshot.activities.flatMap((a) =>
      [...completeness(a, snapshot), ...lawfulness(a), ...sharing(a, snapshot), ...accountability(a, snapshot)].map((d) => ({
        ...d,
        activities: d.activities ?? [d.activity ?? a],
      })),
    ),
    ...notices(snapshot),
  ];
  const merged = new Map<string, FindingRecord>();
  for (const { activity: _activity, key, activities = [], ...draft } of drafts) {
    const id = [draft.code, draft.entity.id, draft.field, key].join('|');
    const existing = merged.get(id);
    const refs = activities.map(({ id: activityId, name }) => ({ id: activityId, name }));
    if (existing) {
      for (const ref of refs) if (!existing.activities.some((known) => known.id === ref.id)) existing.activities.push(ref);
    } else {
      merged.set(id, { ...draft, severity: ruleCatalogue[draft.code].severity, activities: refs });
    }
  }
  const order = new Map(findingCodes.map((code, i) => [code, i]));
  return [...merged.values()]
    .map((finding) => ({ ...finding, activities: [...finding.activities].sort(byName) }))
    .sort(
      (x, y) =>
        severityRank(x.severity) - severityRank(y.severity) ||
        order.get(x.code)! - order.get(y.code)! ||
        byName(x.entity, y.entity) ||
        (x.field ?? '').localeCompare(y.field ?? '', 'en', { numeric: true }),
    );
}
