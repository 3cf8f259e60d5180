import type { DataSource, QueryRunner } from 'typeorm';
import type { ActivityView } from '../processing-activities/service';
import type { CookieDetails } from '../../entities/collection-channel';
import type { ExportActivity, ExportFilters, ExportLegalBasis, ExportOrganisation, ExportRetention, ExportTotals } from './dto';
import { countRecord, exportActivity, exportOrganisations, type LinkedDetails, type OrganisationRow, type ReadModelRow } from './records';

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

/** PostgreSQL text[] as pg (an array) or a driver that leaves it as a literal ('{a,b}') gives it. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((item) => item.replace(/^"|"$/g, ''));
}

type Ref = { id: string; name: string };

/** A building block as the export needs it: its reference fields, its details and its rank in the read model's order. */
interface Block extends Ref {
  rank: number;
  description: string | null;
  [field: string]: unknown;
}

/** Every building block, by id (one query, before the activities). */
interface Blocks {
  purposes: Map<string, Block & { description: string | null }>;
  dataSubjectCategories: Map<string, Block & { vulnerable: boolean }>;
  dataCategories: Map<string, Block & { sensitivity: string }>;
  collectionChannels: Map<string, Block & { sourceType: string; mechanism: string; cookie: CookieDetails | null }>;
  recipients: Map<
    string,
    Block & { kind: string; country: string | null; category: string; organisation: Ref | null; processingAgreementRef: string | null }
  >;
  retentionRules: Map<string, Block & ExportRetention>;
  securityMeasures: Map<string, Block & { type: string; standardReference: string | null }>;
}

/** The activity's own columns, as the read model names them. */
type ActivityScalar =
  | 'id'
  | 'name'
  | 'description'
  | 'role'
  | 'status'
  | 'owner'
  | 'reviewDueAt'
  | 'dpiaRequired'
  | 'dpiaReference'
  | 'createdAt'
  | 'updatedAt'
  | 'version';

/**
 * An activity row of the compact query: its columns, and per link kind the ids (with the link's
 * own columns) in no particular order — `assemble` orders them.
 */
interface CompactRow extends Pick<ActivityView, ActivityScalar> {
  /** organisation ids */
  c: string[] | null;
  /** [purpose id, legitimate interest, assessment reference, legal basis ids] */
  p: [string, string | null, string | null, string[] | null][] | null;
  /** data subject category ids */
  s: string[] | null;
  /** [data category id, retention rule id, source channel ids] */
  d: [string, string | null, string[] | null][] | null;
  /** collection channel ids */
  ch: string[] | null;
  /** [recipient id, data category ids] */
  r: [string, string[] | null][] | null;
  /** [recipient id, country, mechanism id, safeguard, TIA reference], in the read model's order */
  t: [string, string, string | null, string | null, string | null][] | null;
  /** security measure ids */
  m: string[] | null;
}

/** The link columns of the compact activity query, for activity rows aliased `a` restricted by `scope` (ids). */
function compactLinks(scope: string) {
  const within = (alias: string) => `${alias}.activity_id IN (${scope})`;
  return {
    columns: `a.id, a.name, a.description, a.role, a.status, a.owner,
      to_char(a.review_due_at, 'YYYY-MM-DD') AS "reviewDueAt",
      a.dpia_required AS "dpiaRequired", a.dpia_reference AS "dpiaReference",
      a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
      lc.v AS c, lp.v AS p, ls.v AS s, ld.v AS d, lch.v AS ch, lr.v AS r, lt.v AS t, lm.v AS m`,
    joins: `
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(x.organisation_id) AS v FROM activity_controllers x WHERE ${within('x')} GROUP BY 1) lc ON lc.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(json_build_array(x.purpose_id, x.legitimate_interest, x.assessment_reference, y.v)) AS v
                   FROM activity_purposes x
                   LEFT JOIN (SELECT y.activity_purpose_id AS k, json_agg(y.legal_basis_id) AS v FROM activity_purpose_legal_bases y WHERE ${within('y')} GROUP BY 1) y ON y.k = x.id
                  WHERE ${within('x')} GROUP BY 1) lp ON lp.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(x.data_subject_category_id) AS v FROM activity_data_subject_categories x WHERE ${within('x')} GROUP BY 1) ls ON ls.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(json_build_array(x.data_category_id, x.retention_rule_id, y.v)) AS v
                   FROM activity_data_categories x
                   LEFT JOIN (SELECT y.activity_data_category_id AS k, json_agg(y.collection_channel_id) AS v FROM activity_data_category_sources y WHERE ${within('y')} GROUP BY 1) y ON y.k = x.id
                  WHERE ${within('x')} GROUP BY 1) ld ON ld.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(x.collection_channel_id) AS v FROM activity_collection_channels x WHERE ${within('x')} GROUP BY 1) lch ON lch.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(json_build_array(x.recipient_id, y.v)) AS v
                   FROM activity_recipients x
                   LEFT JOIN (SELECT y.activity_recipient_id AS k, json_agg(y.data_category_id) AS v FROM activity_recipient_data_categories y WHERE ${within('y')} GROUP BY 1) y ON y.k = x.id
                  WHERE ${within('x')} GROUP BY 1) lr ON lr.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k,
                        json_agg(json_build_array(x.recipient_id, x.country, x.mechanism_id, x.safeguard, x.tia_reference) ORDER BY lower(tr.name), x.country, x.id) AS v
                   FROM activity_transfers x JOIN recipients tr ON tr.id = x.recipient_id
                  WHERE ${within('x')} GROUP BY 1) lt ON lt.k = a.id
      LEFT JOIN (SELECT x.activity_id AS k, json_agg(x.security_measure_id) AS v FROM activity_security_measures x WHERE ${within('x')} GROUP BY 1) lm ON lm.k = a.id`,
  };
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
  readonly stats: ReadStats = { queries: 0, pages: 0, fetches: 0 };
  readonly totals: ExportTotals = { activities: 0, controllerActivities: 0, processorActivities: 0, purposeRows: 0 };
  organisations: ExportOrganisation[] = [];
  legalBases: ExportLegalBasis[] = [];
  controllers: ExportOrganisation[] = [];
  processors: ExportOrganisation[] = [];
  rightIris = new Map<string, string>();
  private readonly byId = new Map<string, ExportOrganisation>();
  private readonly basisById = new Map<string, ExportLegalBasis>();
  private readonly organisationRank = new Map<string, number>();
  private readonly basisRank = new Map<string, number>();
  private blocks!: Blocks;
  private linked!: LinkedDetails;
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
      this.organisationRank.set(organisation.id, this.organisations.length);
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
    this.legalBases.forEach((basis, rank) => {
      this.basisById.set(basis.id, basis);
      this.basisRank.set(basis.id, rank);
    });

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
    await this.readBlocks();
  }

  /**
   * Every building block an activity can link, with its rank in the order the read model lists
   * it (lower(name), id — ranked by PostgreSQL, so its collation decides, as in the API). One
   * query; building blocks are the register's vocabulary, not its records.
   */
  private async readBlocks() {
    const ranked = (table: string, fields = '') =>
      `(SELECT COALESCE(json_agg(json_build_object('id', x.id, 'name', x.name, 'rank', x.rank, 'description', x.description${fields ? `, ${fields}` : ''})), '[]'::json)
          FROM (SELECT t.*, row_number() OVER (ORDER BY lower(t.name), t.id) AS rank FROM ${table} t) x)`;
    const [row] = await this.query<Record<keyof Blocks, Block[]>>(
      `SELECT
         ${ranked('purposes')} AS purposes,
         ${ranked('data_subject_categories', `'vulnerable', x.vulnerable`)} AS "dataSubjectCategories",
         ${ranked('data_categories', `'sensitivity', x.sensitivity`)} AS "dataCategories",
         ${ranked('collection_channels', `'sourceType', x.source_type, 'mechanism', x.mechanism, 'cookie', x.cookie`)} AS "collectionChannels",
         ${ranked(
           'recipients',
           `'kind', x.kind, 'country', x.country, 'category', x.category, 'processingAgreementRef', x.processing_agreement_ref,
            'organisation', (SELECT json_build_object('id', o.id, 'name', o.name) FROM organisations o WHERE o.id = x.organisation_id)`,
         )} AS recipients,
         ${ranked(
           'retention_rules',
           `'duration', x.duration, 'maximumDuration', x.maximum_duration, 'startEvent', x.start_event, 'endAction', x.end_action, 'legalReference', x.legal_reference`,
         )} AS "retentionRules",
         ${ranked('security_measures', `'type', x.type, 'standardReference', x.standard_reference`)} AS "securityMeasures"`,
    );
    const index = <T extends Block>(items: Block[]) => new Map(items.map((item) => [item.id, item as T]));
    this.blocks = {
      purposes: index(row!.purposes),
      dataSubjectCategories: index(row!.dataSubjectCategories),
      dataCategories: index(row!.dataCategories),
      collectionChannels: index(row!.collectionChannels),
      recipients: index(row!.recipients),
      retentionRules: index(row!.retentionRules),
      securityMeasures: index(row!.securityMeasures),
    };
    const retention = new Map<string, ExportRetention>();
    for (const rule of this.blocks.retentionRules.values()) {
      retention.set(rule.id, {
        id: rule.id,
        name: rule.name,
        description: rule.description,
        duration: rule.duration,
        maximumDuration: rule.maximumDuration,
        startEvent: rule.startEvent,
        endAction: rule.endAction,
        legalReference: rule.legalReference,
      });
    }
    this.linked = {
      purposes: this.blocks.purposes,
      dataSubjectCategories: this.blocks.dataSubjectCategories,
      dataCategories: this.blocks.dataCategories,
      collectionChannels: this.blocks.collectionChannels,
      recipients: this.blocks.recipients,
      retentionRules: retention,
      securityMeasures: this.blocks.securityMeasures,
      legalBases: this.basisById,
      organisations: this.byId,
    };
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
    const links = compactLinks(`SELECT a.id FROM processing_activities a WHERE ${where}`);
    const sql = `SELECT ${links.columns} FROM processing_activities a ${links.joins} WHERE ${where} ORDER BY lower(a.name), a.id`;
    for await (const rows of this.cursor<CompactRow>('register_controller_records', sql, params)) {
      const activities = rows.map((row) => exportActivity(this.assemble(row), this.linked));
      for (const activity of activities) countRecord(this.totals, activity, 'controller');
      yield activities;
    }
  }

  async *processorPages(): AsyncGenerator<ProcessorEntry[]> {
    if (!this.wants('processor')) return;
    const params: unknown[] = [];
    const where = this.where(params, 'processor');
    const links = compactLinks(`SELECT a.id FROM processing_activities a WHERE ${where}`);
    // One row per record and controller it acts for (records naming none: one row, last).
    const sql = `SELECT (o.id IS NULL) AS "gNull", o.id AS "gId", ${links.columns}
       FROM processing_activities a
       LEFT JOIN activity_controllers g ON g.activity_id = a.id
       LEFT JOIN organisations o ON o.id = g.organisation_id
       ${links.joins}
      WHERE ${where}
      ORDER BY (o.id IS NULL), coalesce(lower(o.name), ''), coalesce(o.id, '${noController}'::uuid), lower(a.name), a.id`;
    type Row = CompactRow & { gNull: boolean; gId: string | null };
    for await (const rows of this.cursor<Row>('register_processor_records', sql, params)) {
      yield rows.map((row): ProcessorEntry => {
        const activity = exportActivity(this.assemble(row), this.linked);
        const controllerId = row.gNull ? null : row.gId;
        // The read model lists controllers in the same order as the groups: the first one is where it first appears.
        const first = controllerId === null || activity.controllers[0]?.id === controllerId;
        if (first) countRecord(this.totals, activity, 'processor');
        return { controllerId, first, activity };
      });
    }
  }

  /** A compact row as the read model's row: references named and listed in the read model's order. */
  private assemble(row: CompactRow): ReadModelRow {
    const { blocks } = this;
    const byRank = <T>(items: T[] | null, rank: (item: T) => number): T[] => (items ? items.sort((x, y) => rank(x) - rank(y)) : []);
    const refOf = (block: Block): Ref => ({ id: block.id, name: block.name });
    const basis = (id: string) => {
      const found = this.basisById.get(id)!;
      return { id: found.id, name: found.name, code: found.code, article: found.article, kind: found.kind };
    };
    const recipient = (id: string) => {
      const found = blocks.recipients.get(id)!;
      return { id: found.id, name: found.name, kind: found.kind, country: found.country };
    };
    const refs = (ids: string[] | null, map: Map<string, Block>) => byRank(ids, (id) => map.get(id)!.rank).map((id) => refOf(map.get(id)!));
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      role: row.role,
      status: row.status,
      owner: row.owner,
      reviewDueAt: row.reviewDueAt,
      dpiaRequired: row.dpiaRequired,
      dpiaReference: row.dpiaReference,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      controllers: byRank(row.c, (id) => this.organisationRank.get(id)!).map((id) => {
        const organisation = this.byId.get(id)!;
        return { id: organisation.id, name: organisation.name };
      }),
      purposes: byRank(row.p, ([id]) => blocks.purposes.get(id)!.rank).map(([id, legitimateInterest, assessmentReference, bases]) => ({
        purpose: refOf(blocks.purposes.get(id)!),
        legalBases: byRank(bases, (basisId) => this.basisRank.get(basisId)!).map(basis),
        legitimateInterest,
        assessmentReference,
      })),
      dataSubjectCategories: refs(row.s, blocks.dataSubjectCategories),
      dataCategories: byRank(row.d, ([id]) => blocks.dataCategories.get(id)!.rank).map(([id, ruleId, sources]) => {
        const category = blocks.dataCategories.get(id)!;
        const rule = ruleId ? blocks.retentionRules.get(ruleId)! : null;
        return {
          dataCategory: { id: category.id, name: category.name, sensitivity: category.sensitivity },
          retentionRule: rule
            ? ({ id: rule.id, name: rule.name, duration: rule.duration, maximumDuration: rule.maximumDuration } as Ref)
            : null,
          sourceChannels: refs(sources, blocks.collectionChannels),
        };
      }),
      collectionChannels: refs(row.ch, blocks.collectionChannels),
      recipients: byRank(row.r, ([id]) => blocks.recipients.get(id)!.rank).map(([id, categories]) => ({
        recipient: recipient(id),
        dataCategories: refs(categories, blocks.dataCategories),
      })),
      transfers: (row.t ?? []).map(([recipientId, country, mechanismId, safeguard, tiaReference]) => ({
        recipient: recipient(recipientId),
        country,
        mechanism: mechanismId ? basis(mechanismId) : null,
        safeguard,
        tiaReference,
      })),
      securityMeasures: refs(row.m, blocks.securityMeasures),
      // Derived from the legal bases by exportActivity (withRights), as for every read-model row.
      rights: [],
    };
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
