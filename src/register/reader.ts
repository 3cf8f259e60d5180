import type { DataSource, QueryRunner } from 'typeorm';
import type { CookieDetails } from '../../entities/collection-channel';
import { activityColumns } from '../processing-activities/read-model';
import type { ActivityView } from '../processing-activities/service';
import type { ExportActivity, ExportFilters, ExportLegalBasis, ExportOrganisation, ExportRetention, ExportTotals } from './dto';
import { countRecord, exportActivity, exportOrganisations, type LinkedDetails, type OrganisationRow } from './records';

/**
 * The register as the export reads it: header parts (organisations, legal bases, controllers,
 * processors) first, then the activities page by page — keyset pages of `pageSize` through the
 * same read-model SQL as the API, plus ONE query per page for the details of the building blocks
 * that page links to. Never one query per activity, and never more than a page in memory.
 *
 * Everything is read in one REPEATABLE READ, READ ONLY transaction, so the document is one
 * consistent state of the register however long the client takes to read it. Its connection is
 * held until `close()` (on PGlite, whose one session is shared, other requests wait meanwhile).
 */

export interface RegisterFilter {
  status?: string;
  owner?: string;
  role?: string;
}

/** What a renderer (JSON, JSON-LD, CSV) needs: the header, then the activity pages. */
export interface RegisterSource {
  readonly generatedAt: string;
  readonly filters: ExportFilters;
  readonly organisations: ExportOrganisation[];
  readonly legalBases: ExportLegalBasis[];
  /** Organisations named as controllers by the exported controller-side records. */
  readonly controllers: ExportOrganisation[];
  /** This register's keeper as processor (see ExportProcessorRegister.processors). */
  readonly processors: ExportOrganisation[];
  /** DPV IRIs of the data subject rights, by code (for JSON-LD). */
  readonly rightIris: ReadonlyMap<string, string>;
  organisation(id: string): ExportOrganisation | undefined;
  /** Controller and joint-controller records, by name. */
  controllerPages(): AsyncGenerator<ExportActivity[]>;
  /**
   * Processor records grouped per controller (by name; records naming none last). A record acting
   * for two controllers comes once per controller; `first` marks its first appearance.
   */
  processorPages(): AsyncGenerator<ProcessorEntry[]>;
  /** Complete once both page generators are exhausted. */
  readonly totals: ExportTotals;
}

export interface ProcessorEntry {
  controllerId: string | null;
  first: boolean;
  activity: ExportActivity;
}

export interface ReadStats {
  queries: number;
  pages: number;
}

export const defaultPageSize = 500;
const noController = '00000000-0000-0000-0000-000000000000';

/** The details of a page's linked entries, as the one details query returns them. */
interface Details {
  purposes: { id: string; description: string | null }[];
  dataSubjectCategories: { id: string; description: string | null; vulnerable: boolean }[];
  dataCategories: { id: string; description: string | null }[];
  collectionChannels: { id: string; description: string | null; sourceType: string; mechanism: string; cookie: CookieDetails | null }[];
  recipients: {
    id: string;
    description: string | null;
    category: string;
    organisation: { id: string; name: string } | null;
    processingAgreementRef: string | null;
  }[];
  retentionRules: ExportRetention[];
  securityMeasures: { id: string; description: string | null; type: string; standardReference: string | null }[];
}

/** PostgreSQL text[] as pg (an array) or a driver that leaves it as a literal ('{a,b}') gives it. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((item) => item.replace(/^"|"$/g, ''));
}

export async function openRegister(
  dataSource: DataSource,
  filter: RegisterFilter,
  options: { pageSize?: number; rightIris?: boolean } = {},
): Promise<RegisterReader> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const reader = new RegisterReader(runner, filter, options.pageSize ?? defaultPageSize);
  try {
    await reader.begin(options.rightIris ?? false);
  } catch (error) {
    await reader.close();
    throw error;
  }
  return reader;
}

export class RegisterReader implements RegisterSource {
  readonly generatedAt = new Date().toISOString();
  readonly filters: ExportFilters;
  readonly stats: ReadStats = { queries: 0, pages: 0 };
  readonly totals: ExportTotals = { activities: 0, controllerActivities: 0, processorActivities: 0, purposeRows: 0 };
  organisations: ExportOrganisation[] = [];
  legalBases: ExportLegalBasis[] = [];
  controllers: ExportOrganisation[] = [];
  processors: ExportOrganisation[] = [];
  rightIris = new Map<string, string>();
  private readonly byId = new Map<string, ExportOrganisation>();
  private readonly basisById = new Map<string, ExportLegalBasis>();
  private open = false;
  private closed = false;

  constructor(
    private readonly runner: QueryRunner,
    private readonly filter: RegisterFilter,
    private readonly pageSize: number,
  ) {
    this.filters = { status: filter.status ?? null, owner: filter.owner ?? null, role: filter.role ?? null, asOf: null };
  }

  organisation(id: string) {
    return this.byId.get(id);
  }

  private query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.stats.queries += 1;
    return this.runner.query(sql, params);
  }

  /** The filter as SQL on alias `a`, its values appended to `params`. */
  private where(params: unknown[], side?: 'controller' | 'processor'): string {
    const clauses = ['TRUE'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (this.filter.status) clauses.push(`a.status = ${param(this.filter.status)}`);
    if (this.filter.owner) clauses.push(`a.owner = ${param(this.filter.owner)}`);
    if (this.filter.role) clauses.push(`a.role = ${param(this.filter.role)}`);
    if (side === 'controller') clauses.push(`a.role <> 'processor'`);
    if (side === 'processor') clauses.push(`a.role = 'processor'`);
    return clauses.join(' AND ');
  }

  private wants(side: 'controller' | 'processor') {
    return !this.filter.role || (side === 'processor') === (this.filter.role === 'processor');
  }

  async begin(rightIris: boolean) {
    await this.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    this.open = true;

    const rows = await this.query<Omit<OrganisationRow, 'roles'> & { roles: string[] | string; behindRecipient: boolean }>(
      `SELECT o.id, o.name, o.roles, o.description, o.registration_number AS "registrationNumber", o.address, o.country,
              o.email, o.phone, o.website, o.privacy_contact_email AS "privacyContactEmail",
              o.dpo_name AS "dpoName", o.dpo_email AS "dpoEmail", o.dpo_phone AS "dpoPhone",
              o.representative_id AS "representativeId",
              EXISTS (SELECT 1 FROM recipients r WHERE r.organisation_id = o.id) AS "behindRecipient"
         FROM organisations o ORDER BY lower(o.name), o.id`,
    );
    const rowsById = new Map(rows.map((row) => [row.id, row]));
    for (const organisation of exportOrganisations(rows.map((row) => ({ ...row, roles: textArray(row.roles) })))) {
      this.organisations.push(organisation);
      this.byId.set(organisation.id, organisation);
    }

    const params: unknown[] = [];
    const where = this.where(params);
    this.legalBases = await this.query<ExportLegalBasis>(
      `SELECT lb.id, lb.code, lb.name, lb.kind, lb.article, lb.description, lb.jurisdiction, lb.dpv_iri AS "dpvIri", lb.built_in AS "builtIn"
         FROM legal_bases lb
        WHERE lb.id IN (SELECT y.legal_basis_id FROM activity_purpose_legal_bases y JOIN processing_activities a ON a.id = y.activity_id WHERE ${where}
                        UNION
                        SELECT t.mechanism_id FROM activity_transfers t JOIN processing_activities a ON a.id = t.activity_id WHERE ${where})
        ORDER BY lb.code`,
      params,
    );
    for (const basis of this.legalBases) this.basisById.set(basis.id, basis);

    if (this.wants('controller')) {
      const controllerParams: unknown[] = [];
      const named = await this.query<{ id: string }>(
        `SELECT DISTINCT x.organisation_id AS id FROM activity_controllers x JOIN processing_activities a ON a.id = x.activity_id
          WHERE ${this.where(controllerParams, 'controller')}`,
        controllerParams,
      );
      const ids = new Set(named.map((row) => row.id));
      this.controllers = this.organisations.filter((organisation) => ids.has(organisation.id));
    }
    if (this.wants('processor')) {
      this.processors = this.organisations.filter(
        (organisation) => organisation.roles.includes('processor') && !rowsById.get(organisation.id)!.behindRecipient,
      );
    }
    if (rightIris) {
      const rights = await this.query<{ code: string; dpvIri: string }>('SELECT code, dpv_iri AS "dpvIri" FROM data_subject_rights');
      this.rightIris = new Map(rights.map((right) => [right.code, right.dpvIri]));
    }
  }

  async *controllerPages(): AsyncGenerator<ExportActivity[]> {
    if (!this.wants('controller')) return;
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const params: unknown[] = [];
      const where = this.where(params, 'controller');
      let keyset = '';
      if (after) {
        params.push(after.sortKey, after.id);
        keyset = `AND (lower(a.name), a.id) > ($${params.length - 1}::text, $${params.length}::uuid)`;
      }
      const rows = await this.query<ActivityView & { sortKey: string }>(
        `SELECT lower(a.name) AS "sortKey", ${activityColumns} FROM (
           SELECT * FROM processing_activities a WHERE ${where} ${keyset} ORDER BY lower(a.name), a.id LIMIT ${this.pageSize}
         ) a ORDER BY lower(a.name), a.id`,
        params,
      );
      if (rows.length === 0) return;
      this.stats.pages += 1;
      const activities = await this.resolve(rows);
      for (const activity of activities) countRecord(this.totals, activity, 'controller');
      yield activities;
      if (rows.length < this.pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { sortKey: last.sortKey, id: last.id };
    }
  }

  async *processorPages(): AsyncGenerator<ProcessorEntry[]> {
    if (!this.wants('processor')) return;
    type Row = ActivityView & { gNull: boolean; gName: string; gId: string; sortKey: string };
    let after: Row | undefined;
    for (;;) {
      const params: unknown[] = [];
      const where = this.where(params, 'processor');
      let keyset = '';
      if (after) {
        params.push(after.gNull, after.gName, after.gId, after.sortKey, after.id);
        const n = params.length;
        keyset = `AND (o.id IS NULL, coalesce(lower(o.name), ''), coalesce(o.id, '${noController}'::uuid), lower(a.name), a.id)
                    > ($${n - 4}::boolean, $${n - 3}::text, $${n - 2}::uuid, $${n - 1}::text, $${n}::uuid)`;
      }
      const rows = await this.query<Row>(
        `SELECT a.g_null AS "gNull", a.g_name AS "gName", a.g_id AS "gId", lower(a.name) AS "sortKey", ${activityColumns} FROM (
           SELECT a.*, (o.id IS NULL) AS g_null, coalesce(lower(o.name), '') AS g_name, coalesce(o.id, '${noController}'::uuid) AS g_id
             FROM processing_activities a
             LEFT JOIN activity_controllers x ON x.activity_id = a.id
             LEFT JOIN organisations o ON o.id = x.organisation_id
            WHERE ${where} ${keyset}
            ORDER BY (o.id IS NULL), coalesce(lower(o.name), ''), coalesce(o.id, '${noController}'::uuid), lower(a.name), a.id
            LIMIT ${this.pageSize}
         ) a ORDER BY a.g_null, a.g_name, a.g_id, lower(a.name), a.id`,
        params,
      );
      if (rows.length === 0) return;
      this.stats.pages += 1;
      const activities = await this.resolve(rows);
      const entries = rows.map((row, i): ProcessorEntry => {
        const activity = activities[i]!;
        const controllerId = row.gNull ? null : row.gId;
        // The read model lists controllers in the same order as the groups: the first one is where it first appears.
        const first = controllerId === null || activity.controllers[0]?.id === controllerId;
        if (first) countRecord(this.totals, activity, 'processor');
        return { controllerId, first, activity };
      });
      yield entries;
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1]!;
    }
  }

  /** A page of read-model rows as export records: ONE query for the details of what they link to. */
  private async resolve(rows: ActivityView[]): Promise<ExportActivity[]> {
    const ids = {
      purposes: new Set<string>(),
      dataSubjectCategories: new Set<string>(),
      dataCategories: new Set<string>(),
      collectionChannels: new Set<string>(),
      recipients: new Set<string>(),
      retentionRules: new Set<string>(),
      securityMeasures: new Set<string>(),
    };
    for (const row of rows) {
      for (const p of row.purposes) ids.purposes.add(p.purpose.id);
      for (const s of row.dataSubjectCategories) ids.dataSubjectCategories.add(s.id);
      for (const d of row.dataCategories) {
        ids.dataCategories.add(d.dataCategory.id);
        if (d.retentionRule) ids.retentionRules.add(d.retentionRule.id);
        for (const c of d.sourceChannels) ids.collectionChannels.add(c.id);
      }
      for (const c of row.collectionChannels) ids.collectionChannels.add(c.id);
      for (const r of row.recipients) ids.recipients.add(r.recipient.id);
      for (const t of row.transfers) ids.recipients.add(t.recipient.id);
      for (const m of row.securityMeasures) ids.securityMeasures.add(m.id);
    }
    const agg = (select: string, from: string, n: number) =>
      `(SELECT COALESCE(json_agg(json_build_object(${select})), '[]'::json) FROM ${from} WHERE x.id = ANY($${n}::uuid[]))`;
    const [details] = await this.query<Details>(
      `SELECT
         ${agg(`'id', x.id, 'description', x.description`, 'purposes x', 1)} AS purposes,
         ${agg(`'id', x.id, 'description', x.description, 'vulnerable', x.vulnerable`, 'data_subject_categories x', 2)} AS "dataSubjectCategories",
         ${agg(`'id', x.id, 'description', x.description`, 'data_categories x', 3)} AS "dataCategories",
         ${agg(`'id', x.id, 'description', x.description, 'sourceType', x.source_type, 'mechanism', x.mechanism, 'cookie', x.cookie`, 'collection_channels x', 4)} AS "collectionChannels",
         ${agg(
           `'id', x.id, 'description', x.description, 'category', x.category, 'processingAgreementRef', x.processing_agreement_ref,
            'organisation', (SELECT json_build_object('id', o.id, 'name', o.name) FROM organisations o WHERE o.id = x.organisation_id)`,
           'recipients x',
           5,
         )} AS recipients,
         ${agg(
           `'id', x.id, 'name', x.name, 'description', x.description, 'duration', x.duration, 'maximumDuration', x.maximum_duration,
            'startEvent', x.start_event, 'endAction', x.end_action, 'legalReference', x.legal_reference`,
           'retention_rules x',
           6,
         )} AS "retentionRules",
         ${agg(`'id', x.id, 'description', x.description, 'type', x.type, 'standardReference', x.standard_reference`, 'security_measures x', 7)} AS "securityMeasures"`,
      Object.values(ids).map((set) => [...set]),
    );
    const index = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
    const linked: LinkedDetails = {
      purposes: index(details!.purposes),
      dataSubjectCategories: index(details!.dataSubjectCategories),
      dataCategories: index(details!.dataCategories),
      collectionChannels: index(details!.collectionChannels),
      recipients: index(details!.recipients),
      retentionRules: index(details!.retentionRules),
      securityMeasures: index(details!.securityMeasures),
      legalBases: this.basisById,
      organisations: this.byId,
    };
    return rows.map((row) => exportActivity(row, linked));
  }

  /** Ends the transaction (read only: nothing to commit) and gives the connection back. Idempotent. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.open) await this.query('ROLLBACK');
    } finally {
      await this.runner.release();
    }
  }
}
