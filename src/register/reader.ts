import type { DataSource, QueryRunner } from 'typeorm';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import { linkTargets } from '../processing-activities/links';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import { assembleActivity, compactActivityQuery, type BlockIndex, type CompactRow } from '../processing-activities/read-model';
import type {
  ExportActivity,
  ExportDataFlow,
  ExportFilters,
  ExportLegalBasis,
  ExportOrganisation,
  ExportOrganisationalUnit,
  ExportPrivacyPolicy,
  ExportSystemEntry,
  ExportTotals,
} from './dto';
import {
  countRecord,
  exportActivity,
  exportDataFlow,
  exportOrganisations,
  exportPolicy,
  exportSystemEntry,
  exportLegalBasis,
  exportUnits,
  type LegalBasisRow,
  type LinkedDetails,
} from './records';
import type { NotApproved } from '../reviews/approved';

/**
 * The register as the export reads it: header parts (organisations, legal bases, controllers,
 * processors) and every linked building block first, then the activities as ONE query per side
 * (controller records, processor records) read through a server-side cursor, `pageSize` rows per
 * FETCH. However large the register, an export runs the same fixed set of statements; only the
 * number of FETCHes of the one activity query grows (one per page), and never more than a page
 * is in memory.
 *
 * The activity query is set-based and compact: each link table is aggregated once, grouped by
 * activity, as ids (and the link's own columns); names and details come from the building blocks
 * read up front, and lists are put in the read model's order by each building block's rank (its
 * position in PostgreSQL's own ORDER BY). The rows it assembles are exactly the read model's
 * (src/processing-activities/read-model.ts; test/perf/query-counts.test.ts compares them), at a
 * fraction of the cost of building every reference as JSON in SQL.
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

/** The activities the approved state leaves out because they were never approved (none in the working state). */
export type { NotApproved } from '../reviews/approved';

/** What a renderer (JSON, JSON-LD, CSV) needs: the header, then the activity pages. */
export interface RegisterSource {
  readonly generatedAt: string;
  readonly filters: ExportFilters;
  /** Every organisational unit, by key: what the entries' `ownerUnit` names. */
  readonly organisationalUnits: ExportOrganisationalUnit[];
  readonly organisations: ExportOrganisation[];
  readonly legalBases: ExportLegalBasis[];
  readonly privacyPolicies: ExportPrivacyPolicy[];
  /** Every system of the register, by name (whatever the filter: they are the register's, not a record's). */
  readonly systems: ExportSystemEntry[];
  /** Every recorded data flow, by name. */
  readonly dataFlows: ExportDataFlow[];
  /** Whether the records carry the internal notes. */
  readonly internalNotes: boolean;
  /** Organisations named as controllers by the exported controller-side records. */
  readonly controllers: ExportOrganisation[];
  /** This register's keeper as processor (see ExportProcessorRegister.processors). */
  readonly processors: ExportOrganisation[];
  /** DPV IRIs of the data subject rights, by code (for JSON-LD). */
  readonly rightIris: ReadonlyMap<string, string>;
  /** In the approved state: the activities left out because they were never approved (the filters applied); else none. */
  readonly notApproved: NotApproved[];
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
  /** Statements sent, FETCHes included. */
  queries: number;
  /** Pages of activities read (each one FETCH of the activity query). */
  pages: number;
  /** Of `queries`, the FETCHes that continue an open cursor (not new statements). */
  fetches?: number;
}

export const defaultPageSize = 500;
/** Records built at a time from a page's rows. */
export const assembleBatch = 50;
const noController = '00000000-0000-0000-0000-000000000000';

export interface RegisterOptions {
  pageSize?: number;
  /** Read the data subject rights' DPV IRIs (JSON-LD). */
  rightIris?: boolean;
  /** Fill in the internal notes (auditors and admins asked for them). */
  internalNotes?: boolean;
}

export async function openRegister(dataSource: DataSource, filter: RegisterFilter, options: RegisterOptions = {}): Promise<RegisterReader> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const reader = new RegisterReader(runner, filter, options.pageSize ?? defaultPageSize, options.internalNotes ?? false);
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
  readonly stats: ReadStats = { queries: 0, pages: 0, fetches: 0 };
  readonly totals: ExportTotals = { activities: 0, controllerActivities: 0, processorActivities: 0, purposeRows: 0, notApproved: 0 };
  /** The live reader is the working state: every activity, approved or not. */
  readonly notApproved: NotApproved[] = [];
  organisationalUnits: ExportOrganisationalUnit[] = [];
  organisations: ExportOrganisation[] = [];
  legalBases: ExportLegalBasis[] = [];
  controllers: ExportOrganisation[] = [];
  processors: ExportOrganisation[] = [];
  rightIris = new Map<string, string>();
  privacyPolicies: ExportPrivacyPolicy[] = [];
  systems: ExportSystemEntry[] = [];
  dataFlows: ExportDataFlow[] = [];
  private readonly byId = new Map<string, ExportOrganisation>();
  private readonly basisById = new Map<string, ExportLegalBasis>();
  private blocks!: BlockIndex;
  private linked!: LinkedDetails;
  private open = false;
  private closed = false;

  constructor(
    private readonly runner: QueryRunner,
    private readonly filter: RegisterFilter,
    private readonly pageSize: number,
    readonly internalNotes: boolean,
  ) {
    this.filters = { status: filter.status ?? null, owner: filter.owner ?? null, role: filter.role ?? null, asOf: null, state: 'working' };
  }

  organisation(id: string) {
    return this.byId.get(id);
  }

  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
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

    // Every building block a link points at, the organisations and the privacy policies: one statement.
    const wanted = Object.fromEntries(
      [
        ...linkTargets().filter((kind) => kind !== 'legalBases'),
        'organisations' as const,
        'privacyPolicies' as const,
        'systems' as const,
        'dataFlows' as const,
        'organisationalUnits' as const,
      ].map((kind) => [kind, 'all' as const]),
    );
    const loaded = await loadLinkedBlocks((sql, params) => this.query(sql, params), wanted);
    const rows = (kind: BuildingBlockKey) => [...(loaded[kind]?.values() ?? [])].map(({ row }) => row);
    this.organisationalUnits = exportUnits(rows('organisationalUnits'));
    const options = { internalNotes: this.internalNotes, unitKeys: new Map(this.organisationalUnits.map((unit) => [unit.id, unit.key])) };

    // The legal bases the exported records use, and those organisations state for all their transfers.
    const params: unknown[] = [];
    const where = this.where(params);
    const bases = await this.query<LegalBasisRow>(
      `SELECT lb.id, lb.code, lb.name, lb.kind, lb.article, lb.description, lb.jurisdiction, lb.dpv_iri AS "dpvIri", lb.built_in AS "builtIn",
              lb.owner_unit_id AS "ownerUnitId"
         FROM legal_bases lb
        WHERE lb.id IN (SELECT y.legal_basis_id FROM activity_purpose_legal_bases y JOIN processing_activities a ON a.id = y.activity_id WHERE ${where}
                        UNION
                        SELECT y.legal_basis_id FROM activity_legal_bases y JOIN processing_activities a ON a.id = y.activity_id WHERE ${where}
                        UNION
                        SELECT t.mechanism_id FROM activity_transfers t JOIN processing_activities a ON a.id = t.activity_id WHERE ${where}
                        UNION
                        SELECT o.transfer_mechanism_id FROM organisations o
                        UNION
                        SELECT f.transfer_mechanism_id FROM data_flows f)
        ORDER BY lb.code`,
      params,
    );
    this.legalBases = bases.map((basis) => exportLegalBasis(basis, options));
    this.legalBases.forEach((basis) => this.basisById.set(basis.id, basis));

    const behindRecipient = new Set(rows('recipients').map((recipient) => recipient.organisationId as string | null));
    for (const organisation of exportOrganisations(rows('organisations'), this.basisById, options)) {
      this.organisations.push(organisation);
      this.byId.set(organisation.id, organisation);
    }
    this.privacyPolicies = rows('privacyPolicies')
      .filter((policy) => this.byId.has(policy.organisationId))
      .map((policy) => exportPolicy(policy, this.byId.get(policy.organisationId)!, options));

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
        (organisation) => organisation.roles.includes('processor') && !behindRecipient.has(organisation.id),
      );
    }
    if (rightIris) {
      const rights = await this.query<{ code: string; dpvIri: string }>('SELECT code, dpv_iri AS "dpvIri" FROM data_subject_rights');
      this.rightIris = new Map(rights.map((right) => [right.code, right.dpvIri]));
    }

    // Organisations and legal bases ranked as the header lists them (by name; by code), the rest as loaded.
    const ranked = <T extends { id: string }>(entries: T[]) => new Map(entries.map((row, rank) => [row.id, { row, rank }]));
    this.blocks = {
      ...(Object.fromEntries(Object.keys(buildingBlocks).map((kind) => [kind, new Map()])) as unknown as BlockIndex),
      ...loaded,
      organisations: ranked(this.organisations),
      legalBases: ranked(this.legalBases),
    };
    this.linked = {
      block: (kind, id) => this.blocks[kind].get(id)?.row,
      organisations: this.byId,
      legalBases: this.basisById,
      ...options,
    };
    this.systems = rows('systems').map((system) => exportSystemEntry(system, this.linked));
    this.dataFlows = rows('dataFlows').map((flow) => exportDataFlow(flow, this.linked));
  }

  /**
   * Declares the cursor for `sql` and reads its rows a page (one FETCH) at a time, yielding them
   * in slices of `assembleBatch`: the records built from a slice are garbage before the next is
   * built, so they die young instead of piling up in the old generation (peak RSS). The cursor
   * lives until the transaction ends (close()), so an abandoned generator leaks nothing.
   */
  private async *cursor<T>(name: string, sql: string, params: unknown[]): AsyncGenerator<T[]> {
    await this.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      this.stats.fetches = (this.stats.fetches ?? 0) + 1;
      const rows = await this.query<T>(`FETCH FORWARD ${this.pageSize} FROM ${name}`);
      if (rows.length > 0) this.stats.pages += 1;
      for (let start = 0; start < rows.length; start += assembleBatch) yield rows.slice(start, start + assembleBatch);
      if (rows.length < this.pageSize) return;
    }
  }

  async *controllerPages(): AsyncGenerator<ExportActivity[]> {
    if (!this.wants('controller')) return;
    const params: unknown[] = [];
    const where = this.where(params, 'controller');
    const sql = compactActivityQuery({
      from: 'processing_activities a',
      where,
      scope: `SELECT a.id FROM processing_activities a WHERE ${where}`,
      orderBy: 'lower(a.name), a.id',
    });
    for await (const rows of this.cursor<CompactRow>('register_controller_records', sql, params)) {
      const activities = rows.map((row) => exportActivity(assembleActivity(row, this.blocks), this.linked));
      for (const activity of activities) countRecord(this.totals, activity, 'controller');
      yield activities;
    }
  }

  async *processorPages(): AsyncGenerator<ProcessorEntry[]> {
    if (!this.wants('processor')) return;
    const params: unknown[] = [];
    const where = this.where(params, 'processor');
    // One row per record and controller it acts for (records naming none: one row, last).
    const sql = compactActivityQuery({
      from: `processing_activities a
       LEFT JOIN activity_controllers g ON g.activity_id = a.id
       LEFT JOIN organisations o ON o.id = g.organisation_id`,
      where,
      scope: `SELECT a.id FROM processing_activities a WHERE ${where}`,
      extra: `(o.id IS NULL) AS "gNull", o.id AS "gId"`,
      orderBy: `(o.id IS NULL), coalesce(lower(o.name), ''), coalesce(o.id, '${noController}'::uuid), lower(a.name), a.id`,
    });
    type Row = CompactRow & { gNull: boolean; gId: string | null };
    for await (const rows of this.cursor<Row>('register_processor_records', sql, params)) {
      yield rows.map((row): ProcessorEntry => {
        const { gNull, gId, ...activityRow } = row;
        const activity = exportActivity(assembleActivity(activityRow as CompactRow, this.blocks), this.linked);
        const controllerId = gNull ? null : gId;
        // The read model lists controllers in the same order as the groups: the first one is where it first appears.
        const first = controllerId === null || activity.controllers[0]?.id === controllerId;
        if (first) countRecord(this.totals, activity, 'processor');
        return { controllerId, first, activity };
      });
    }
  }

  /** Ends the transaction (read only: nothing to commit; it closes the cursors) and gives the connection back. Idempotent. */
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
