import type { CookieDetails } from '../../entities/collection-channel';
import { withRights } from '../gdpr/rights';
import type { JsonObject } from '../http/dto';
import type { ActivityView } from '../processing-activities/view';
import type { BuildingBlockKey } from '../resources';
import type {
  ExportActivity,
  ExportTotals,
  ExportChannelRef,
  ExportCollectionChannel,
  ExportLegalBasis,
  ExportLegalBasisRef,
  ExportOrganisation,
  ExportRetention,
} from './dto';

/** An organisation's columns, as SQL reads them or the audit trail recorded them. */
export interface OrganisationRow {
  id: string;
  name: string;
  roles: string[];
  description: string | null;
  registrationNumber: string | null;
  address: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  privacyContactEmail: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  dpoPhone: string | null;
  representativeId: string | null;
}

/** The organisations as the export records them, each with its representative resolved. */
export function exportOrganisations(rows: OrganisationRow[]): ExportOrganisation[] {
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  return rows.map((row) => {
    const representative = row.representativeId ? rowsById.get(row.representativeId) : undefined;
    return {
      id: row.id,
      name: row.name,
      roles: row.roles,
      description: row.description,
      registrationNumber: row.registrationNumber,
      address: row.address,
      country: row.country,
      email: row.email,
      phone: row.phone,
      website: row.website,
      privacyContactEmail: row.privacyContactEmail,
      dpo: row.dpoName || row.dpoEmail || row.dpoPhone ? { name: row.dpoName, email: row.dpoEmail, phone: row.dpoPhone } : null,
      representative: representative
        ? {
            id: representative.id,
            name: representative.name,
            address: representative.address,
            country: representative.country,
            email: representative.email,
            phone: representative.phone,
          }
        : null,
    };
  });
}

/**
 * An activity as the export records it: its representation (as the API reads it now, or as the
 * audit trail recorded it then) with every linked entry resolved inline from `linked`. Both
 * register sources — the live reader and the one replayed from history — build their records
 * here, so a document looks the same whichever moment it shows.
 */

/** The linked entries' details the representation gives only as references. */
export interface LinkedDetails {
  /** A linked building block's row (its columns, camelCase), by kind and id. */
  block(kind: BuildingBlockKey, id: string): JsonObject | undefined;
  organisations: ReadonlyMap<string, ExportOrganisation>;
  legalBases: ReadonlyMap<string, ExportLegalBasis>;
}

type Ref = { id: string; name: string };
type BasisRef = Ref & { code: string; article: string; kind: string };

const iso = (value: Date | string) => new Date(value).toISOString();

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
  const channelRef = (ref: Ref): ExportChannelRef => {
    const channel = details('collectionChannels', ref);
    return { id: ref.id, name: ref.name, sourceType: channel.sourceType, mechanism: channel.mechanism };
  };
  const channel = (ref: Ref): ExportCollectionChannel => {
    const found = details('collectionChannels', ref);
    const cookie = found.cookie as CookieDetails | null;
    return {
      id: ref.id,
      name: ref.name,
      description: found.description,
      sourceType: found.sourceType,
      mechanism: found.mechanism,
      cookie: cookie
        ? { provider: cookie.provider, purpose: cookie.purpose, lifetime: cookie.lifetime, party: cookie.party, names: cookie.names ?? [] }
        : null,
    };
  };
  const retention = (ref: Ref): ExportRetention => {
    const rule = details('retentionRules', ref);
    return {
      id: rule.id,
      name: rule.name,
      description: rule.description,
      duration: rule.duration,
      maximumDuration: rule.maximumDuration,
      startEvent: rule.startEvent,
      endAction: rule.endAction,
      legalReference: rule.legalReference,
    };
  };

  const view = withRights(activity);
  return {
    id: view.id,
    name: view.name,
    description: view.description ?? null,
    role: view.role,
    status: view.status,
    owner: view.owner ?? null,
    reviewDueAt: view.reviewDueAt ?? null,
    dpiaRequired: view.dpiaRequired,
    dpiaReference: view.dpiaReference ?? null,
    controllers: view.controllers.map((ref) => linked.organisations.get(ref.id)!).filter(Boolean),
    purposes: view.purposes.map((p) => ({
      id: p.purpose.id,
      name: p.purpose.name,
      description: details('purposes', p.purpose).description,
      legalBases: p.legalBases.map(basisRef),
      legitimateInterest: p.legitimateInterest ?? null,
      assessmentReference: p.assessmentReference ?? null,
    })),
    dataSubjectCategories: view.dataSubjectCategories.map((ref) => {
      const found = details('dataSubjectCategories', ref);
      return { id: ref.id, name: ref.name, description: found.description, vulnerable: found.vulnerable };
    }),
    dataCategories: view.dataCategories.map((d) => ({
      id: d.dataCategory.id,
      name: d.dataCategory.name,
      description: details('dataCategories', d.dataCategory).description,
      sensitivity: d.dataCategory.sensitivity,
      retention: d.retentionRule ? retention(d.retentionRule) : null,
      sources: d.sourceChannels.map(channelRef),
    })),
    collectionChannels: view.collectionChannels.map(channel),
    recipients: view.recipients.map((r) => {
      const found = details('recipients', r.recipient);
      const organisation = found.organisationId ? linked.organisations.get(found.organisationId) : undefined;
      return {
        id: r.recipient.id,
        name: r.recipient.name,
        description: found.description,
        kind: r.recipient.kind,
        category: found.category,
        country: r.recipient.country ?? null,
        organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
        processingAgreementRef: found.processingAgreementRef,
        dataCategories: r.dataCategories.map((d) => ({ id: d.id, name: d.name })),
      };
    }),
    transfers: view.transfers.map((t) => ({
      recipient: { id: t.recipient.id, name: t.recipient.name, kind: t.recipient.kind, country: t.recipient.country ?? null },
      country: t.country,
      mechanism: t.mechanism ? basisRef(t.mechanism) : null,
      safeguard: t.safeguard ?? null,
      tiaReference: t.tiaReference ?? null,
    })),
    securityMeasures: view.securityMeasures.map((ref) => {
      const found = details('securityMeasures', ref);
      return { id: ref.id, name: ref.name, description: found.description, type: found.type, standardReference: found.standardReference };
    }),
    rights: view.rights,
    createdAt: iso(view.createdAt),
    updatedAt: iso(view.updatedAt),
    version: view.version,
  };
}

/** Adds a record to the document's totals (a processor record once, however many controllers it serves). */
export function countRecord(totals: ExportTotals, activity: ExportActivity, side: 'controller' | 'processor') {
  totals.activities += 1;
  if (side === 'controller') totals.controllerActivities += 1;
  else totals.processorActivities += 1;
  totals.purposeRows += Math.max(1, activity.purposes.length);
}
