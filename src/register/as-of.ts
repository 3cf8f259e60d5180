import type { DataSource } from 'typeorm';
import type { HistoryService, StateEntry } from '../history/service';
import { linkedIds } from '../processing-activities/link-walk';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import type { ActivityView } from '../processing-activities/view';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
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
import type { ProcessorEntry, ReadStats, RegisterFilter, RegisterOptions, RegisterSource } from './reader';
import {
  countRecord,
  exportActivity,
  exportDataFlow,
  exportOrganisations,
  exportPolicy,
  exportSystemEntry,
  exportUnits,
  exportLegalBasis,
  type LegalBasisRow,
  type LinkedDetails,
} from './records';
import type { JsonObject } from '../http/dto';
import type { NotApproved, RegisterState } from '../reviews/approved';

/**
 * The register as it stood at a past moment (GET /v1/register?asOf=…), replayed from the audit
 * trail: every change recorded the entry as it was after it, so the last record per entry up to
 * `asOf` is that entry then, and the names an activity shows are the names of that moment
 * (HistoryService.stateAt). The same records and renderers as the live export turn it into JSON,
 * JSON-LD or CSV.
 *
 * Not in the trail, and read as they are now because they never change: the built-in GDPR legal
 * bases and the data subject rights (shipped reference data, read-only through the API). An entry
 * written behind the API's back (plain SQL) has no trail either: it is shown as it is now.
 *
 * The past state is read whole (two queries, whatever the size): history is a point-in-time view
 * that an auditor asks for now and then, not the streaming hot path.
 *
 * The same source serves the approved state (src/register/approved.ts): entries as they are now,
 * activities as their latest approval kept them.
 */

type Json = JsonObject;

const byResource = (entries: StateEntry[], resource: string) =>
  entries.filter((entry) => entry.resource === resource).map((entry) => entry.value as Json);

export async function openRegisterAsOf(
  dataSource: DataSource,
  history: HistoryService,
  filter: RegisterFilter,
  asOf: string,
  options: RegisterOptions = {},
): Promise<HistoricalRegister> {
  const stats: ReadStats = { queries: 0, pages: 0 };
  const state = await history.stateAt(asOf);
  stats.queries += 1;
  stats.queries += await addUntracked(dataSource, state);
  const builtInBases: ExportLegalBasis[] = await dataSource.query(
    `SELECT id, code, name, kind, article, description, jurisdiction, dpv_iri AS "dpvIri", built_in AS "builtIn",
            owner_unit_id AS "ownerUnitId"
       FROM legal_bases WHERE built_in`,
  );
  stats.queries += 1;
  let rightIris = new Map<string, string>();
  if (options.rightIris) {
    const rights: { code: string; dpvIri: string }[] = await dataSource.query('SELECT code, dpv_iri AS "dpvIri" FROM data_subject_rights');
    stats.queries += 1;
    rightIris = new Map(rights.map((right) => [right.code, right.dpvIri]));
  }
  return new HistoricalRegister(
    state,
    builtInBases,
    rightIris,
    filter,
    { asOf, state: 'working', notApproved: [] },
    options.pageSize ?? 500,
    stats,
    options.internalNotes ?? false,
  );
}

/** Resource (URL segment) → building block, for the trail's entries. */
const blockOfResource = new Map(
  Object.entries(buildingBlocks).map(([key, definition]) => [definition.path as string, key as BuildingBlockKey]),
);

/**
 * Entries the past activities link to that the trail does not hold — written behind the API's
 * back, never changed since — added as they are now (the best there is), so the past register
 * stays whole. Built-in legal bases are read separately. One query, when there are any; returns
 * the queries it made.
 */
async function addUntracked(dataSource: DataSource, state: StateEntry[]): Promise<number> {
  const known = new Set(state.map((entry) => `${entry.resource}:${entry.id}`));
  const activities = state.filter((entry) => entry.resource === 'processing-activities').map((entry) => entry.value);
  const missing: Partial<Record<BuildingBlockKey, string[]>> = {};
  for (const [kind, ids] of linkedIds(activities)) {
    const unknown = [...ids].filter((id) => !known.has(`${buildingBlocks[kind].path}:${id}`));
    if (unknown.length > 0) missing[kind] = unknown;
  }
  if (Object.keys(missing).length === 0) return 0;
  const found = await loadLinkedBlocks((sql, params) => dataSource.query(sql, params), missing);
  for (const kind of Object.keys(missing) as BuildingBlockKey[]) {
    for (const { row } of found[kind]?.values() ?? []) {
      if (kind === 'legalBases' && row.builtIn) continue;
      state.push({ resource: buildingBlocks[kind].path, id: row.id, name: row.name, value: row });
    }
  }
  return 1;
}

export class HistoricalRegister implements RegisterSource {
  readonly generatedAt = new Date().toISOString();
  readonly filters: ExportFilters;
  readonly totals: ExportTotals;
  readonly notApproved: NotApproved[];
  readonly organisationalUnits: ExportOrganisationalUnit[];
  readonly organisations: ExportOrganisation[];
  readonly legalBases: ExportLegalBasis[];
  readonly privacyPolicies: ExportPrivacyPolicy[];
  readonly systems: ExportSystemEntry[];
  readonly dataFlows: ExportDataFlow[];
  readonly controllers: ExportOrganisation[];
  readonly processors: ExportOrganisation[];
  private readonly byId: Map<string, ExportOrganisation>;
  private readonly activities: ActivityView[];
  private readonly linked: LinkedDetails;

  constructor(
    state: StateEntry[],
    /** The built-in legal bases, as they are now (with the id of their owner unit, `ownerUnitId`). */
    builtInBases: LegalBasisRow[],
    readonly rightIris: ReadonlyMap<string, string>,
    filter: RegisterFilter,
    /** The moment replayed (null: now), the state the entries are in, and what that state leaves out. */
    shown: { asOf: string | null; state: RegisterState; notApproved: NotApproved[] },
    private readonly pageSize: number,
    readonly stats: ReadStats,
    readonly internalNotes: boolean,
  ) {
    this.filters = {
      status: filter.status ?? null,
      owner: filter.owner ?? null,
      role: filter.role ?? null,
      asOf: shown.asOf,
      state: shown.state,
    };
    this.notApproved = shown.notApproved;
    this.totals = { activities: 0, controllerActivities: 0, processorActivities: 0, purposeRows: 0, notApproved: shown.notApproved.length };
    const recipients = byResource(state, 'recipients');

    this.activities = (byResource(state, 'processing-activities') as ActivityView[]).filter(
      (activity) =>
        (!filter.status || activity.status === filter.status) &&
        (!filter.owner || activity.owner === filter.owner) &&
        (!filter.role || activity.role === filter.role),
    );

    // The units of that moment, and so who owned what then.
    this.organisationalUnits = exportUnits(byResource(state, 'organisational-units'));
    const options = { internalNotes, unitKeys: new Map(this.organisationalUnits.map((unit) => [unit.id, unit.key])) };
    const bases = new Map<string, ExportLegalBasis>(builtInBases.map((basis) => [basis.id, exportLegalBasis(basis, options)]));
    for (const basis of byResource(state, 'legal-bases')) {
      bases.set(
        basis.id,
        exportLegalBasis(
          {
            id: basis.id,
            code: basis.code,
            name: basis.name,
            kind: basis.kind,
            article: basis.article,
            description: basis.description,
            jurisdiction: basis.jurisdiction,
            dpvIri: basis.dpvIri,
            builtIn: basis.builtIn,
            ownerUnitId: basis.ownerUnitId,
          },
          options,
        ),
      );
    }
    // As the live reader: the bases the records use, and those organisations state for all their transfers.
    const used = new Set<string>();
    for (const activity of this.activities) {
      for (const purpose of activity.purposes) for (const basis of purpose.legalBases) used.add(basis.id);
      for (const basis of activity.legalBases ?? []) used.add(basis.id);
      for (const transfer of activity.transfers) if (transfer.mechanism) used.add(transfer.mechanism.id);
    }
    const organisationRows = byResource(state, 'organisations');
    for (const organisation of organisationRows) if (organisation.transferMechanismId) used.add(organisation.transferMechanismId);
    const flowRows = byResource(state, 'data-flows');
    for (const flow of flowRows) if (flow.transferMechanismId) used.add(flow.transferMechanismId);
    this.legalBases = [...bases.values()]
      .filter((basis) => used.has(basis.id))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

    // Entries come ordered as the live reader orders them: lower(name), id.
    this.organisations = exportOrganisations(organisationRows, bases, options);
    this.byId = new Map(this.organisations.map((organisation) => [organisation.id, organisation]));
    this.privacyPolicies = byResource(state, 'privacy-policies')
      .filter((policy) => this.byId.has(policy.organisationId))
      .map((policy) => exportPolicy(policy, this.byId.get(policy.organisationId)!, options));

    const wants = (side: 'controller' | 'processor') => !filter.role || (side === 'processor') === (filter.role === 'processor');
    const named = new Set(this.activities.filter((a) => a.role !== 'processor').flatMap((a) => a.controllers.map((ref) => ref.id)));
    this.controllers = wants('controller') ? this.organisations.filter((organisation) => named.has(organisation.id)) : [];
    const behindRecipient = new Set(recipients.map((recipient) => recipient.organisationId).filter(Boolean));
    this.processors = wants('processor')
      ? this.organisations.filter((organisation) => organisation.roles.includes('processor') && !behindRecipient.has(organisation.id))
      : [];

    const rows = new Map(
      state
        .filter((entry) => blockOfResource.has(entry.resource))
        .map((entry) => [`${blockOfResource.get(entry.resource)}:${entry.id}`, entry.value]),
    );
    this.linked = {
      block: (kind, id) => rows.get(`${kind}:${id}`),
      legalBases: bases,
      organisations: this.byId,
      ...options,
    };
    // The systems and flows of that moment, with the names their ends, providers and categories had then.
    this.systems = byResource(state, 'systems').map((system) => exportSystemEntry(system, this.linked));
    this.dataFlows = flowRows.map((flow) => exportDataFlow(flow, this.linked));
  }

  organisation(id: string) {
    return this.byId.get(id);
  }

  async *controllerPages(): AsyncGenerator<ExportActivity[]> {
    if (this.filters.role === 'processor') return;
    const records = this.activities.filter((activity) => activity.role !== 'processor');
    for (let start = 0; start < records.length; start += this.pageSize) {
      this.stats.pages += 1;
      const page = records.slice(start, start + this.pageSize).map((activity) => exportActivity(activity, this.linked));
      for (const activity of page) countRecord(this.totals, activity, 'controller');
      yield page;
    }
  }

  async *processorPages(): AsyncGenerator<ProcessorEntry[]> {
    if (this.filters.role && this.filters.role !== 'processor') return;
    // Grouped per controller in the live reader's order: controllers by (lower(name), id) — the
    // order of `organisations` — then the records naming none; within a group, by activity.
    const rank = new Map(this.organisations.map((organisation, i) => [organisation.id, i]));
    const entries: { group: number; order: number; controllerId: string | null; first: boolean; activity: ActivityView }[] = [];
    this.activities.forEach((activity, order) => {
      if (activity.role !== 'processor') return;
      const groups = activity.controllers
        .filter((ref) => rank.has(ref.id))
        .map((ref) => ({ group: rank.get(ref.id)!, controllerId: ref.id }));
      if (groups.length === 0) groups.push({ group: Number.MAX_SAFE_INTEGER, controllerId: null as never });
      groups.sort((a, b) => a.group - b.group);
      groups.forEach(({ group, controllerId }, i) =>
        entries.push({ group, order, controllerId: controllerId ?? null, first: i === 0, activity }),
      );
    });
    entries.sort((a, b) => a.group - b.group || a.order - b.order);
    for (let start = 0; start < entries.length; start += this.pageSize) {
      this.stats.pages += 1;
      const page = entries.slice(start, start + this.pageSize).map((entry): ProcessorEntry => {
        const activity = exportActivity(entry.activity, this.linked);
        if (entry.first) countRecord(this.totals, activity, 'processor');
        return { controllerId: entry.controllerId, first: entry.first, activity };
      });
      yield page;
    }
  }

  /** Nothing held open: the state was read whole. */
  async close() {}
}
