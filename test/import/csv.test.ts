import t from 'tap';
import { legalBases as shippedLegalBases } from '../../migrations/1764100000001-gdpr-legal-bases';
import { parseIcoCsv } from '../../src/import/csv';
import type { ImportProblem, KnownLegalBasis } from '../../src/import/problems';
import type { ExportActivity, ExportOrganisation } from '../../src/register/dto';
import type { RegisterSource } from '../../src/register/reader';
import { csvColumns, csvField, renderCsv } from '../../src/register/render-csv';
import { entryName, type RegisterDocument, type SeedActivity, type SeedRetentionRule } from '../../src/import/register-document';
import { woktronRegister } from '../../src/seed/woktron-register';

// ---- fixtures ----------------------------------------------------------------------------------

/** The built-in GDPR bases, as their migration ships them (code, kind, article, name). */
const builtIn: KnownLegalBasis[] = shippedLegalBases.map(([code, kind, article, name]) => ({ code, kind, article, name }));
const national: KnownLegalBasis = { code: 'nl-test-duty', kind: 'lawful-basis', article: 'Art. 1 Test Act', name: 'Test duty' };
const legalBases = [...builtIn, national];
const known = { legalBases, organisations: ['Globex, Inc.'] };

const headers = csvColumns.map(([header]) => header);
const H = (fragment: string) => headers.find((header) => header.toLowerCase().includes(fragment.toLowerCase()))!;

/** A register in the CSV's reach: every field the CSV carries, nothing it does not, in first-appearance order. */
const document: RegisterDocument = {
  organisations: [
    {
      name: 'Acme Hosting B.V.',
      roles: ['controller', 'joint-controller'],
      address: 'Keizersgracht 1, 1015 AA Amsterdam',
      country: 'NL',
      email: 'info@acme.example',
      phone: '+31 20 123 4567',
      privacyContactEmail: 'privacy@acme.example',
      dpoName: 'J. de Vries',
      dpoEmail: 'dpo@acme.example',
      dpoPhone: '+31 20 123 4568',
      description: 'Hosting company; data centres in Amsterdam',
      sourcePhrase: 'Acme Hosting B.V., gevestigd te Amsterdam',
      internalNote: 'KvK extract checked 2025-01',
      dpoTitle: 'Functionaris gegevensbescherming',
      dpoAddress: 'Postbus 12, 1000 AA Amsterdam',
      dpoRequired: 'yes',
      dpoRequiredReason: 'Art. 37(1)(b): large-scale monitoring; see the DPO assessment; 2024',
      publicBody: false,
      framework: 'gdpr',
      language: 'nl',
      transferMechanism: 'gdpr-46-2-c',
      transferMechanismNote: 'All transfers under SCC 2021/914',
      contacts: [
        { role: 'privacy-desk', email: 'privacy@acme.example' },
        {
          role: 'dpo',
          name: 'J. de Vries',
          title: 'FG; privacy officer',
          phone: '+31 20 123 4568',
          address: 'Postbus 12, 1000 AA Amsterdam',
        },
      ],
    },
    {
      name: 'Globex, Inc.',
      roles: ['joint-controller'],
      address: '1 Main Street, Springfield, OR 97403',
      country: 'US',
      email: 'legal@globex.example',
      dpoEmail: 'dpo@globex.example',
      representative: 'EU Rep B.V.',
      dpoRequired: 'no',
      framework: 'uk-gdpr',
    },
    { name: 'EU Rep B.V.', roles: ['representative'], address: 'Herengracht 2, Amsterdam', country: 'NL', email: 'rep@eurep.example' },
    { name: 'Initech GmbH', roles: ['controller'], address: 'Hauptstr. 5, 10115 Berlin', country: 'DE', framework: 'eudpr' },
  ],
  dataSubjectCategories: [
    {
      name: 'Customers',
      description: 'People who ordered',
      sourcePhrase: 'klanten',
      internalNote: 'Includes former customers?\n\nAsk Sales',
    },
    { name: 'Prospective customers' },
    { name: 'Newsletter subscribers' },
    { name: 'Job applicants' },
  ],
  dataCategories: [
    { name: 'Contact details', sensitivity: 'standard' },
    { name: 'Payment details', sensitivity: 'standard' },
    { name: 'Support notes', sensitivity: 'standard' },
    { name: 'Health data', sensitivity: 'special' },
    { name: 'Criminal records', sensitivity: 'criminal' },
  ],
  collectionChannels: [
    { name: 'Order form', sourceType: 'data-subject', mechanism: 'web-form', sourcePhrase: 'bestelformulier' },
    { name: 'Unknown source', sourceType: 'not-stated' },
    { name: 'Newsletter sign-up', sourceType: 'data-subject' },
    { name: 'Partner lists', sourceType: 'third-party' },
    { name: 'Screening agency reports', sourceType: 'third-party' },
    { name: 'Risk scores', sourceType: 'derived' },
    { name: 'Server logs', sourceType: 'observed' },
  ],
  purposes: [
    { name: 'Order processing', description: 'Delivering what was ordered', internalNote: 'Basis checked' },
    { name: 'Fraud prevention' },
    { name: 'Direct marketing' },
    { name: 'Employee screening' },
  ],
  legalBases: [],
  recipients: [
    {
      name: 'Payment service providers',
      kind: 'processor',

      country: 'NL',
      processingAgreementStatus: 'signed',
      processingAgreementDate: '2023-07-01',
      processingAgreementRef: 'DPA-2023-07',
      internalNote: 'Renewal due',
    },
    { name: 'Google Analytics', kind: 'processor', country: 'US' },
    { name: 'Cloud host', kind: 'processor', category: 'hosting-provider', processingAgreementStatus: 'in-negotiation' },
    { name: 'Court', kind: 'public-authority', processingAgreementStatus: 'not-needed' },
    { name: 'Website visitors', kind: 'the-public' },
    { name: 'Unnamed partners', kind: 'not-stated' },
    { name: 'WHO', kind: 'public-authority' },
    {
      name: 'Sub-processor (AWS)',
      kind: 'processor',

      country: 'IE',
      processingAgreementStatus: 'signed',
      processingAgreementRef: 'AWS DPA, version 3',
    },
    { name: 'Marketing team', kind: 'internal' },
    { name: 'Globex US marketing', kind: 'independent-controller', country: 'US' },
  ],
  retentionRules: [
    {
      name: 'Standard retention (7 years, up to 10 years)',
      kind: 'fixed-duration',
      duration: 'P7Y',
      maximumDuration: 'P10Y',
      startEvent: 'end of the contract, or the last order (whichever is later)',
      endAction: 'erase',
      legalReference: 'Art. 52(4) and (5) AWR; art. 2:10 BW',
    },
    { name: 'Account plus two years', kind: 'until-event', startEvent: 'the account is closed', duration: 'P2Y', endAction: 'review' },
    { name: 'Unstated retention', kind: 'not-stated' },
    { name: 'Permanent (Art. 89)', kind: 'permanent' },
    {
      name: 'Archiefwet (statutory)',
      kind: 'statutory',
      legalReference: 'Selectielijst 2020, 1.1.2; Archiefwet art. 5',
      endAction: 'archive',
      conditions: [
        { condition: 'when tax law applies', duration: 'P10Y', endAction: 'erase' },
        { condition: 'with consent; for research', duration: null, endAction: null },
      ],
      internalNote: 'Which list item exactly?',
    },
    { name: 'As long as necessary', kind: 'as-long-as-necessary' },
    { name: 'Campaign data', kind: 'fixed-duration', duration: 'P6M', startEvent: 'campaign end', endAction: 'anonymise' },
  ],
  securityMeasures: [
    { name: 'Encryption at rest', type: 'technical', standardReference: 'ISO/IEC 27001' },
    { name: 'Access control', type: 'technical', description: 'Role-based access' },
    { name: 'Locked archive room', type: 'physical' },
    { name: 'Appropriate measures', type: 'not-stated' },
    { name: 'Staff awareness training', type: 'organisational', standardReference: 'ISO/IEC 27001, A.6.3' },
  ],
  activities: [
    {
      name: 'Customer orders and service delivery',
      description: 'Orders, delivery and support',
      sourcePhrase: 'Verwerking van bestellingen',
      internalNote: 'Owner confirmed 2025-02',
      role: 'controller',
      status: 'active',
      owner: 'Sales',
      dpiaRequired: false,
      reference: 'VWA-001',
      businessFunction: 'Customer service; sales',
      recordGroup: 'Customers',
      adoptedOn: '2019-03-01',
      lastReviewedOn: '2024-11-20',
      language: 'nl',
      sourceUrl: 'https://acme.example/register/orders',
      statedAbsences: ['criminal-data', 'external-recipients'],
      automatedDecisions: 'yes',
      automatedDecisionLogic: 'Orders above a risk score are held',
      automatedDecisionSignificance: 'An order may be refused',
      automatedDecisionSafeguards: 'A person reviews every held order',
      controllers: ['Acme Hosting B.V.'],
      legalBases: [{ name: 'gdpr-6-1-c', note: 'Art. 52 AWR (tax records)' }, 'gdpr-9-2-a'],
      retentionRules: ['Archiefwet (statutory)', 'As long as necessary'],
      purposes: [
        { purpose: 'Order processing', legalBases: [{ name: 'gdpr-6-1-b', note: 'the order contract (note: general terms)' }] },
        {
          purpose: 'Fraud prevention',
          legalBases: ['gdpr-6-1-f'],
          legitimateInterest: 'Preventing payment defaults, fraud and abuse; "chargebacks" too',
          assessmentReference: 'LIA-2024-01',
        },
      ],
      dataSubjectCategories: ['Customers', 'Prospective customers'],
      dataCategories: [
        { dataCategory: 'Contact details', retentionRule: 'Standard retention (7 years, up to 10 years)' },
        { dataCategory: 'Payment details', retentionRule: 'Account plus two years' },
        { dataCategory: 'Support notes', retentionRule: 'Unstated retention' },
        { dataCategory: 'Health data', retentionRule: 'Permanent (Art. 89)' },
      ],
      collectionChannels: ['Order form', 'Unknown source'],
      recipients: [
        { recipient: 'Payment service providers' },
        { recipient: 'Google Analytics' },
        { recipient: 'Cloud host' },
        { recipient: 'Court' },
        { recipient: 'Website visitors' },
        { recipient: 'Unnamed partners' },
        { recipient: 'WHO' },
        { recipient: 'Sub-processor (AWS)' },
      ],
      transfers: [
        { recipient: 'Cloud host', country: 'US' },
        { recipient: 'Cloud host', country: 'IN', safeguard: 'Encrypted; keys in the EU' },
        { recipient: 'WHO', internationalOrganisation: 'World Health Organization (WHO)' },
        { recipient: 'Sub-processor (AWS)', destination: 'worldwide', via: 'Cloud host', mechanism: 'gdpr-46-2-c' },
        { recipient: 'Unnamed partners' },
        {
          recipient: 'Google Analytics',
          country: 'US',
          mechanism: 'gdpr-46-2-c',
          safeguard: 'IP addresses truncated in the EEA; data sharing off',
          tiaReference: 'TIA-GA-2023',
        },
      ],
      securityMeasures: ['Encryption at rest', 'Access control', 'Locked archive room', 'Appropriate measures'],
    },
    {
      name: 'Joint marketing campaign',
      role: 'joint-controller',
      status: 'draft',
      owner: '-internal',
      dpiaRequired: true,
      dpiaReference: 'DPIA-2025-02',
      automatedDecisions: 'no',
      jointArrangementRef: 'JCA-2024-03',
      jointArrangementEssence: 'Published at acme.example/joint; ask either controller',
      controllers: [
        { name: 'Acme Hosting B.V.', relationship: 'joint' },
        { name: 'Globex, Inc.', relationship: 'separate' },
      ],
      purposes: [{ purpose: 'Direct marketing', legalBases: ['gdpr-6-1-a', 'gdpr-9-2-a'] }],
      dataSubjectCategories: ['Customers', 'Newsletter subscribers'],
      dataCategories: [
        { dataCategory: 'Contact details', retentionRule: 'Standard retention (7 years, up to 10 years)' },
        { dataCategory: 'Health data', retentionRule: 'Campaign data' },
      ],
      collectionChannels: ['Newsletter sign-up', 'Partner lists'],
      recipients: [{ recipient: 'Marketing team' }, { recipient: 'Globex US marketing' }],
      transfers: [
        { recipient: 'Globex US marketing', country: 'US', mechanism: 'gdpr-49-1-a' },
        { recipient: 'Globex US marketing', country: 'CA', safeguard: 'Encrypted in transit' },
      ],
      securityMeasures: ['Access control', 'Staff awareness training'],
    },
    {
      name: 'Background checks',
      role: 'controller',
      status: 'retired',
      owner: 'HR',
      dpiaRequired: true,
      controllers: ['Acme Hosting B.V.'],
      purposes: [{ purpose: 'Employee screening', legalBases: ['gdpr-6-1-c', 'nl-test-duty', 'gdpr-10'] }],
      dataSubjectCategories: ['Job applicants'],
      dataCategories: [{ dataCategory: 'Criminal records' }],
      collectionChannels: ['Screening agency reports', 'Risk scores'],
      recipients: [],
      transfers: [],
      securityMeasures: ['Access control'],
    },
    {
      name: 'Hosting for customers',
      role: 'processor',
      status: 'active',
      dpiaRequired: false,
      controllers: ['Initech GmbH'],
      purposes: [],
      dataSubjectCategories: ['Customers'],
      dataCategories: [{ dataCategory: 'Contact details' }],
      collectionChannels: ['Server logs'],
      recipients: [{ recipient: 'Sub-processor (AWS)' }],
      transfers: [],
      securityMeasures: ['Encryption at rest'],
    },
  ],
  privacyPolicies: [],
  // The systems column carries the systems records use; these records use none. No flows: the CSV has no row for one.
  systems: [],
  dataFlows: [],
};

// ---- the export, without a database ------------------------------------------------------------

/** The activities as the register export resolves them, from a RegisterDocument. */
function exportActivities(doc: RegisterDocument): ExportActivity[] {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const find = <T extends { name: string }>(list: T[], name: string) =>
    list.find((item) => item.name.toLowerCase() === name.toLowerCase())!;
  const basis = (code: string) => {
    const found = legalBases.find((b) => b.code === code) ?? doc.legalBases.find((b) => b.code === code)!;
    return { id: id(), code, name: found.name, article: found.article, kind: found.kind, dpvIri: null };
  };
  const organisation = (name: string): ExportOrganisation => {
    const o = find(doc.organisations, name);
    const representative = o.representative ? find(doc.organisations, o.representative) : undefined;
    const mechanism = o.transferMechanism ? basis(o.transferMechanism) : null;
    return {
      id: id(),
      name: o.name,
      roles: o.roles,
      description: o.description ?? null,
      registrationNumber: null,
      address: o.address ?? null,
      country: o.country ?? null,
      email: o.email ?? null,
      phone: o.phone ?? null,
      website: null,
      privacyContactEmail: o.privacyContactEmail ?? null,
      dpo:
        o.dpoName || o.dpoEmail || o.dpoPhone || o.dpoTitle || o.dpoAddress
          ? {
              name: o.dpoName ?? null,
              email: o.dpoEmail ?? null,
              phone: o.dpoPhone ?? null,
              title: o.dpoTitle ?? null,
              address: o.dpoAddress ?? null,
            }
          : null,
      representative: representative
        ? {
            id: id(),
            name: representative.name,
            address: representative.address ?? null,
            country: representative.country ?? null,
            email: representative.email ?? null,
            phone: representative.phone ?? null,
          }
        : null,
      contacts: (o.contacts ?? []).map((c) => ({
        role: c.role!,
        name: c.name ?? null,
        title: c.title ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        address: c.address ?? null,
      })),
      dpoRequired: o.dpoRequired ?? 'not-stated',
      dpoRequiredReason: o.dpoRequiredReason ?? null,
      publicBody: o.publicBody ?? null,
      framework: o.framework ?? 'not-stated',
      language: o.language ?? null,
      transferMechanism: mechanism,
      transferMechanismNote: o.transferMechanismNote ?? null,
      ...sourced(o),
    };
  };
  const sourced = (item: { sourcePhrase?: string; internalNote?: string; ownerUnit?: string }) => ({
    sourcePhrase: item.sourcePhrase ?? null,
    internalNote: item.internalNote ?? null,
    ownerUnit: item.ownerUnit ?? null,
  });
  const described = (item: { description?: string; sourcePhrase?: string; internalNote?: string }) => ({
    description: item.description ?? null,
    ...sourced(item),
  });
  const retention = (rule: SeedRetentionRule) => ({
    id: id(),
    name: rule.name,
    kind: rule.kind ?? (rule.duration ? 'fixed-duration' : 'not-stated'),
    duration: rule.duration ?? null,
    maximumDuration: rule.maximumDuration ?? null,
    startEvent: rule.startEvent ?? null,
    endAction: rule.endAction ?? 'not-stated',
    legalReference: rule.legalReference ?? null,
    conditions: rule.conditions ?? [],
    ...described(rule),
  });
  const basisLink = (b: string | { name: string; note?: string }) => ({
    ...basis(entryName(b)),
    note: typeof b === 'string' ? null : (b.note ?? null),
  });
  return doc.activities.map((a: SeedActivity) => ({
    id: id(),
    name: a.name,
    role: a.role,
    status: a.status,
    owner: a.owner ?? null,
    reviewDueAt: null,
    dpiaRequired: a.dpiaRequired ?? null,
    dpiaReference: a.dpiaReference ?? null,
    reference: a.reference ?? null,
    businessFunction: a.businessFunction ?? null,
    recordGroup: a.recordGroup ?? null,
    adoptedOn: a.adoptedOn ?? null,
    lastReviewedOn: a.lastReviewedOn ?? null,
    language: a.language ?? null,
    sourceUrl: a.sourceUrl ?? null,
    statedAbsences: a.statedAbsences ?? [],
    automatedDecisions: a.automatedDecisions ?? 'not-stated',
    automatedDecisionLogic: a.automatedDecisionLogic ?? null,
    automatedDecisionSignificance: a.automatedDecisionSignificance ?? null,
    automatedDecisionSafeguards: a.automatedDecisionSafeguards ?? null,
    jointArrangementRef: a.jointArrangementRef ?? null,
    jointArrangementEssence: a.jointArrangementEssence ?? null,
    ...described(a),
    controllers: a.controllers.map((c) => ({
      ...organisation(entryName(c)),
      relationship: (typeof c === 'string' ? undefined : c.relationship) ?? 'not-stated',
    })),
    purposes: a.purposes.map((p) => ({
      id: id(),
      name: p.purpose,
      legalBases: p.legalBases.map(basisLink),
      legitimateInterest: p.legitimateInterest ?? null,
      assessmentReference: p.assessmentReference ?? null,
      ...described(find(doc.purposes, p.purpose)),
    })),
    legalBases: (a.legalBases ?? []).map(basisLink),
    retentionRules: (a.retentionRules ?? []).map((name) => retention(find(doc.retentionRules, name))),
    dataSubjectCategories: a.dataSubjectCategories.map((name) => ({
      id: id(),
      name,
      vulnerable: false,
      ...described(find(doc.dataSubjectCategories, name)),
    })),
    dataCategories: a.dataCategories.map((d) => {
      const category = find(doc.dataCategories, d.dataCategory);
      const rule = d.retentionRule ? find(doc.retentionRules, d.retentionRule) : undefined;
      return {
        id: id(),
        name: category.name,
        examples: category.examples ?? [],
        sensitivity: category.sensitivity ?? 'standard',
        retention: rule ? retention(rule) : null,
        sources: [],
        ...described(category),
      };
    }),
    collectionChannels: a.collectionChannels.map((name) => {
      const c = find(doc.collectionChannels, name);
      return {
        id: id(),
        name: c.name,
        sourceType: c.sourceType ?? 'not-stated',
        mechanism: c.mechanism ?? 'not-stated',
        cookie: null,
        ...described(c),
      };
    }),
    recipients: a.recipients.map(({ recipient }) => {
      const r = find(doc.recipients, recipient);
      return {
        id: id(),
        name: r.name,
        kind: r.kind ?? 'not-stated',
        category: r.category ?? 'not-stated',
        country: r.country ?? null,
        organisation: null,
        processingAgreementStatus: r.processingAgreementStatus ?? (r.processingAgreementRef ? 'signed' : 'not-stated'),
        processingAgreementDate: r.processingAgreementDate ?? null,
        processingAgreementRef: r.processingAgreementRef ?? null,
        dataCategories: [],
        ...described(r),
      };
    }),
    transfers: a.transfers.map((x) => {
      const party = (name: string) => {
        const r = find(doc.recipients, name);
        return { id: id(), name: r.name, kind: r.kind ?? 'not-stated', country: r.country ?? null };
      };
      return {
        recipient: party(x.recipient),
        destination: x.destination ?? (x.country ? 'country' : x.internationalOrganisation ? 'international-organisation' : 'not-stated'),
        country: x.country ?? null,
        internationalOrganisation: x.internationalOrganisation ?? null,
        via: x.via ? party(x.via) : null,
        mechanism: x.mechanism ? basis(x.mechanism) : null,
        safeguard: x.safeguard ?? null,
        tiaReference: x.tiaReference ?? null,
      };
    }),
    securityMeasures: a.securityMeasures.map((name) => {
      const m = find(doc.securityMeasures, name);
      return {
        id: id(),
        name: m.name,
        type: m.type ?? 'not-stated',
        standardReference: m.standardReference ?? null,
        ...described(m),
      };
    }),
    // These records use no system (test/import/csv-data-map.test.ts covers the systems column).
    systems: [],
    rights: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  }));
}

/** The CSV the register export writes for the document (controller records, then processor records). */
async function exportCsv(doc: RegisterDocument): Promise<string> {
  const activities = exportActivities(doc);
  const source = {
    async *controllerPages() {
      yield activities.filter((a) => a.role !== 'processor');
    },
    async *processorPages() {
      yield activities.filter((a) => a.role === 'processor').map((activity) => ({ controllerId: null, first: true, activity }));
    },
  } as unknown as RegisterSource;
  let csv = '';
  for await (const chunk of renderCsv(source)) csv += chunk;
  return csv;
}

/** What of a document the CSV carries: orders and derived values as the parser gives them. */
function carried(doc: RegisterDocument): RegisterDocument {
  const used = <T extends { name: string }>(list: T[], names: string[]) => {
    const wanted = new Set(names.map((name) => name.toLowerCase()));
    return list.filter((item) => wanted.has(item.name.toLowerCase()));
  };
  const roles = new Map<string, Set<string>>();
  const role = (name: string, r: string) => roles.set(name, (roles.get(name) ?? new Set()).add(r));
  for (const a of doc.activities)
    for (const c of a.controllers) role(entryName(c), a.role === 'joint-controller' ? 'joint-controller' : 'controller');
  const controllers = doc.organisations.filter((o) => roles.has(o.name));
  const controllerNames = new Set(controllers.map((o) => o.name));
  for (const o of controllers) if (o.representative) role(o.representative, 'representative');
  const strip = <T extends object>(item: T, ...fields: string[]) =>
    Object.fromEntries(Object.entries(item).filter(([key, value]) => value !== undefined && !['source', ...fields].includes(key))) as T;
  // A representative is carried by its contact line only; a controller with its statements and texts.
  const beyondContact = [
    'description',
    'sourcePhrase',
    'internalNote',
    'contacts',
    'dpoRequired',
    'dpoRequiredReason',
    'publicBody',
    'framework',
    'language',
    'transferMechanism',
    'transferMechanismNote',
  ];
  const activities = doc.activities;
  return {
    organisations: used(doc.organisations, [...roles.keys()]).map((o) => ({
      ...strip(o, 'registrationNumber', 'website', 'privacyResponseDays', ...(controllerNames.has(o.name) ? [] : beyondContact)),
      roles: [...roles.get(o.name)!] as never,
    })),
    dataSubjectCategories: used(
      doc.dataSubjectCategories,
      activities.flatMap((a) => a.dataSubjectCategories),
    ).map((s) => strip(s, 'vulnerable')),
    dataCategories: used(
      doc.dataCategories,
      activities.flatMap((a) => a.dataCategories.map((d) => d.dataCategory)),
    ).map((d) => ({
      ...strip(d, 'examples', 'parent'),
      sensitivity: d.sensitivity ?? 'standard',
    })),
    collectionChannels: used(
      doc.collectionChannels,
      activities.flatMap((a) => a.collectionChannels),
    ).map((c) => (c.mechanism === 'cookie' ? strip(c, 'cookie', 'mechanism') : strip(c, 'cookie'))),
    purposes: used(
      doc.purposes,
      activities.flatMap((a) => a.purposes.map((p) => p.purpose)),
    ).map((p) => strip(p)),
    legalBases: [],
    recipients: used(
      doc.recipients,
      activities.flatMap((a) => a.recipients.map((r) => r.recipient)),
    ).map((r) => ({
      ...strip(r, 'organisation'),
      // A reference without a status: the export says signed.
      ...(r.processingAgreementRef && !r.processingAgreementStatus ? { processingAgreementStatus: 'signed' as const } : {}),
    })),
    retentionRules: used(
      doc.retentionRules,
      activities.flatMap((a) => [...a.dataCategories.map((d) => d.retentionRule ?? ''), ...(a.retentionRules ?? [])]),
    ).map((r) => ({ ...strip(r), kind: r.kind ?? (r.duration ? ('fixed-duration' as const) : ('not-stated' as const)) })),
    securityMeasures: used(
      doc.securityMeasures,
      activities.flatMap((a) => a.securityMeasures),
    ).map((m) => strip(m)),
    activities: activities.map((a) => ({
      ...strip(a, 'reviewDueAt', 'systems'),
      dpiaRequired: a.dpiaRequired ?? false,
      // A relationship not stated is not written.
      controllers: a.controllers.map((c) =>
        typeof c === 'string' || !c.relationship || c.relationship === 'not-stated' ? entryName(c) : c,
      ),
      purposes: a.purposes.map((p) => strip(p, 'rationale')),
      dataCategories: a.dataCategories.map((d) => strip(d, 'sourceChannels')),
      recipients: a.recipients.map((r) => strip(r, 'dataCategories')),
      // The destination is written when it is not the one inferred from what the transfer states.
      transfers: a.transfers.map((x) => (x.destination === 'worldwide' ? strip(x) : strip(x, 'destination'))),
    })),
    privacyPolicies: [],
    systems: [],
    dataFlows: [],
  };
}

const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
const sorted = (doc: RegisterDocument) =>
  Object.fromEntries(Object.entries(doc).map(([key, list]) => [key, byName(list as { name: string }[])]));
const where = (problems: ImportProblem[]) => problems.map((p) => [p.row, p.column]);

// ---- round trips -------------------------------------------------------------------------------

t.test('the export of a register parses back to the same register (every column)', async (t) => {
  const csv = await exportCsv(document);
  t.match(csv, /"'-internal"|'-internal/, 'the owner was formula-neutralised by the export');
  const { document: parsed, problems, rows } = parseIcoCsv(csv, known);
  t.strictSame(problems, []);
  t.equal(rows, 2 + 1 + 1 + 1, 'one row per activity × purpose, an activity without purposes one row');
  t.strictSame(parsed, document, 'same activities and building blocks, in first-appearance order');
  t.strictSame(carried(document), document, 'the fixture holds only what the CSV carries');
});

t.test('the Woktron register survives the round trip for every field the CSV carries', async (t) => {
  const csv = await exportCsv(woktronRegister);
  const woktronKnown = {
    legalBases: [...builtIn, ...woktronRegister.legalBases.map(({ code, kind, article, name }) => ({ code, kind, article, name }))],
    organisations: woktronRegister.organisations.map((o) => o.name),
  };
  const { document: parsed, problems, rows } = parseIcoCsv(csv, woktronKnown);
  t.strictSame(problems, []);
  t.equal(
    rows,
    woktronRegister.activities.reduce((n, a) => n + Math.max(1, a.purposes.length), 0),
  );
  t.strictSame(sorted(parsed), sorted(carried(woktronRegister)));
});

t.test('a spreadsheet: BOM, CRLF, semicolons, quoted cells with delimiters and line breaks, columns of its own', async (t) => {
  const header = [
    'Processing activity',
    'purpose   of PROCESSING',
    'Notes',
    'Article 6 lawful basis for processing personal data',
    'Categories of personal data',
    'Categories of recipients',
    'Link to contract with processor',
    'Data Protection Impact Assessment required?',
    'Role',
  ];
  const file =
    '\uFEFF' +
    [
      header.join(';'),
      'Payroll;Salary payment;"internal; see wiki";Art. 6(1)(b) Contract;"Bank details\r\nHealth data (special category, Art. 9)";"Payroll Co (processor, NL)\nHR department (internal)";Payroll Co: DPA-7;ja;',
      '',
      ';;;;;;;;',
      '"Payroll";"Pension ""scheme"" administration";;"gdpr-6-1-c\r\nArt. 6(1)(b)";"Bank details\r\nHealth data (special category, Art. 9)";;;ja;controller',
      'Recruitment;Hiring;"multi\nline\nnote";Art. 6(1)(b) - Contract;CV;;;nee;',
    ].join('\r\n') +
    '\r\n';
  const { document: parsed, problems, rows } = parseIcoCsv(file, known);
  t.strictSame(problems, []);
  t.equal(rows, 3, 'empty lines are not rows of data');
  t.strictSame(parsed.activities, [
    {
      name: 'Payroll',
      role: 'controller',
      status: 'active',
      dpiaRequired: true,
      controllers: [],
      purposes: [
        { purpose: 'Salary payment', legalBases: ['gdpr-6-1-b'] },
        { purpose: 'Pension "scheme" administration', legalBases: ['gdpr-6-1-c', 'gdpr-6-1-b'] },
      ],
      dataSubjectCategories: [],
      dataCategories: [{ dataCategory: 'Bank details' }, { dataCategory: 'Health data' }],
      collectionChannels: [],
      recipients: [{ recipient: 'Payroll Co' }, { recipient: 'HR department' }],
      transfers: [],
      securityMeasures: [],
    },
    {
      name: 'Recruitment',
      role: 'controller',
      status: 'active',
      dpiaRequired: false,
      controllers: [],
      purposes: [{ purpose: 'Hiring', legalBases: ['gdpr-6-1-b'] }],
      dataSubjectCategories: [],
      dataCategories: [{ dataCategory: 'CV' }],
      collectionChannels: [],
      recipients: [],
      transfers: [],
      securityMeasures: [],
    },
  ]);
  t.strictSame(parsed.recipients, [
    // A reference alone, as exports before agreement statuses wrote it: a signed agreement.
    {
      name: 'Payroll Co',
      kind: 'processor',

      country: 'NL',
      processingAgreementStatus: 'signed',
      processingAgreementRef: 'DPA-7',
    },
    { name: 'HR department', kind: 'internal' },
  ]);
  t.strictSame(parsed.dataCategories, [
    { name: 'Bank details', sensitivity: 'standard' },
    { name: 'Health data', sensitivity: 'special' },
    { name: 'CV', sensitivity: 'standard' },
  ]);
  t.strictSame(parsed.legalBases, []);
  t.strictSame(parsed.privacyPolicies, []);
});

t.test('the delimiter is the one that splits the header into the most known columns', async (t) => {
  const tab = `Purpose of processing\tCategories of individuals\tStatus\r"Newsletter, weekly"\tSubscribers\tdraft\r`;
  const parsed = parseIcoCsv(tab, known);
  t.strictSame(parsed.problems, []);
  t.match(parsed.document.activities, [
    { name: 'Newsletter, weekly', status: 'draft', purposes: [{ purpose: 'Newsletter, weekly' }], dataSubjectCategories: ['Subscribers'] },
  ]);
  const comma = parseIcoCsv('Purpose of processing,Notes;with;semicolons\nOrders,x\n', known);
  t.strictSame(comma.problems, []);
  t.match(comma.document.activities, [{ name: 'Orders' }]);
});

// ---- problems ----------------------------------------------------------------------------------

t.test('every bad row is named, with its row number and column; the good rows are read', async (t) => {
  const columns = [
    H('Processing activity'),
    H('Purpose of processing'),
    H('Business function'),
    H('Article 6'),
    H('Article 9'),
    H('Categories of recipients'),
    H('Role'),
    H('Retention'),
    H('Categories of personal data'),
    H('Names of third countries'),
    H('Status'),
  ];
  const line = (...cells: string[]) => cells.map(csvField).join(',');
  const file = [
    columns.map(csvField).join(','),
    /* 2 */ line(
      'Orders',
      'Order handling',
      'Sales',
      'Art. 6(1)(b) Contract',
      '',
      'Courier (processor, NL)',
      '',
      'Contact: Standard (P1Y, from delivery, then erase)',
      'Contact',
      '',
      '',
    ),
    /* 3 */ line(
      'Orders',
      'Invoicing',
      'Sales',
      'Art. 6(1)(z) Wishful thinking',
      '',
      'Courier (processor, NL)',
      '',
      'Contact: Standard (P1Y, from delivery, then erase)',
      'Contact',
      '',
      '',
    ),
    /* 4 */ line('Shipping', 'Shipping', 'Logistics', 'gdpr-6-1-b', '', 'Carrier (processor, XX)', '', '', '', '', ''),
    /* 5 */ line('Audits', 'Audits', 'Legal', 'gdpr-6-1-c', '', '', 'overseer', '', '', '', 'archived'),
    /* 6 */ line('Logs', 'Logging', 'IT', 'gdpr-6-1-f', '', '', '', 'Logs: Short (one year, from collection, then erase)', 'Logs', '', ''),
    /* 7 */ line(
      'Health checks',
      'Health checks',
      'HR',
      'Art. 9(2)(b) Employment and social security law',
      'Art. 6(1)(c)',
      '',
      '',
      '',
      'Health (special category, Art. 9)',
      '',
      '',
    ),
    /* 8 */ line(
      'Orders',
      'Returns',
      'Customer service',
      'gdpr-6-1-b',
      '',
      'Courier (processor, NL)',
      '',
      'Contact: Standard (P1Y, from delivery, then erase)',
      'Contact',
      '',
      '',
    ),
    /* 9 */ line('Support', 'Support', 'Support', 'gdpr-6-1-b', '', 'Courier (internal)', '', '', '', 'us (Courier)', ''),
    /* 10 */ line('', '', 'Nobody', '', '', '', '', '', '', '', ''),
  ].join('\r\n');
  const { document: parsed, problems, rows } = parseIcoCsv(file, known);
  t.equal(rows, 9);
  t.strictSame(where(problems), [
    [3, H('Article 6')],
    [4, H('Categories of recipients')],
    [5, H('Role')],
    [5, H('Status')],
    [6, H('Retention')],
    [7, H('Article 6')],
    [7, H('Article 9')],
    [8, H('Business function')],
    [9, H('Categories of recipients')],
    [9, H('Names of third countries')],
    [10, H('Processing activity')],
  ]);
  t.match(problems, [
    { value: 'Art. 6(1)(z) Wishful thinking', message: /Unknown legal basis/ },
    { value: 'XX', message: /ISO 3166-1 alpha-2/ },
    { value: 'overseer', message: /controller, processor, joint-controller/ },
    { value: 'archived', message: /draft, active, retired/ },
    { value: 'one year', message: /ISO 8601 duration/ },
    {
      value: 'Art. 9(2)(b) Employment and social security law',
      message: /special-category condition; this column takes an Art\. 6 lawful basis/,
    },
    { value: 'Art. 6(1)(c)', message: /lawful basis; this column takes an Art\. 9/ },
    { value: 'Customer service', message: /Differs from row 2/ },
    {
      value: 'Courier (internal)',
      message: /recipient "Courier" is described differently in row 2: kind "processor" there, "internal" here/,
    },
    { value: 'us', message: /in capitals/ },
    { value: null, message: /no activity name/ },
  ]);
  for (const p of problems) t.equal(p.path, null);
  t.strictSame(
    parsed.activities.map((a) => [a.name, a.purposes.map((p) => p.purpose)]),
    [
      ['Orders', ['Order handling', 'Invoicing', 'Returns']],
      ['Shipping', ['Shipping']],
      ['Audits', ['Audits']],
      ['Logs', ['Logging']],
      ['Health checks', ['Health checks']],
      ['Support', ['Support']],
    ],
  );
  t.strictSame(parsed.activities[0]!.purposes[1]!.legalBases, [], 'the unknown basis is left out');
  t.equal(parsed.retentionRules.length, 1, 'the bad rule is left out');
});

t.test('more mistakes: contacts, transfers, retention, measures, sources and purposes', async (t) => {
  const columns = [
    H('Processing activity'),
    H('Purpose of processing'),
    H('contact details of controller'),
    H('data protection officer'),
    H('Categories of personal data'),
    H('Retention'),
    H('Safeguards'),
    H('security measures'),
    H('Source of personal data'),
    H('Impact Assessment required'),
    H('Legitimate interests for'),
  ];
  const line = (...cells: string[]) => cells.map(csvField).join(',');
  const file = [
    columns.map(csvField).join(','),
    /* 2 */ line(
      'A',
      'P1',
      'Acme, Main St 1, NL, jane@@acme, privacy requests: privacy@acme.example',
      'Other Org: Jane, jane@acme.example',
      'Contact',
      'Salary: Std (P1Y, from hire, then erase)',
      'US (Nobody): Art. 6(1)(a) Consent',
      'Firewall (digital)',
      'Web form (typed)',
      'maybe',
      '',
    ),
    /* 3 */ line('A', 'P1', '', '', '', '', '', '', '', '', ''),
    /* 4 */ line('B', '', '', '', 'Contact (special category, Art. 9)', '', '', 'Firewall', 'Web form', '', 'We like it'),
    /* 5 */ line('C', 'x'.repeat(301), '', '', '', '', '', '', '', '', ''),
  ].join('\n');
  const { problems } = parseIcoCsv(file, known);
  t.strictSame(where(problems), [
    [2, H('contact details of controller')],
    [2, H('data protection officer')],
    [2, H('Retention')],
    [2, H('Safeguards')],
    [2, H('Safeguards')],
    [2, H('security measures')],
    [2, H('Source of personal data')],
    [2, H('Impact Assessment required')],
    [3, H('Purpose of processing')],
    [4, H('Categories of personal data')],
    [4, H('security measures')],
    [4, H('Source of personal data')],
    [4, H('Legitimate interests for')],
    [5, H('Purpose of processing')],
  ]);
  t.match(problems, [
    { message: /not a valid email/ },
    { message: /"Other Org" is not a controller of this activity/ },
    { message: /"Salary" is not among this activity's categories of personal data/ },
    { message: /is an Art\. 6 lawful basis; this column takes an Art\. 45–49 transfer mechanism/ },
    { message: /"Nobody" is not described under .* in any row/ },
    { message: /technical, organisational/ },
    { message: /data-subject, third-party, observed, derived/ },
    { value: 'maybe', message: /Yes or No/ },
    { message: /already listed for the activity "A" in row 2/ },
    { message: /described differently in row 2: sensitivity "standard" there, "special" here/ },
    { message: /technical\)", "Name \(organisational/ },
    { message: /Write each source as/ },
    { message: /Given for no purpose/ },
    { message: /longer than 300/, value: /^x{199}…$/ },
  ]);
});

t.test('empty file, header only, no known columns', async (t) => {
  t.match(parseIcoCsv('', known), { rows: 0, problems: [{ row: 1, column: null, message: /empty/ }] });
  t.match(parseIcoCsv('\uFEFF\r\n\r\n', known), { rows: 0, problems: [{ row: 1, message: /empty/ }] });
  const headerOnly = parseIcoCsv(`\uFEFF${headers.map(csvField).join(',')}\r\n`, known);
  t.strictSame(headerOnly.problems, []);
  t.equal(headerOnly.rows, 0);
  t.strictSame(headerOnly.document.activities, []);
  const unknown = parseIcoCsv('Name,Owner,Notes\nOrders,Sales,x\nBilling,Finance,y\n', known);
  t.equal(unknown.problems.length, 1, 'one problem for the whole header');
  t.match(unknown.problems[0], { row: 1, column: null, path: null, message: /none of the register export's columns/ });
  t.equal(unknown.rows, 2);
  t.strictSame(unknown.document.activities, []);
});

t.test('row numbers count records, not lines; an unclosed quote is a problem', async (t) => {
  const file = 'Purpose of processing,Status\r"Multi\r\nline\nname",active\r\n"Second",bogus\n"Third,active\nFourth,active\n';
  const { problems, rows, document: parsed } = parseIcoCsv(file, known);
  t.equal(rows, 3);
  t.strictSame(where(problems), [
    [3, 'Status'],
    [4, null],
  ]);
  t.match(problems[1]!.message, /quote/);
  t.equal(parsed.activities[0]!.name, 'Multi\r\nline\nname');
});

t.test('a Yes/No cell reading an object member name is neither Yes nor No', async (t) => {
  const H = (fragment: string) => csvColumns.map(([header]) => header).find((header) => header.includes(fragment))!;
  const columns = [H('Processing activity'), H('Impact Assessment required')];
  for (const cell of ['constructor', '__proto__', 'toString']) {
    const file = [columns.map(csvField).join(','), [`Activity ${cell}`, cell].map(csvField).join(',')].join('\n');
    const { problems, document } = parseIcoCsv(file, known);
    t.match(problems, [{ row: 2, value: cell, message: /Yes or No/ }], `"${cell}" is a problem`);
    t.notOk(
      document.activities.some((a) => typeof a.dpiaRequired !== 'undefined' && typeof a.dpiaRequired !== 'boolean'),
      'no stray value',
    );
  }
});

t.test('mistakes in the columns beyond the ICO template are named by row and column too', async (t) => {
  const cells: [string, string][] = [
    ['Processing activity', 'A'],
    ['Name and contact details of controller', 'Acme'],
    ['Categories of personal data', 'Contact'],
    ['Categories of recipients', 'Host (processor)'],
    ['Retention schedule (if possible)', 'Contact: Std (kind: forever; if: always)'],
    ['Retention for the whole activity', 'Whole (kind: permanent; then: burn)'],
    ['Link to contract with processor', 'Host: status: sent; date: 2024-02-30'],
    ['Names of third countries or international organisations', 'Mars (Host)'],
    ['Date adopted', '2024-13-01'],
    ['Stated as absent', 'nothing'],
    ['Relationship between the controllers', 'Acme: married\nNobody: joint'],
    ['Automated decision-making', 'perhaps'],
    ['Controller details', 'Acme: framework: ccpa; DPO required: maybe'],
    ['Controller contacts', 'Acme: role: janitor\nAcme: name: Jane'],
    ['Legal bases for the whole activity', 'gdpr-46-2-c'],
    ['Internal notes', 'a note for nobody\npurpose "Ghost": note'],
  ];
  const file = [cells.map(([header]) => csvField(H(header))).join(','), cells.map(([, value]) => csvField(value)).join(',')].join('\n');
  const { problems, document: parsed } = parseIcoCsv(file, known);
  const expected: [string, RegExp][] = [
    ['Retention schedule (if possible)', /kind of retention must be one of: fixed-duration, statutory, until-event, permanent/],
    ['Retention schedule (if possible)', /Write a condition as "if: when tax law applies → P10Y, then erase"/],
    ['Retention for the whole activity', /action at the end of the retention must be one of/],
    [
      'Link to contract with processor',
      /status of the processing agreement must be one of: signed, in-negotiation, not-needed, not-stated/,
    ],
    ['Link to contract with processor', /date of the processing agreement must be a date/],
    ['Names of third countries or international organisations', /"worldwide", "not-stated" or "international organisation: Name"/],
    ['Date adopted', /must be a date, YYYY-MM-DD/],
    ['Stated as absent', /stated absence must be one of: special-categories, criminal-data, transfers, external-recipients/],
    ['Relationship between the controllers', /relationship of "Acme" must be one of: joint, separate, not-stated/],
    ['Relationship between the controllers', /"Nobody" is not a controller of this activity/],
    ['Automated decision-making', /Yes or No/],
    ['Controller details', /framework of "Acme" must be one of: gdpr, uk-gdpr, eudpr/],
    ['Controller details', /Write Yes or No for whether a DPO is required/],
    ['Controller contacts', /role of the contact must be one of: dpo, privacy-desk/],
    ['Controller contacts', /Write each contact as "Controller: role: dpo;/],
    [
      'Legal bases for the whole activity',
      /transfer mechanism; this column takes an Art\. 6 lawful basis or an Art\. 9 or Art\. 10 condition/,
    ],
    ['Internal notes', /Begin each internal note with what it is for/],
    ['Internal notes', /No purpose "Ghost" named in the other columns/],
  ];
  for (const [header, message] of expected)
    t.ok(
      problems.some((p) => p.row === 2 && p.column === H(header) && message.test(p.message)),
      `row 2, ${header}: ${message}`,
    );
  t.equal(
    problems.length,
    expected.length,
    JSON.stringify(
      problems.map((p) => [p.column, p.message]),
      null,
      1,
    ),
  );
  t.same(parsed.retentionRules, [], 'a refused rule is left out');
  t.equal(parsed.activities[0]!.automatedDecisions, undefined, 'an unreadable answer states nothing');
});
