import { randomUUID } from 'node:crypto';
import type { ExportActivity, ExportLegalBasis, ExportLegalBasisRef, ExportOrganisation, ExportRetention } from './dto';
import type { RegisterSource } from './reader';

/**
 * The register as JSON-LD with W3C Data Privacy Vocabulary (DPV) terms. The @context is inline:
 * the document needs no network to be expanded, and the service never fetches one.
 *
 * Each processing activity is a dpv:PersonalDataHandling with its purposes, legal bases (their
 * DPV IRIs, e.g. eu-gdpr:A6-1-b), personal data, data subjects, recipients, controllers,
 * technical and organisational measures and storage conditions. Links that hold only within
 * one activity (a purpose with its legal bases, a data category with its retention and sources,
 * a recipient with the data it receives, a transfer with its mechanism and safeguard) are nested
 * dpv:PersonalDataHandling nodes (dpv:hasPersonalDataHandling), so they do not leak onto the
 * shared entries. Entries are identified by urn:uuid:<id>. Terms DPV has no word for use the
 * reg: prefix (urn:processing-register:terms:).
 */

export const jsonLdContext = {
  dpv: 'https://w3id.org/dpv#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  loc: 'https://w3id.org/dpv/loc#',
  dct: 'http://purl.org/dc/terms/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  reg: 'urn:processing-register:terms:',
  'dct:created': { '@type': 'xsd:dateTime' },
  'dct:modified': { '@type': 'xsd:dateTime' },
  'reg:reviewDueAt': { '@type': 'xsd:date' },
  'reg:asOf': { '@type': 'xsd:dateTime' },
} as const;

type Node = Record<string, unknown>;

const urn = (id: string) => `urn:uuid:${id}`;
const ref = (id: string) => ({ '@id': urn(id) });
const country = (code: string) => ({ '@id': `loc:${code}` });

/** Drops null, undefined and empty-list values: JSON-LD has no "not recorded", only absence. */
function compact(node: Node): Node {
  return Object.fromEntries(
    Object.entries(node).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}

const organisationTypes: Record<string, string> = {
  controller: 'dpv:DataController',
  'joint-controller': 'dpv:DataController',
  processor: 'dpv:DataProcessor',
  representative: 'dpv:Representative',
};

function organisationNode(organisation: ExportOrganisation): Node {
  return compact({
    '@id': urn(organisation.id),
    '@type': ['dpv:Organisation', ...new Set(organisation.roles.map((role) => organisationTypes[role]).filter(Boolean))],
    'dpv:hasName': organisation.name,
    'dct:description': organisation.description,
    'dct:identifier': organisation.registrationNumber,
    'dpv:hasAddress': organisation.address,
    'dpv:hasCountry': organisation.country ? country(organisation.country) : null,
    'vcard:hasEmail': organisation.email,
    'vcard:hasTelephone': organisation.phone,
    'vcard:hasURL': organisation.website ? { '@id': organisation.website } : null,
    'reg:privacyContactEmail': organisation.privacyContactEmail,
    'dpv:hasDataProtectionOfficer': organisation.dpo
      ? compact({
          '@type': 'dpv:DataProtectionOfficer',
          'dpv:hasName': organisation.dpo.name,
          'vcard:hasEmail': organisation.dpo.email,
          'vcard:hasTelephone': organisation.dpo.phone,
        })
      : null,
    'dpv:hasRepresentative': organisation.representative ? ref(organisation.representative.id) : null,
  });
}

const basisId = (basis: { id: string; dpvIri: string | null }) => ({ '@id': basis.dpvIri ?? urn(basis.id) });

function legalBasisNode(basis: ExportLegalBasis): Node {
  return compact({
    ...basisId(basis),
    '@type': basis.kind === 'transfer-mechanism' ? ['dpv:LegalBasis', 'dpv:DataTransferLegalBasis'] : 'dpv:LegalBasis',
    'rdfs:label': basis.name,
    'skos:notation': basis.code,
    'dct:source': basis.article,
    'dct:description': basis.description,
    'dct:coverage': basis.jurisdiction,
    'reg:kind': basis.kind,
  });
}

const statuses: Record<string, string> = {
  draft: 'dpv:ActivityProposed',
  active: 'dpv:ActivityOngoing',
  retired: 'dpv:ActivityHalted',
};

const sensitivityTypes: Record<string, string[]> = {
  standard: ['dpv:PersonalData'],
  special: ['dpv:PersonalData', 'dpv:SensitivePersonalData', 'dpv:SpecialCategoryPersonalData'],
  criminal: ['dpv:PersonalData', 'dpv:SensitivePersonalData'],
};

const recipientTypes: Record<string, string[]> = {
  processor: ['dpv:Recipient', 'dpv:DataProcessor'],
  'independent-controller': ['dpv:Recipient', 'dpv:DataController', 'dpv:ThirdParty'],
  'joint-controller': ['dpv:Recipient', 'dpv:DataController'],
  'public-authority': ['dpv:Recipient', 'dpv:Authority'],
  internal: ['dpv:Recipient'],
};

function storageNode(rule: ExportRetention): Node {
  return compact({
    '@id': urn(rule.id),
    '@type': 'dpv:StorageDuration',
    'rdfs:label': rule.name,
    'dct:description': rule.description,
    'dpv:hasDuration': { '@type': 'dpv:Duration', 'rdf:value': rule.duration },
    'reg:maximumDuration': rule.maximumDuration,
    'reg:startEvent': rule.startEvent,
    'reg:endAction': rule.endAction,
    'dct:source': rule.legalReference,
  });
}

function activityNode(activity: ExportActivity, registerId: string, side: 'controller' | 'processor', source: RegisterSource): Node {
  const bases = new Map<string, ExportLegalBasisRef>();
  for (const purpose of activity.purposes) for (const basis of purpose.legalBases) bases.set(basis.id, basis);
  const retentionRules = new Map(activity.dataCategories.flatMap((d) => (d.retention ? [[d.retention.id, d.retention] as const] : [])));
  const nested: Node[] = [
    ...activity.purposes.map((purpose) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasPurpose': ref(purpose.id),
        'dpv:hasLegalBasis': purpose.legalBases.map(basisId),
        'reg:legitimateInterest': purpose.legitimateInterest,
        'reg:assessmentReference': purpose.assessmentReference,
      }),
    ),
    ...activity.dataCategories.map((category) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasPersonalData': ref(category.id),
        'dpv:hasStorageCondition': category.retention ? ref(category.retention.id) : null,
        'dpv:hasDataSource': category.sources.map((channel) => ref(channel.id)),
      }),
    ),
    ...activity.recipients.map((recipient) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasRecipient': ref(recipient.id),
        'dpv:hasPersonalData': recipient.dataCategories.map((category) => ref(category.id)),
      }),
    ),
    ...activity.transfers.map((transfer) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasProcessing': { '@id': 'dpv:Transfer' },
        'dpv:hasRecipient': ref(transfer.recipient.id),
        'dpv:hasThirdCountry': transfer.country ? country(transfer.country) : null,
        'dpv:hasLegalBasis': transfer.mechanism ? basisId(transfer.mechanism) : null,
        'dpv:hasTechnicalOrganisationalMeasure': transfer.safeguard
          ? { '@type': 'dpv:SafeguardForDataTransfer', 'dct:description': transfer.safeguard }
          : null,
        'reg:tiaReference': transfer.tiaReference,
      }),
    ),
  ];
  return compact({
    '@id': urn(activity.id),
    '@type': 'dpv:PersonalDataHandling',
    'dct:isPartOf': { '@id': registerId },
    'rdfs:label': activity.name,
    'dct:description': activity.description,
    'reg:role': activity.role,
    'reg:register': side === 'controller' ? 'GDPR Art. 30(1)' : 'GDPR Art. 30(2)',
    'dpv:hasActivityStatus': { '@id': statuses[activity.status] ?? 'dpv:ActivityStatus' },
    'reg:owner': activity.owner,
    'reg:reviewDueAt': activity.reviewDueAt,
    'dct:created': activity.createdAt,
    'dct:modified': activity.updatedAt,
    'dpv:hasDataController': activity.controllers.map((controller) => ref(controller.id)),
    'dpv:hasDataProcessor': side === 'processor' ? source.processors.map((processor) => ref(processor.id)) : null,
    'dpv:hasPurpose': activity.purposes.map((purpose) =>
      compact({ '@id': urn(purpose.id), '@type': 'dpv:Purpose', 'rdfs:label': purpose.name, 'dct:description': purpose.description }),
    ),
    'dpv:hasLegalBasis': [...bases.values()].map(basisId),
    'dpv:hasDataSubject': activity.dataSubjectCategories.map((subject) =>
      compact({
        '@id': urn(subject.id),
        '@type': subject.vulnerable ? ['dpv:DataSubject', 'dpv:VulnerableDataSubject'] : 'dpv:DataSubject',
        'rdfs:label': subject.name,
        'dct:description': subject.description,
      }),
    ),
    'dpv:hasPersonalData': activity.dataCategories.map((category) =>
      compact({
        '@id': urn(category.id),
        '@type': sensitivityTypes[category.sensitivity] ?? ['dpv:PersonalData'],
        'rdfs:label': category.name,
        'dct:description': category.description,
      }),
    ),
    'dpv:hasDataSource': activity.collectionChannels.map((channel) =>
      compact({
        '@id': urn(channel.id),
        '@type': 'dpv:DataSource',
        'rdfs:label': channel.name,
        'dct:description': channel.description,
        'reg:sourceType': channel.sourceType,
        'reg:mechanism': channel.mechanism,
      }),
    ),
    'dpv:hasRecipient': activity.recipients.map((recipient) =>
      compact({
        '@id': urn(recipient.id),
        '@type': recipientTypes[recipient.kind] ?? ['dpv:Recipient'],
        'rdfs:label': recipient.name,
        'dct:description': recipient.description,
        'dpv:hasCountry': recipient.country ? country(recipient.country) : null,
        'reg:category': recipient.category,
        'reg:processingAgreement': recipient.processingAgreementRef,
        'dpv:hasEntity': recipient.organisation ? ref(recipient.organisation.id) : null,
      }),
    ),
    'dpv:hasTechnicalOrganisationalMeasure': activity.securityMeasures.map((measure) =>
      compact({
        '@id': urn(measure.id),
        '@type': measure.type === 'technical' ? 'dpv:TechnicalMeasure' : 'dpv:OrganisationalMeasure',
        'rdfs:label': measure.name,
        'dct:description': measure.description,
        'dct:conformsTo': measure.standardReference,
      }),
    ),
    'dpv:hasStorageCondition': [...retentionRules.values()].map(storageNode),
    'dpv:hasImpactAssessment':
      activity.dpiaRequired || activity.dpiaReference
        ? compact({ '@type': 'dpv:DPIA', 'dct:identifier': activity.dpiaReference, 'reg:required': activity.dpiaRequired })
        : null,
    'dpv:hasRight': activity.rights
      .filter((right) => right.applies)
      .map((right) => ({ '@id': source.rightIris.get(right.code) ?? `reg:right-${right.code}` })),
    'dpv:hasPersonalDataHandling': nested,
  });
}

/** The register as one JSON-LD document: `{"@context": …, "@graph": [register, organisations, legal bases, activities…]}`. */
export async function* renderJsonLd(source: RegisterSource): AsyncGenerator<string> {
  const registerId = `urn:uuid:${randomUUID()}`;
  const register = compact({
    '@id': registerId,
    '@type': 'dpv:RecordsOfActivities',
    'rdfs:label': 'Record of processing activities (GDPR Art. 30)',
    'dct:conformsTo': { '@id': 'eu-gdpr:A30' },
    'dct:created': source.generatedAt,
    'reg:filterStatus': source.filters.status,
    'reg:filterOwner': source.filters.owner,
    'reg:filterRole': source.filters.role,
    'reg:asOf': source.filters.asOf,
  });
  const head = [register, ...source.organisations.map(organisationNode), ...source.legalBases.map(legalBasisNode)];
  yield `{"@context":${JSON.stringify(jsonLdContext)},\n"@graph":[\n${head.map((node) => JSON.stringify(node)).join(',\n')}`;
  // One piece per activity: small strings are young-generation garbage, a page-sized one is not.
  for await (const page of source.controllerPages()) {
    for (const activity of page) yield `,\n${JSON.stringify(activityNode(activity, registerId, 'controller', source))}`;
  }
  for await (const page of source.processorPages()) {
    // An activity acting for two controllers is one node (its controllers are all listed on it).
    for (const { activity, first } of page)
      if (first) yield `,\n${JSON.stringify(activityNode(activity, registerId, 'processor', source))}`;
  }
  const totals = source.totals;
  const closing = {
    '@id': registerId,
    'reg:activityCount': totals.activities,
    'reg:controllerActivityCount': totals.controllerActivities,
    'reg:processorActivityCount': totals.processorActivities,
  };
  yield `,\n${JSON.stringify(closing)}\n]}\n`;
}
