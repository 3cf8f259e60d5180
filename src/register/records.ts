import type { CookieDetails } from '../../entities/collection-channel';
import type { OrganisationContact } from '../../entities/organisation';
import type { PolicyNote, RightStatement } from '../../entities/privacy-policy';
import type { RetentionCondition } from '../../entities/retention-rule';
import { withRights } from '../gdpr/rights';
import type { JsonObject } from '../http/dto';
import type { ActivityView } from '../processing-activities/view';
import type { BuildingBlockKey } from '../resources';
import type {
  ExportActivity,
  ExportTotals,
  ExportChannelRef,
  ExportCollectionChannel,
  ExportDataFlow,
  ExportSystemEntry,
  ExportLegalBasis,
  ExportLegalBasisLink,
  ExportLegalBasisRef,
  ExportOrganisation,
  ExportOrganisationalUnit,
  ExportPrivacyPolicy,
  ExportRetention,
} from './dto';

/**
 * The register's entries as the export records them. An entry's row comes from the database
 * (every column) or from the audit trail (the API's representation when it was recorded — where
 * a field did not exist yet, it reads as not stated). Both register sources — the live reader
 * and the one replayed from history — build their records here, so a document looks the same
 * whichever moment it shows.
 */

/** Text or nothing: null for what the row does not hold. */
const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
/** An enumeration's value, or not-stated for a row from before the field existed. */
const stated = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : 'not-stated');
/** What a record is built with besides its row: whether it carries internal notes, and the units' keys by id. */
export interface RecordOptions {
  internalNotes: boolean;
  unitKeys: ReadonlyMap<string, string>;
}

/** The key of the unit owning `row`, or null: owned by none (or, from history, before units existed). */
const ownerOf = (row: JsonObject, options: RecordOptions): string | null =>
  row.ownerUnitId ? (options.unitKeys.get(row.ownerUnitId as string) ?? null) : null;

/** The source's words, the internal note (only when asked for) and the owner unit: what every owned entry carries. */
const sourcing = (row: JsonObject, options: RecordOptions) => ({
  sourcePhrase: text(row.sourcePhrase),
  internalNote: options.internalNotes ? text(row.internalNote) : null,
  ownerUnit: ownerOf(row, options),
});

/** The organisational units as the export lists them, by key. */
export function exportUnits(rows: JsonObject[]): ExportOrganisationalUnit[] {
  return rows
    .map((row) => ({ id: row.id, key: row.key, name: row.name, kind: stated(row.kind), description: text(row.description) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A legal basis as read with the id of its owner unit (`ownerUnitId`). */
export type LegalBasisRow = Omit<ExportLegalBasis, 'ownerUnit'> & { ownerUnitId?: string | null };

/** A legal basis as the export lists it: its owner unit by key, as every owned entry's. */
export function exportLegalBasis({ ownerUnitId, ...basis }: LegalBasisRow, options: RecordOptions): ExportLegalBasis {
  return { ...basis, ownerUnit: ownerOf({ ownerUnitId }, options) };
}

/** The organisations as the export records them, each with its representative and register-wide transfer mechanism resolved. */
export function exportOrganisations(
  rows: JsonObject[],
  legalBases: ReadonlyMap<string, ExportLegalBasis>,
  options: RecordOptions,
): ExportOrganisation[] {
  const rowsById = new Map(rows.map((row) => [row.id as string, row]));
  return rows.map((row) => {
    const representative = row.representativeId ? rowsById.get(row.representativeId) : undefined;
    const mechanism = row.transferMechanismId ? legalBases.get(row.transferMechanismId) : undefined;
    const hasDpo = row.dpoName || row.dpoEmail || row.dpoPhone || row.dpoTitle || row.dpoAddress;
    return {
      id: row.id,
      name: row.name,
      roles: row.roles,
      description: text(row.description),
      registrationNumber: text(row.registrationNumber),
      address: text(row.address),
      country: text(row.country),
      email: text(row.email),
      phone: text(row.phone),
      website: text(row.website),
      privacyContactEmail: text(row.privacyContactEmail),
      dpo: hasDpo
        ? {
            name: text(row.dpoName),
            email: text(row.dpoEmail),
            phone: text(row.dpoPhone),
            title: text(row.dpoTitle),
            address: text(row.dpoAddress),
          }
        : null,
      representative: representative
        ? {
            id: representative.id,
            name: representative.name,
            address: text(representative.address),
            country: text(representative.country),
            email: text(representative.email),
            phone: text(representative.phone),
          }
        : null,
      contacts: ((row.contacts ?? []) as OrganisationContact[]).map((contact) => ({
        role: contact.role,
        name: text(contact.name),
        title: text(contact.title),
        email: text(contact.email),
        phone: text(contact.phone),
        address: text(contact.address),
      })),
      dpoRequired: stated(row.dpoRequired),
      dpoRequiredReason: text(row.dpoRequiredReason),
      publicBody: typeof row.publicBody === 'boolean' ? row.publicBody : null,
      framework: stated(row.framework),
      language: text(row.language),
      transferMechanism: mechanism ? basisRefOf(mechanism) : null,
      transferMechanismNote: text(row.transferMechanismNote),
      ...sourcing(row, options),
    };
  });
}

const basisRefOf = (basis: ExportLegalBasis): ExportLegalBasisRef => ({
  id: basis.id,
  code: basis.code,
  name: basis.name,
  article: basis.article,
  kind: basis.kind,
  dpvIri: basis.dpvIri,
});

/** A privacy policy as the export records it. */
export function exportPolicy(row: JsonObject, organisation: { id: string; name: string }, options: RecordOptions): ExportPrivacyPolicy {
  return {
    id: row.id,
    name: row.name,
    organisation: { id: organisation.id, name: organisation.name },
    description: text(row.description),
    language: row.language,
    url: text(row.url),
    lastChanged: row.lastChanged ? String(row.lastChanged).slice(0, 10) : null,
    contactEmail: text(row.contactEmail),
    responseDays: typeof row.responseDays === 'number' ? row.responseDays : null,
    rights: ((row.rights ?? []) as RightStatement[]).map((statement) => ({
      right: statement.right,
      description: statement.description,
      feeNote: text(statement.feeNote),
      source: text(statement.source),
    })),
    notes: ((row.notes ?? []) as PolicyNote[]).map((note) => ({ topic: note.topic, text: note.text, source: text(note.source) })),
    ownerUnit: ownerOf(row, options),
  };
}

/** The linked entries' details the representation gives only as references. */
export interface LinkedDetails extends RecordOptions {
  /** A linked building block's row (its columns, camelCase), by kind and id. */
  block(kind: BuildingBlockKey, id: string): JsonObject | undefined;
  organisations: ReadonlyMap<string, ExportOrganisation>;
  legalBases: ReadonlyMap<string, ExportLegalBasis>;
}

type Ref = { id: string; name: string };
type BasisRef = Ref & { code: string; article: string; kind: string; note?: string | null };

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * An activity as the export records it: its representation with every linked entry resolved
 * inline from `linked`.
 */
export function exportActivity(activity: ActivityView, linked: LinkedDetails): ExportActivity {
  const details = (kind: BuildingBlockKey, ref: Ref): JsonObject => {
    const found = linked.block(kind, ref.id);
    if (!found) throw new Error(`${kind} ${ref.id} is linked but was not read`);
    return found;
  };
  const basisRef = (basis: BasisRef): ExportLegalBasisRef => ({
    id: basis.id,
    code: basis.code,
    name: basis.name,
    article: basis.article,
    kind: basis.kind,
    dpvIri: linked.legalBases.get(basis.id)?.dpvIri ?? null,
  });
  const basisLink = (basis: BasisRef): ExportLegalBasisLink => ({ ...basisRef(basis), note: text(basis.note) });
  const channelRef = (ref: Ref): ExportChannelRef => {
    const channel = details('collectionChannels', ref);
    return { id: ref.id, name: ref.name, sourceType: stated(channel.sourceType), mechanism: stated(channel.mechanism) };
  };
  const channel = (ref: Ref): ExportCollectionChannel => {
    const found = details('collectionChannels', ref);
    const cookie = found.cookie as CookieDetails | null;
    return {
      id: ref.id,
      name: ref.name,
      description: text(found.description),
      sourceType: stated(found.sourceType),
      mechanism: stated(found.mechanism),
      cookie: cookie
        ? {
            provider: text(cookie.provider),
            purpose: text(cookie.purpose),
            lifetime: text(cookie.lifetime),
            party: stated(cookie.party),
            names: cookie.names ?? [],
          }
        : null,
      ...sourcing(found, linked),
    };
  };
  const retention = (ref: Ref): ExportRetention => {
    const rule = details('retentionRules', ref);
    return {
      id: rule.id,
      name: rule.name,
      description: text(rule.description),
      // Before retention had kinds, every rule was a fixed duration.
      kind: typeof rule.kind === 'string' ? rule.kind : 'fixed-duration',
      duration: text(rule.duration),
      maximumDuration: text(rule.maximumDuration),
      startEvent: text(rule.startEvent),
      endAction: stated(rule.endAction),
      legalReference: text(rule.legalReference),
      conditions: ((rule.conditions ?? []) as RetentionCondition[]).map((condition) => ({
        condition: condition.condition,
        duration: text(condition.duration),
        endAction: condition.endAction ?? null,
      })),
      ...sourcing(rule, linked),
    };
  };
  const transferRecipient = (ref: Ref & { kind: string; country?: string | null }) => ({
    id: ref.id,
    name: ref.name,
    kind: ref.kind,
    country: ref.country ?? null,
  });

  const view = withRights(activity);
  const own = view as unknown as JsonObject;
  return {
    id: view.id,
    name: view.name,
    description: text(view.description),
    role: view.role,
    status: view.status,
    owner: text(view.owner),
    reviewDueAt: text(view.reviewDueAt),
    dpiaRequired: typeof view.dpiaRequired === 'boolean' ? view.dpiaRequired : null,
    dpiaReference: text(view.dpiaReference),
    reference: text(own.reference),
    businessFunction: text(own.businessFunction),
    recordGroup: text(own.recordGroup),
    adoptedOn: text(own.adoptedOn),
    lastReviewedOn: text(own.lastReviewedOn),
    language: text(own.language),
    sourceUrl: text(own.sourceUrl),
    statedAbsences: view.statedAbsences ?? [],
    automatedDecisions: stated(view.automatedDecisions),
    automatedDecisionLogic: text(own.automatedDecisionLogic),
    automatedDecisionSignificance: text(own.automatedDecisionSignificance),
    automatedDecisionSafeguards: text(own.automatedDecisionSafeguards),
    jointArrangementRef: text(own.jointArrangementRef),
    jointArrangementEssence: text(own.jointArrangementEssence),
    controllers: view.controllers
      .map((ref) => {
        const organisation = linked.organisations.get(ref.id);
        return organisation ? { ...organisation, relationship: stated(ref.relationship) } : undefined;
      })
      .filter((controller) => controller !== undefined),
    purposes: view.purposes.map((p) => ({
      id: p.purpose.id,
      name: p.purpose.name,
      description: text(details('purposes', p.purpose).description),
      legalBases: p.legalBases.map(basisLink),
      legitimateInterest: text(p.legitimateInterest),
      assessmentReference: text(p.assessmentReference),
      ...sourcing(details('purposes', p.purpose), linked),
    })),
    legalBases: (view.legalBases ?? []).map(basisLink),
    dataSubjectCategories: view.dataSubjectCategories.map((ref) => {
      const found = details('dataSubjectCategories', ref);
      return {
        id: ref.id,
        name: ref.name,
        description: text(found.description),
        vulnerable: !!found.vulnerable,
        ...sourcing(found, linked),
      };
    }),
    dataCategories: view.dataCategories.map((d) => {
      const found = details('dataCategories', d.dataCategory);
      return {
        id: d.dataCategory.id,
        name: d.dataCategory.name,
        description: text(found.description),
        examples: Array.isArray(found.examples) ? (found.examples as string[]) : [],
        sensitivity: d.dataCategory.sensitivity,
        retention: d.retentionRule ? retention(d.retentionRule) : null,
        sources: d.sourceChannels.map(channelRef),
        ...sourcing(found, linked),
      };
    }),
    retentionRules: (view.retentionRules ?? []).map(retention),
    collectionChannels: view.collectionChannels.map(channel),
    recipients: view.recipients.map((r) => {
      const found = details('recipients', r.recipient);
      const organisation = found.organisationId ? linked.organisations.get(found.organisationId) : undefined;
      return {
        id: r.recipient.id,
        name: r.recipient.name,
        description: text(found.description),
        kind: r.recipient.kind,
        category: stated(found.category),
        country: r.recipient.country ?? null,
        organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
        // Before agreements had a status, a recorded reference meant a signed one.
        processingAgreementStatus:
          typeof found.processingAgreementStatus === 'string'
            ? found.processingAgreementStatus
            : found.processingAgreementRef
              ? 'signed'
              : 'not-stated',
        processingAgreementDate: found.processingAgreementDate ? String(found.processingAgreementDate).slice(0, 10) : null,
        processingAgreementRef: text(found.processingAgreementRef),
        dataCategories: r.dataCategories.map((d) => ({ id: d.id, name: d.name })),
        ...sourcing(found, linked),
      };
    }),
    transfers: view.transfers.map((t) => ({
      recipient: transferRecipient(t.recipient),
      // Before destinations, every transfer went to its country.
      destination: typeof t.destination === 'string' ? t.destination : 'country',
      country: t.country ?? null,
      internationalOrganisation: text(t.internationalOrganisation),
      via: t.via ? transferRecipient(t.via) : null,
      mechanism: t.mechanism ? basisRef(t.mechanism) : null,
      safeguard: text(t.safeguard),
      tiaReference: text(t.tiaReference),
    })),
    securityMeasures: view.securityMeasures.map((ref) => exportMeasure(ref, details('securityMeasures', ref), linked)),
    systems: (view.systems ?? []).map((link) => exportSystem(link, details('systems', link.system), linked)),
    rights: view.rights,
    createdAt: iso(view.createdAt),
    updatedAt: iso(view.updatedAt),
    version: view.version,
    ...sourcing(own, linked),
  };
}

/** A security measure as the export records it (its row: an activity's or a system's). */
const exportMeasure = (ref: Ref, found: JsonObject, options: RecordOptions): ExportActivity['securityMeasures'][number] => ({
  id: ref.id,
  name: ref.name,
  description: text(found.description),
  type: stated(found.type),
  standardReference: text(found.standardReference),
  ...sourcing(found, options),
});

/** A system an activity uses, as the export records it: the system, with the data categories held there. */
function exportSystem(
  link: { system: Ref; dataCategories: Ref[] },
  found: JsonObject,
  linked: LinkedDetails,
): ExportActivity['systems'][number] {
  return {
    ...exportSystemEntry({ ...found, id: link.system.id, name: link.system.name }, linked),
    dataCategories: link.dataCategories.map((d) => ({ id: d.id, name: d.name })),
  };
}

/** A system as the export records it (the register's list, or an activity's link): provider and security measures resolved. */
export function exportSystemEntry(found: JsonObject, linked: LinkedDetails): ExportSystemEntry {
  const provider = found.providerId ? linked.organisations.get(found.providerId) : undefined;
  return {
    id: found.id,
    name: found.name,
    description: text(found.description),
    kind: stated(found.kind),
    owner: text(found.owner),
    provider: provider ? { id: provider.id, name: provider.name } : null,
    hostingCountries: ((found.hostingCountries as string[] | undefined) ?? []).length > 0 ? found.hostingCountries : ['not-stated'],
    securityMeasures: ((found.securityMeasureIds ?? []) as string[])
      .map((id) => linked.block('securityMeasures', id))
      .filter((measure): measure is JsonObject => measure !== undefined)
      .sort((a, b) => String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()))
      .map((measure) => exportMeasure(measure as Ref, measure, linked)),
    ...sourcing(found, linked),
  };
}

/** A flow end's kind as the building block it names (entities/data-flow.ts). */
const flowEndBlock: Record<string, BuildingBlockKey> = {
  'collection-channel': 'collectionChannels',
  'data-subject-category': 'dataSubjectCategories',
  system: 'systems',
  recipient: 'recipients',
};

/** A recorded data flow as the export records it: ends, data categories and mechanism resolved to names. */
export function exportDataFlow(found: JsonObject, linked: LinkedDetails): ExportDataFlow {
  const end = (kind: string, id: string) => ({
    kind,
    id,
    name: text(flowEndBlock[kind] ? linked.block(flowEndBlock[kind], id)?.name : undefined) ?? 'not-stated',
  });
  const mechanism = found.transferMechanismId ? linked.legalBases.get(found.transferMechanismId) : undefined;
  return {
    id: found.id,
    name: found.name,
    description: text(found.description),
    from: end(found.fromKind, found.fromId),
    to: end(found.toKind, found.toId),
    dataCategories: ((found.dataCategoryIds ?? []) as string[])
      .map((id) => linked.block('dataCategories', id))
      .filter((category): category is JsonObject => category !== undefined)
      .map((category) => ({ id: category.id, name: category.name })),
    transferCountry: text(found.transferCountry),
    transferMechanism: mechanism ? basisRefOf(mechanism) : null,
    transferSafeguard: text(found.transferSafeguard),
    ...sourcing(found, linked),
  };
}

/** Adds a record to the document's totals (a processor record once, however many controllers it serves). */
export function countRecord(totals: ExportTotals, activity: ExportActivity, side: 'controller' | 'processor') {
  totals.activities += 1;
  if (side === 'controller') totals.controllerActivities += 1;
  else totals.processorActivities += 1;
  totals.purposeRows += Math.max(1, activity.purposes.length);
}
