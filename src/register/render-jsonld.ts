import { randomUUID } from 'node:crypto';
import type {
  ExportActivity,
  ExportDataFlow,
  ExportLegalBasis,
  ExportLegalBasisLink,
  ExportLegalBasisRef,
  ExportOrganisation,
  ExportRecipient,
  ExportRetention,
  ExportSecurityMeasure,
  ExportSystemEntry,
  ExportTransferRecipient,
} from './dto';
import { recordsProvision, sharedFramework } from '../gdpr/frameworks';
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
 * reg: prefix (urn:processing-register:terms:). The register's systems are reg:System nodes typed
 * with DPV's technology concepts (tech:) where their kind has one; an activity names those it uses
 * (dpv:isImplementedUsingTechnology); recorded data flows are dpv:Transfer handlings between two entries.
 *
 * What the register records as not stated is left out: JSON-LD has no "not stated", and no DPV
 * value is ever written for it (no dpv:hasDuration for a retention of unstated length, no
 * dpv:hasContext for automated decisions nobody assessed). A stated absence ("no transfers
 * outside the EEA") is a reg:statedAbsence, a statement of its own. Internal notes appear only
 * in the auditor's export (internalNotes=true), as reg:internalNote, and the register node then
 * says reg:containsInternalNotes true.
 */

export const jsonLdContext = {
  dpv: 'https://w3id.org/dpv#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  'legal-eu': 'https://w3id.org/dpv/legal/eu#',
  'legal-gb': 'https://w3id.org/dpv/legal/gb#',
  eli: 'http://data.europa.eu/eli/',
  loc: 'https://w3id.org/dpv/loc#',
  tech: 'https://w3id.org/dpv/tech#',
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
  'dct:dateAccepted': { '@type': 'xsd:date' },
  'dct:date': { '@type': 'xsd:date' },
  'reg:lastReviewedOn': { '@type': 'xsd:date' },
} as const;

type Node = Record<string, unknown>;

const urn = (id: string) => `urn:uuid:${id}`;
const ref = (id: string) => ({ '@id': urn(id) });
const country = (code: string) => ({ '@id': `loc:${code}` });

/** A value the register records, or null for not stated (which JSON-LD leaves out). */
const stated = (value: string | null | undefined) => (value === null || value === undefined || value === 'not-stated' ? null : value);

/** Yes/no as a boolean, not stated as null. */
const yesNo = (value: string) => (value === 'yes' ? true : value === 'no' ? false : null);

/** The source's own words, and the internal note (null unless the export carries notes). */
const sourcing = (entry: { sourcePhrase: string | null; internalNote: string | null }) => ({
  'reg:sourcePhrase': entry.sourcePhrase,
  'reg:internalNote': entry.internalNote,
});

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

/** The law a register is kept under: DPV's GDPR and UK GDPR; Regulation (EU) 2018/1725, which DPV does not name, by its ELI. */
const frameworkLaws: Record<string, string> = {
  gdpr: 'legal-eu:law-GDPR',
  'uk-gdpr': 'legal-gb:law-GDPR',
  eudpr: 'eli:reg/2018/1725/oj',
};

function organisationNode(organisation: ExportOrganisation): Node {
  const law = frameworkLaws[organisation.framework];
  return compact({
    '@id': urn(organisation.id),
    '@type': [
      'dpv:Organisation',
      ...new Set(organisation.roles.map((role) => organisationTypes[role]).filter(Boolean)),
      ...(organisation.publicBody ? ['dpv:PublicSectorBody'] : []),
    ],
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
          'vcard:title': organisation.dpo.title,
          'dpv:hasAddress': organisation.dpo.address,
        })
      : null,
    'dpv:hasContact': organisation.contacts.map((contact) =>
      compact({
        '@type': contact.role === 'dpo' ? ['vcard:Kind', 'dpv:DataProtectionOfficer'] : 'vcard:Kind',
        'vcard:role': contact.role,
        'dpv:hasName': contact.name,
        'vcard:title': contact.title,
        'vcard:hasEmail': contact.email,
        'vcard:hasTelephone': contact.phone,
        'dpv:hasAddress': contact.address,
      }),
    ),
    'reg:dpoRequired': yesNo(organisation.dpoRequired),
    'reg:dpoRequiredReason': organisation.dpoRequiredReason,
    'reg:publicBody': organisation.publicBody,
    'dpv:hasApplicableLaw': law ? { '@id': law, '@type': 'dpv:Law' } : null,
    'dct:language': organisation.language,
    'reg:transferMechanism': organisation.transferMechanism ? basisId(organisation.transferMechanism) : null,
    'reg:transferMechanismNote': organisation.transferMechanismNote,
    'dpv:hasRepresentative': organisation.representative ? ref(organisation.representative.id) : null,
    ...sourcing(organisation),
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

/** DPV's kinds of duration, by the register's kind of retention (a statutory period has no DPV kind of its own). */
const durationTypes: Record<string, string> = {
  'fixed-duration': 'dpv:TemporalDuration',
  statutory: 'dpv:TemporalDuration',
  'until-event': 'dpv:UntilEventDuration',
  permanent: 'dpv:EndlessDuration',
  'as-long-as-necessary': 'dpv:IndeterminateDuration',
};

/** What happens at the end of a retention: DPV's processing where it has one, else the register's own term. */
const endActions: Record<string, string> = {
  erase: 'dpv:Erase',
  anonymise: 'dpv:Anonymise',
  restrict: 'dpv:Restrict',
  transfer: 'dpv:Transfer',
  archive: 'reg:archive',
  review: 'reg:review',
};
const endActionNode = (action: string | null) => {
  const iri = endActions[stated(action) ?? ''];
  return iri ? { '@id': iri } : null;
};

/** The durations a rule states: until its event (the event is the value, as DPV has it), and its period. */
function durations(rule: ExportRetention): Node[] {
  const kind = durationTypes[rule.kind];
  if (!kind) return [];
  const found: Node[] = [];
  if (rule.kind === 'until-event' && rule.startEvent) found.push({ '@type': kind, 'rdf:value': rule.startEvent });
  if (rule.duration) found.push({ '@type': rule.kind === 'until-event' ? 'dpv:TemporalDuration' : kind, 'rdf:value': rule.duration });
  // Permanent and "as long as necessary" need no value to be stated.
  if (rule.kind === 'permanent' || rule.kind === 'as-long-as-necessary') if (found.length === 0) found.push({ '@type': kind });
  return found;
}

function storageNode(rule: ExportRetention): Node {
  return compact({
    '@id': urn(rule.id),
    '@type': stated(rule.endAction) === 'erase' ? ['dpv:StorageDuration', 'dpv:StorageDeletion'] : 'dpv:StorageDuration',
    'rdfs:label': rule.name,
    'dct:description': rule.description,
    'reg:retentionKind': stated(rule.kind),
    'dpv:hasDuration': durations(rule),
    'reg:maximumDuration': rule.maximumDuration,
    'reg:startEvent': rule.startEvent,
    'reg:endAction': endActionNode(rule.endAction),
    'dct:source': rule.legalReference,
    'reg:retentionCondition': rule.conditions.map((condition) =>
      compact({
        '@type': 'dpv:StorageDuration',
        'reg:appliesWhen': condition.condition,
        'dpv:hasDuration': condition.duration ? { '@type': 'dpv:TemporalDuration', 'rdf:value': condition.duration } : null,
        'reg:endAction': endActionNode(condition.endAction),
      }),
    ),
    ...sourcing(rule),
  });
}

/** DPV's status of a contract, by the register's status of a processing agreement. */
const agreementStatuses: Record<string, string> = {
  signed: 'dpv:ContractFullySigned',
  'in-negotiation': 'dpv:ContractUnderNegotiation',
};

/** The Art. 28 agreement with a recipient, as far as the register states it; "not needed" is the register's own statement. */
function agreementNode(recipient: ExportRecipient): Node | null {
  const status = agreementStatuses[recipient.processingAgreementStatus];
  if (!status && !recipient.processingAgreementRef && !recipient.processingAgreementDate) return null;
  return compact({
    '@type': ['dpv:DataProcessingAgreement', 'dpv:ControllerProcessorAgreement'],
    'dpv:hasContractStatus': status ? { '@id': status } : null,
    'dct:date': recipient.processingAgreementDate,
    'dct:identifier': recipient.processingAgreementRef,
  });
}

const absenceIris: Record<string, string> = {
  'special-categories': 'reg:no-special-categories',
  'criminal-data': 'reg:no-criminal-data',
  transfers: 'reg:no-transfers-outside-eea',
  'external-recipients': 'reg:no-external-recipients',
};

const measureTypes: Record<string, string> = {
  technical: 'dpv:TechnicalMeasure',
  organisational: 'dpv:OrganisationalMeasure',
  physical: 'dpv:PhysicalMeasure',
};

const measureNode = (measure: ExportSecurityMeasure) =>
  compact({
    '@id': urn(measure.id),
    // A measure of unstated type is only known to be a technical or organisational measure.
    '@type': measureTypes[measure.type] ?? 'dpv:TechnicalOrganisationalMeasure',
    'rdfs:label': measure.name,
    'dct:description': measure.description,
    'dct:conformsTo': measure.standardReference,
    ...sourcing(measure),
  });

/** DPV's technology concepts (tech:) for a system's kind; a paper archive, or a kind not stated, has none. */
const systemKindTypes: Record<string, string> = {
  application: 'tech:Application',
  database: 'tech:Database',
  saas: 'tech:CloudService',
  'file-share': 'tech:DataStorage',
  device: 'tech:Device',
};

/**
 * A system where personal data lives: a reg:System, and the tech: concept of its kind where DPV
 * has one; its provider (tech:hasProvider), owner (tech:hasOwner, the unit named), hosting
 * countries (dpv:hasCountry) and security measures. Unstated hosting is no country.
 */
function systemNode(system: ExportSystemEntry): Node {
  const kind = systemKindTypes[system.kind];
  return compact({
    '@id': urn(system.id),
    '@type': kind ? ['reg:System', kind] : 'reg:System',
    'rdfs:label': system.name,
    'dct:description': system.description,
    'reg:systemKind': stated(system.kind),
    'tech:hasOwner': system.owner ? { '@type': 'dpv:OrganisationalUnit', 'dpv:hasName': system.owner } : null,
    'tech:hasProvider': system.provider ? ref(system.provider.id) : null,
    'dpv:hasCountry': system.hostingCountries.filter((code) => code !== 'not-stated').map(country),
    'dpv:hasTechnicalOrganisationalMeasure': system.securityMeasures.map(measureNode),
    ...sourcing(system),
  });
}

/**
 * A recorded data flow: a dpv:PersonalDataHandling whose processing is dpv:Transfer, from one
 * entry to another (DPV has no terms for a flow's ends: reg:from, reg:to), with the data it
 * carries and, when it crosses a border, its third country, mechanism and safeguard.
 */
function dataFlowNode(flow: ExportDataFlow, registerId: string): Node {
  return compact({
    '@id': urn(flow.id),
    '@type': ['dpv:PersonalDataHandling', 'reg:DataFlow'],
    'dct:isPartOf': { '@id': registerId },
    'rdfs:label': flow.name,
    'dct:description': flow.description,
    'dpv:hasProcessing': { '@id': 'dpv:Transfer' },
    'reg:from': ref(flow.from.id),
    'reg:fromKind': flow.from.kind,
    'reg:to': ref(flow.to.id),
    'reg:toKind': flow.to.kind,
    'dpv:hasPersonalData': flow.dataCategories.map((category) => ref(category.id)),
    'dpv:hasThirdCountry': flow.transferCountry ? country(flow.transferCountry) : null,
    'dpv:hasLegalBasis': flow.transferMechanism ? basisId(flow.transferMechanism) : null,
    'dpv:hasTechnicalOrganisationalMeasure': flow.transferSafeguard
      ? { '@type': 'dpv:SafeguardForDataTransfer', 'dct:description': flow.transferSafeguard }
      : null,
    ...sourcing(flow),
  });
}

/** Legal bases with the register's note on each (the national law and article, a clarification). */
const basisNotes = (bases: ExportLegalBasisLink[]) =>
  bases.filter((basis) => basis.note).map((basis) => ({ 'reg:legalBasis': basisId(basis), 'rdf:value': basis.note }));

const transferParty = (recipient: ExportTransferRecipient) => ref(recipient.id);

function activityNode(activity: ExportActivity, registerId: string, side: 'controller' | 'processor', source: RegisterSource): Node {
  const bases = new Map<string, ExportLegalBasisRef>();
  for (const basis of activity.legalBases) bases.set(basis.id, basis);
  for (const purpose of activity.purposes) for (const basis of purpose.legalBases) bases.set(basis.id, basis);
  const retentionRules = new Map(activity.dataCategories.flatMap((d) => (d.retention ? [[d.retention.id, d.retention] as const] : [])));
  for (const rule of activity.retentionRules) retentionRules.set(rule.id, rule);
  const jointControllers = activity.controllers.filter((controller) => controller.relationship === 'joint');
  const arrangement =
    activity.jointArrangementRef || activity.jointArrangementEssence
      ? compact({
          '@type': 'dpv:JointDataControllersAgreement',
          'dct:identifier': activity.jointArrangementRef,
          'dct:abstract': activity.jointArrangementEssence,
        })
      : null;
  const nested: Node[] = [
    ...activity.purposes.map((purpose) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasPurpose': ref(purpose.id),
        'dpv:hasLegalBasis': purpose.legalBases.map(basisId),
        'reg:legalBasisNote': basisNotes(purpose.legalBases),
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
    // A controller's stated relationship to the others (joint ones are also in dpv:hasJointDataControllers).
    ...activity.controllers
      .filter((controller) => stated(controller.relationship))
      .map((controller) => ({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasDataController': ref(controller.id),
        'reg:controllerRelationship': controller.relationship,
      })),
    ...activity.systems.map((system) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:isImplementedUsingTechnology': ref(system.id),
        'dpv:hasPersonalData': system.dataCategories.map((category) => ref(category.id)),
      }),
    ),
    ...activity.transfers.map((transfer) =>
      compact({
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasProcessing': { '@id': 'dpv:Transfer' },
        'dpv:hasRecipient': transferParty(transfer.recipient),
        'dpv:hasDataImporter': transferParty(transfer.recipient),
        // An onward transfer: the processor it goes on from exports it to its sub-processor.
        'dpv:hasDataExporter': transfer.via ? transferParty(transfer.via) : null,
        'reg:transferDestination': stated(transfer.destination),
        'dpv:hasThirdCountry': transfer.country ? country(transfer.country) : null,
        'reg:internationalOrganisation': transfer.internationalOrganisation
          ? { '@type': 'dpv:InternationalOrganisation', 'dpv:hasName': transfer.internationalOrganisation }
          : null,
        'dpv:hasLegalBasis': transfer.mechanism ? basisId(transfer.mechanism) : null,
        'dpv:hasTechnicalOrganisationalMeasure': transfer.safeguard
          ? { '@type': 'dpv:SafeguardForDataTransfer', 'dct:description': transfer.safeguard }
          : null,
        'reg:tiaReference': transfer.tiaReference,
      }),
    ),
  ];
  const automated = yesNo(activity.automatedDecisions);
  return compact({
    '@id': urn(activity.id),
    '@type': 'dpv:PersonalDataHandling',
    'dct:isPartOf': { '@id': registerId },
    'rdfs:label': activity.name,
    'dct:description': activity.description,
    'dct:identifier': activity.reference,
    'dpv:hasOrganisationalUnit': activity.businessFunction
      ? { '@type': 'dpv:OrganisationalUnit', 'dpv:hasName': activity.businessFunction }
      : null,
    'reg:recordGroup': activity.recordGroup,
    'dct:dateAccepted': activity.adoptedOn,
    'reg:lastReviewedOn': activity.lastReviewedOn,
    'dct:language': activity.language,
    'dct:source': activity.sourceUrl ? { '@id': activity.sourceUrl } : null,
    'reg:role': activity.role,
    'reg:register':
      side === 'controller'
        ? recordsProvision(sharedFramework(source.controllers), 1)
        : recordsProvision(sharedFramework(source.processors), 2),
    'dpv:hasActivityStatus': { '@id': statuses[activity.status] ?? 'dpv:ActivityStatus' },
    'reg:owner': activity.owner,
    'reg:reviewDueAt': activity.reviewDueAt,
    'dct:created': activity.createdAt,
    'dct:modified': activity.updatedAt,
    'dpv:hasDataController': activity.controllers.map((controller) => ref(controller.id)),
    'dpv:hasJointDataControllers':
      jointControllers.length > 0 || arrangement
        ? compact({
            '@type': 'dpv:JointDataControllers',
            'dpv:hasDataController': jointControllers.map((controller) => ref(controller.id)),
            'dpv:hasLegalMeasure': arrangement,
          })
        : null,
    'dpv:hasDataProcessor': side === 'processor' ? source.processors.map((processor) => ref(processor.id)) : null,
    'dpv:hasPurpose': activity.purposes.map((purpose) =>
      compact({
        '@id': urn(purpose.id),
        '@type': 'dpv:Purpose',
        'rdfs:label': purpose.name,
        'dct:description': purpose.description,
        ...sourcing(purpose),
      }),
    ),
    'dpv:hasLegalBasis': [...bases.values()].map(basisId),
    // The bases the record states for the activity as a whole, with their notes.
    'reg:activityLegalBasis': activity.legalBases.map(basisId),
    'reg:legalBasisNote': basisNotes(activity.legalBases),
    'reg:statedAbsence': activity.statedAbsences.map((absence) => ({ '@id': absenceIris[absence] ?? `reg:no-${absence}` })),
    // Art. 22: DPV's automated decision-making when the record says there is some; a stated "no" is the register's own statement.
    'dpv:hasContext':
      automated === true
        ? compact({
            '@type': 'dpv:AutomatedDecisionMaking',
            'reg:logic': activity.automatedDecisionLogic,
            'reg:significance': activity.automatedDecisionSignificance,
            'reg:safeguards': activity.automatedDecisionSafeguards,
          })
        : null,
    'reg:automatedDecisions': automated,
    'dpv:hasDataSubject': activity.dataSubjectCategories.map((subject) =>
      compact({
        '@id': urn(subject.id),
        '@type': subject.vulnerable ? ['dpv:DataSubject', 'dpv:VulnerableDataSubject'] : 'dpv:DataSubject',
        'rdfs:label': subject.name,
        'dct:description': subject.description,
        ...sourcing(subject),
      }),
    ),
    'dpv:hasPersonalData': activity.dataCategories.map((category) =>
      compact({
        '@id': urn(category.id),
        '@type': sensitivityTypes[category.sensitivity] ?? ['dpv:PersonalData'],
        'rdfs:label': category.name,
        'dct:description': category.description,
        ...sourcing(category),
      }),
    ),
    'dpv:hasDataSource': activity.collectionChannels.map((channel) =>
      compact({
        '@id': urn(channel.id),
        '@type': 'dpv:DataSource',
        'rdfs:label': channel.name,
        'dct:description': channel.description,
        'reg:sourceType': stated(channel.sourceType),
        'reg:mechanism': stated(channel.mechanism),
        ...sourcing(channel),
      }),
    ),
    'dpv:hasRecipient': activity.recipients.map((recipient) =>
      compact({
        '@id': urn(recipient.id),
        '@type': recipientTypes[recipient.kind] ?? ['dpv:Recipient'],
        'rdfs:label': recipient.name,
        'dct:description': recipient.description,
        'dpv:hasCountry': recipient.country ? country(recipient.country) : null,
        'reg:recipientKind': stated(recipient.kind),
        'reg:category': stated(recipient.category),
        'reg:processingAgreementStatus': stated(recipient.processingAgreementStatus),
        'dpv:hasLegalMeasure': agreementNode(recipient),
        'dpv:hasEntity': recipient.organisation ? ref(recipient.organisation.id) : null,
        ...sourcing(recipient),
      }),
    ),
    'dpv:hasTechnicalOrganisationalMeasure': activity.securityMeasures.map(measureNode),
    // The systems it uses (their nodes are the register's); what each holds is a nested handling.
    'dpv:isImplementedUsingTechnology': activity.systems.map((system) => ref(system.id)),
    'dpv:hasStorageCondition': [...retentionRules.values()].map(storageNode),
    'reg:activityRetention': activity.retentionRules.map((rule) => ref(rule.id)),
    'dpv:hasImpactAssessment':
      activity.dpiaRequired || activity.dpiaReference
        ? compact({ '@type': 'dpv:DPIA', 'dct:identifier': activity.dpiaReference, 'reg:required': activity.dpiaRequired })
        : null,
    'dpv:hasRight': activity.rights
      .filter((right) => right.applies)
      .map((right) => ({ '@id': source.rightIris.get(right.code) ?? `reg:right-${right.code}` })),
    'dpv:hasPersonalDataHandling': nested,
    ...sourcing(activity),
  });
}

/** The register as one JSON-LD document: `{"@context": …, "@graph": [register, organisations, legal bases, activities…]}`. */
export async function* renderJsonLd(source: RegisterSource): AsyncGenerator<string> {
  const registerId = `urn:uuid:${randomUUID()}`;
  const registerLaw = sharedFramework([...source.controllers, ...source.processors]);
  const register = compact({
    '@id': registerId,
    '@type': 'dpv:RecordsOfActivities',
    'rdfs:label': `Record of processing activities (${recordsProvision(registerLaw, 1).replace(/\(1\)$/, '')})`,
    'dct:conformsTo': { '@id': registerLaw === 'gdpr' ? 'eu-gdpr:A30' : frameworkLaws[registerLaw] },
    'dct:created': source.generatedAt,
    'reg:filterStatus': source.filters.status,
    'reg:filterOwner': source.filters.owner,
    'reg:filterRole': source.filters.role,
    'reg:asOf': source.filters.asOf,
    // The auditor's export says that it carries the register keeper's internal notes.
    'reg:containsInternalNotes': source.internalNotes ? true : null,
  });
  const head = [
    register,
    ...source.organisations.map(organisationNode),
    ...source.legalBases.map(legalBasisNode),
    ...source.systems.map(systemNode),
    ...source.dataFlows.map((flow) => dataFlowNode(flow, registerId)),
  ];
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
