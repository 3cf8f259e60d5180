import type { CookieDetails } from '../../entities/collection-channel';
import type { ActivityView } from '../processing-activities/service';
import { withRights } from '../rights/derive-rights';
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
 * An activity as the export records it: its read-model row (the API's representation, as read
 * now or as the audit trail recorded it then) with every linked entry resolved inline from
 * `linked`. Both register sources — the live reader and the one replayed from history — build
 * their records here, so a document looks the same whichever moment it shows.
 */

type Ref = { id: string; name: string };
type LegalBasisRow = Ref & { code: string; article: string; kind: string };
type RecipientRow = Ref & { kind: string; country: string | null };

/** A row of the read model (src/processing-activities/read-model.ts), precisely. */
export interface ReadModelRow extends Omit<
  ActivityView,
  'purposes' | 'dataCategories' | 'recipients' | 'transfers' | 'createdAt' | 'updatedAt'
> {
  purposes: { purpose: Ref; legalBases: LegalBasisRow[]; legitimateInterest: string | null; assessmentReference: string | null }[];
  dataCategories: {
    dataCategory: Ref & { sensitivity: string };
    retentionRule: Ref | null;
    sourceChannels: Ref[];
  }[];
  recipients: { recipient: RecipientRow; dataCategories: Ref[] }[];
  transfers: {
    recipient: RecipientRow;
    country: string;
    mechanism: LegalBasisRow | null;
    safeguard: string | null;
    tiaReference: string | null;
  }[];
  createdAt: Date | string;
  updatedAt: Date | string;
}

/** The details of linked entries that the read model gives only as references, by id. */
export interface LinkedDetails {
  purposes: ReadonlyMap<string, { description: string | null }>;
  dataSubjectCategories: ReadonlyMap<string, { description: string | null; vulnerable: boolean }>;
  dataCategories: ReadonlyMap<string, { description: string | null }>;
  collectionChannels: ReadonlyMap<
    string,
    { description: string | null; sourceType: string; mechanism: string; cookie: CookieDetails | null }
  >;
  recipients: ReadonlyMap<
    string,
    {
      description: string | null;
      category: string;
      organisation: { id: string; name: string } | null;
      processingAgreementRef: string | null;
    }
  >;
  retentionRules: ReadonlyMap<string, ExportRetention>;
  securityMeasures: ReadonlyMap<string, { description: string | null; type: string; standardReference: string | null }>;
  legalBases: ReadonlyMap<string, ExportLegalBasis>;
  organisations: ReadonlyMap<string, ExportOrganisation>;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function exportActivity(row: ReadModelRow | ActivityView, linked: LinkedDetails): ExportActivity {
  const basisRef = (basis: LegalBasisRow): ExportLegalBasisRef => ({
    id: basis.id,
    code: basis.code,
    name: basis.name,
    article: basis.article,
    kind: basis.kind,
    dpvIri: linked.legalBases.get(basis.id)?.dpvIri ?? null,
  });
  const channelRef = (ref: { id: string; name: string }): ExportChannelRef => {
    const channel = linked.collectionChannels.get(ref.id)!;
    return { id: ref.id, name: ref.name, sourceType: channel.sourceType, mechanism: channel.mechanism };
  };
  const channel = (ref: { id: string; name: string }): ExportCollectionChannel => {
    const found = linked.collectionChannels.get(ref.id)!;
    const cookie = found.cookie;
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

  const view = withRights(row) as unknown as ReadModelRow;
  return {
    id: view.id,
    name: view.name,
    description: view.description,
    role: view.role,
    status: view.status,
    owner: view.owner,
    reviewDueAt: view.reviewDueAt,
    dpiaRequired: view.dpiaRequired,
    dpiaReference: view.dpiaReference,
    controllers: view.controllers.map((ref) => linked.organisations.get(ref.id)!).filter(Boolean),
    purposes: view.purposes.map((p) => ({
      id: p.purpose.id,
      name: p.purpose.name,
      description: linked.purposes.get(p.purpose.id)?.description ?? null,
      legalBases: p.legalBases.map(basisRef),
      legitimateInterest: p.legitimateInterest,
      assessmentReference: p.assessmentReference,
    })),
    dataSubjectCategories: view.dataSubjectCategories.map((ref) => {
      const found = linked.dataSubjectCategories.get(ref.id)!;
      return { id: ref.id, name: ref.name, description: found.description, vulnerable: found.vulnerable };
    }),
    dataCategories: view.dataCategories.map((d) => ({
      id: d.dataCategory.id,
      name: d.dataCategory.name,
      description: linked.dataCategories.get(d.dataCategory.id)?.description ?? null,
      sensitivity: d.dataCategory.sensitivity,
      retention: d.retentionRule ? linked.retentionRules.get(d.retentionRule.id)! : null,
      sources: d.sourceChannels.map(channelRef),
    })),
    collectionChannels: view.collectionChannels.map(channel),
    recipients: view.recipients.map((r) => {
      const found = linked.recipients.get(r.recipient.id)!;
      const recipient = r.recipient;
      return {
        id: recipient.id,
        name: recipient.name,
        description: found.description,
        kind: recipient.kind,
        category: found.category,
        country: recipient.country,
        organisation: found.organisation,
        processingAgreementRef: found.processingAgreementRef,
        dataCategories: r.dataCategories.map((d) => ({ id: d.id, name: d.name })),
      };
    }),
    transfers: view.transfers.map((t) => {
      const recipient = t.recipient;
      return {
        recipient: { id: recipient.id, name: recipient.name, kind: recipient.kind, country: recipient.country },
        country: t.country,
        mechanism: t.mechanism ? basisRef(t.mechanism) : null,
        safeguard: t.safeguard,
        tiaReference: t.tiaReference,
      };
    }),
    securityMeasures: view.securityMeasures.map((ref) => {
      const found = linked.securityMeasures.get(ref.id)!;
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
