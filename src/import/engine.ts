import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../audit/recorder';
import { AppError, type ImportConflictDetail, type ImportProblemDetail } from '../errors';
import type { EntryServices } from '../entry-services';
import { withRights } from '../gdpr/rights';
import { etagOf } from '../http/etag';
import { linkViewFields, linksFromDocument } from '../processing-activities/link-walk';
import { activityColumns } from '../processing-activities/read-model';
import type { ActivityInput, ActivityView } from '../processing-activities/view';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import { flowEndBlocks } from '../register-document/schema';
import type { RegisterDocument } from './register-document';
import type { BodyValidator } from './validate';

/**
 * Brings a register document — entries that refer to each other by name (legal bases by code) —
 * into the register, through the same services, rules and audit trail as the API, in ONE
 * transaction: all or nothing.
 *
 * Entries are matched by their natural key (name, case-insensitive; legal bases by code). A match
 * whose stated fields equal the stored ones is left alone, so importing the same file twice
 * changes nothing. A match that differs is a conflict: `merge` refuses the whole import and lists
 * every conflict; `replace` overwrites the fields the file states. Fields a file does not state
 * (undefined) are neither compared nor written; a stated null clears. Only a file that is the
 * whole register (the register document) deletes, in replace mode, what it does not hold — never
 * an organisational unit (matched by key): tokens name units, so deleting one is an admin's act.
 * An entry's `ownerUnit` left out is not stated (ownership left as it is); null unassigns.
 * A dry run does all of it — checks, lookups, writes — and rolls back: it is the plan, and carries
 * the register's version, which an import can require to be unchanged (`expectedVersion`).
 */

export type ImportMode = 'merge' | 'replace';
export type ImportAction = 'create' | 'match' | 'change' | 'conflict' | 'delete';

/** The document an import brings: the seed's register document, where a stated null clears a field. */
export type ImportDocument = { [K in keyof RegisterDocument]: Nullable<NonNullable<RegisterDocument[K]>[number]>[] };
type Nullable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

export interface ImportEntry {
  resource: string;
  name: string;
  action: ImportAction;
  /** For change and conflict: the fields that differ. */
  fields?: string[];
}

export interface ImportCounts {
  create: number;
  match: number;
  change: number;
  conflict: number;
  delete: number;
}

export interface ImportReport {
  mode: ImportMode;
  dryRun: boolean;
  /** True when the register now holds the file (not a dry run, no conflict in merge mode). */
  applied: boolean;
  /** The register's version before the import (the plan's, for a dry run): see registerVersion. */
  version: string;
  counts: ImportCounts;
  byResource: Record<string, ImportCounts>;
  entries: ImportEntry[];
}

export class ImportConflictError extends AppError {
  constructor(readonly report: ImportReport) {
    const conflicts: ImportConflictDetail[] = report.entries
      .filter((entry) => entry.action === 'conflict')
      .map((entry) => ({ resource: entry.resource, name: entry.name, fields: entry.fields ?? [] }));
    super(
      'IMPORT_CONFLICT',
      `${conflicts.length} entr${conflicts.length === 1 ? 'y' : 'ies'} of the register differ from the file; nothing was imported. Import with mode=replace to overwrite them with the file's values, or change the file.`,
      { conflicts },
    );
  }
}

/** Rolls the dry run's transaction back, carrying its report out. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

type Body = Record<string, unknown>;
/** An entry of the document that names its owner unit (left out: not stated). */
type Owned = { ownerUnit?: string | null };
type Kind = BuildingBlockKey | 'processingActivities';

/** URL segment of a kind, for the report. */
const resourceOf = (kind: Kind) => (kind === 'processingActivities' ? 'processing-activities' : buildingBlocks[kind].path);

/** What a document names an entry of this kind by: its name, or its natural key (legal bases: code). */
const naturalKeyOf = (kind: Kind): string => (kind === 'processingActivities' ? 'name' : (buildingBlocks[kind].naturalKey ?? 'name'));

/** The building blocks a document holds (not read-only reference data); what exists of each is read in one query. */
const importedKinds = (Object.keys(buildingBlocks) as BuildingBlockKey[]).filter((kind) => !buildingBlocks[kind].readOnly);

/**
 * What a replace with the whole register never deletes: the organisational units. Identity-provider
 * tokens name them by key, so deleting one is an admin's act through the API, never a file's omission.
 */
const neverDeleted: ReadonlySet<Kind> = new Set(['organisationalUnits']);

/** Keeps the stated fields: drops undefined (not stated), review-only `source` and the owner (by name: see ownerOf). */
function stated(item: object, omit: string[] = []): Body {
  return Object.fromEntries(
    Object.entries(item).filter(([key, value]) => value !== undefined && !['source', 'ownerUnit', ...omit].includes(key)),
  );
}

/**
 * Order-insensitive, so a list of links in another order is the same list; inside an object an
 * empty list is the same as none (the export writes a cookie's `names: []` that storage omits).
 */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value
      .map(normalize)
      .map((v) => JSON.stringify(v))
      .sort();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, normalize(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
  return value;
}

/** The stated fields whose stored value differs. Timestamps compare as instants. */
export function differingFields(wanted: Body, stored: Body): string[] {
  const same = (a: unknown, b: unknown) => {
    if (typeof a === 'string' && (b instanceof Date || typeof b === 'string') && /^\d{4}-\d{2}-\d{2}T/.test(a)) {
      return Date.parse(a) === new Date(b as string).getTime();
    }
    // Input loses a leading U+FEFF (src/http/no-nul.ts); a value stored with one before is the same text.
    if (typeof a === 'string' && typeof b === 'string') return withoutByteOrderMark(a) === withoutByteOrderMark(b);
    return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b ?? null));
  };
  return Object.keys(wanted).filter((key) => !same(wanted[key], stored[key]));
}

/** A stored name may still start with U+FEFF (written before input dropped it); the file's never does. */
const withoutByteOrderMark = (text: string) => text.replace(/^\uFEFF+/, '');

const emptyCounts = (): ImportCounts => ({ create: 0, match: 0, change: 0, conflict: 0, delete: 0 });

/**
 * The register's version: how many changes the audit trail holds, and its latest. Every write to
 * the register (API, seed, import) appends an event in its own transaction, so any committed
 * change since a plan gives another version — the count too, since events commit out of sequence order.
 */
export async function registerVersion(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query('SELECT count(*)::text AS events, coalesce(max(sequence), 0)::text AS latest FROM audit_events')) as {
    events: string;
    latest: string;
  }[];
  return `"register-${row!.latest}-${row!.events}"`;
}

/** The register changed since the plan was made: nothing was imported. */
export const registerChanged = (expected: string, current: string) =>
  new AppError(
    'PRECONDITION_FAILED',
    `The register changed since the plan (version ${expected}; now ${current}); nothing was imported. Make a new plan (dryRun=true), review it, and apply that.`,
  );

export interface ImportOptions {
  mode: ImportMode;
  dryRun?: boolean;
  actor: Actor;
  /** The API's request validation; every entry is checked before anything is written. */
  validate: BodyValidator;
  /** Where an entry is in the file (a JSON Pointer), for problems found in its body. */
  originOf?: (resource: string, name: string) => string | undefined;
  /** The file is the whole register: in replace mode, entries it does not hold are deleted. */
  wholeRegister?: boolean;
  /** The version of the plan this import applies (If-Match): refused with 412 if the register changed since. */
  expectedVersion?: string;
}

export const importInvalid = (problems: ImportProblemDetail[]) =>
  new AppError('IMPORT_INVALID', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the file; nothing was imported.`, {
    problems,
  });

export async function importRegister(
  dataSource: DataSource,
  services: EntryServices,
  document: ImportDocument,
  options: ImportOptions,
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const problems = ImportRun.check(document, services, options.validate, options.originOf);
  if (problems.length > 0) throw importInvalid(problems);
  try {
    return await dataSource.transaction(async (manager) => {
      // No write to the register commits between the version read here and this import's commit.
      await manager.query('LOCK TABLE audit_events IN EXCLUSIVE MODE');
      const version = await registerVersion(manager);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw registerChanged(options.expectedVersion, version);
      }
      const deleting = options.mode === 'replace' && (options.wholeRegister ?? false);
      const run = new ImportRun(manager, services, document, options.mode, dryRun, options.actor, deleting);
      const report = { ...(await run.run()), version };
      if (dryRun) throw new DryRunDone(report);
      if (!report.applied) throw new ImportConflictError(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    if (error instanceof MissingDependency) {
      throw importInvalid([{ row: null, column: null, path: null, value: error.entryName, message: error.message }]);
    }
    throw error;
  }
}

interface Step {
  kind: Kind;
  name: string;
  /** The create/update body with names resolved to ids; throws while a dependency has no id yet. */
  wanted: () => Body;
  /** Stored entry in the shape of `wanted`. */
  stored?: (found: Body) => Body;
}

/** Stands in for an entry's id while bodies are checked before names are resolved: one per name, so distinct links stay distinct. */
function placeholderId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class ImportRun {
  /** Checks every entry's body against the API's schema, ids stood in for: every problem, before any write. */
  static check(
    document: ImportDocument,
    services: EntryServices,
    validate: BodyValidator,
    originOf?: ImportOptions['originOf'],
  ): ImportProblemDetail[] {
    const run = new ImportRun(undefined, services, document, 'merge', true, { sub: 'check' });
    run.placeholders = true;
    const problems: ImportProblemDetail[] = [];
    for (const step of run.steps()) {
      const resource = resourceOf(step.kind);
      const origin = originOf?.(resource, step.name);
      for (const error of validate(resource, step.wanted())) {
        problems.push(
          origin !== undefined
            ? { row: null, column: null, path: `${origin}${error.path}`, value: null, message: error.message }
            : {
                row: null,
                column: null,
                path: null,
                value: step.name,
                message: `${resource} "${step.name}": ${error.path || 'the entry'} ${error.message}`,
              },
        );
      }
    }
    return problems;
  }

  private placeholders = false;
  private readonly ids = new Map<string, string>();
  private readonly existing = new Map<string, Body>();
  private readonly entries: ImportEntry[] = [];

  constructor(
    private readonly transaction: EntityManager | undefined,
    private readonly services: EntryServices,
    private readonly document: ImportDocument,
    private readonly mode: ImportMode,
    private readonly dryRun: boolean,
    private readonly actor: Actor,
    private readonly deleting = false,
  ) {}

  private key(kind: Kind, name: string) {
    return `${kind}:${withoutByteOrderMark(name).toLowerCase()}`;
  }

  private get manager(): EntityManager {
    if (!this.transaction) throw new Error('an import run writes only inside its transaction');
    return this.transaction;
  }

  private idOf(kind: Kind, name: string): string {
    if (this.placeholders) return placeholderId(this.key(kind, name));
    const id = this.ids.get(this.key(kind, name));
    if (!id) throw new MissingDependency(kind, name);
    return id;
  }

  async run(): Promise<Omit<ImportReport, 'version'>> {
    await this.loadExisting();
    for (const step of this.steps()) await this.apply(step);
    // Representatives, now that every organisation has an id.
    for (const item of this.document.organisations) {
      if (item.representative === undefined) continue;
      const representativeId = item.representative === null ? null : this.idOf('organisations', item.representative);
      await this.apply({ kind: 'organisations', name: item.name, wanted: () => ({ representativeId }) }, true);
    }
    if (this.deleting) await this.deleteUnlisted();
    return this.report();
  }

  /**
   * Replace with the whole register: deletes every entry the file does not hold — activities
   * first, then building blocks, retrying those still linked from another entry being deleted
   * (a narrower data category, a represented organisation) until none is left. Built-in legal
   * bases are reference data, never the file's to delete.
   */
  private async deleteUnlisted() {
    const listed = new Set(this.steps().map((step) => this.key(step.kind, step.name)));
    const kinds = (['processingActivities', ...[...importedKinds].reverse()] as Kind[]).filter((kind) => !neverDeleted.has(kind));
    let pending: { kind: Kind; key: string; found: Body }[] = [];
    for (const kind of kinds) {
      for (const [key, found] of this.existing) {
        if (!key.startsWith(`${kind}:`) || listed.has(key) || (kind === 'legalBases' && found.builtIn)) continue;
        pending.push({ kind, key, found });
      }
    }
    while (pending.length > 0) {
      const left: typeof pending = [];
      let lastError: unknown;
      for (const entry of pending) {
        try {
          await this.remove(entry.kind, entry.found);
          this.existing.delete(entry.key);
          this.entries.push({ resource: resourceOf(entry.kind), name: String(entry.found[naturalKeyOf(entry.kind)]), action: 'delete' });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'STILL_REFERENCED')) throw error;
          left.push(entry);
          lastError = error;
        }
      }
      if (left.length === pending.length) {
        const error = lastError as AppError;
        throw importInvalid([
          { row: null, column: null, path: null, value: null, message: `cannot delete what the file leaves out: ${error.detail}` },
        ]);
      }
      pending = left;
    }
  }

  private remove(kind: Kind, found: Body): Promise<void> {
    const etag = etagOf(found);
    if (kind === 'processingActivities') return this.services.processingActivities.remove(String(found.id), etag, this.actor, this.manager);
    return this.services[kind].remove(String(found.id), etag, this.actor, this.manager);
  }

  /** One step per entry, in dependency order. */
  private steps(): Step[] {
    const d = this.document;
    // Every entry but a unit is owned: its `ownerUnit`, when stated, is its ownerUnitId.
    const crud = (kind: Kind, item: Owned, name: string, wanted: () => Body): Step => ({
      kind,
      name,
      wanted: () => ({ ...wanted(), ...this.ownerOf(item) }),
    });
    const optionalId = (kind: Kind, name: string | null | undefined) =>
      name === undefined ? {} : { id: name === null ? null : this.idOf(kind, name) };

    // Organisations first without their representative (it may be listed after them): see run().
    return [
      ...(d.organisationalUnits ?? []).map((item) => ({
        kind: 'organisationalUnits' as const,
        name: item.key,
        wanted: () => stated(item),
      })),
      ...d.legalBases.map((item) => crud('legalBases', item, item.code, () => stated(item))),
      ...d.organisations.map((item) =>
        crud('organisations', item, item.name, () => {
          const mechanism = optionalId('legalBases', item.transferMechanism);
          return {
            ...stated(item, ['representative', 'transferMechanism']),
            ...('id' in mechanism ? { transferMechanismId: mechanism.id } : {}),
          };
        }),
      ),
      ...d.dataSubjectCategories.map((item) => crud('dataSubjectCategories', item, item.name, () => stated(item))),
      ...d.dataCategories.map((item) =>
        crud('dataCategories', item, item.name, () => {
          const parent = optionalId('dataCategories', item.parent);
          return { ...stated(item, ['parent']), ...('id' in parent ? { parentId: parent.id } : {}) };
        }),
      ),
      ...d.collectionChannels.map((item) => crud('collectionChannels', item, item.name, () => stated(item))),
      ...d.purposes.map((item) => crud('purposes', item, item.name, () => stated(item))),
      ...d.recipients.map((item) =>
        crud('recipients', item, item.name, () => {
          const organisation = optionalId('organisations', item.organisation);
          return { ...stated(item, ['organisation']), ...('id' in organisation ? { organisationId: organisation.id } : {}) };
        }),
      ),
      ...d.retentionRules.map((item) => crud('retentionRules', item, item.name, () => stated(item))),
      ...d.securityMeasures.map((item) => crud('securityMeasures', item, item.name, () => stated(item))),
      ...(d.systems ?? []).map((item) =>
        crud('systems', item, item.name, () => {
          const provider = optionalId('organisations', item.provider);
          return {
            ...stated(item, ['provider', 'securityMeasures']),
            ...('id' in provider ? { providerId: provider.id } : {}),
            ...(item.securityMeasures
              ? { securityMeasureIds: item.securityMeasures.map((name) => this.idOf('securityMeasures', name)) }
              : {}),
          };
        }),
      ),
      ...(d.dataFlows ?? []).map((item) =>
        crud('dataFlows', item, item.name, () => {
          const mechanism = optionalId('legalBases', item.transferMechanism);
          return {
            ...stated(item, ['from', 'to', 'dataCategories', 'transferMechanism']),
            fromId: this.idOf(flowEndBlocks[item.fromKind], item.from),
            toId: this.idOf(flowEndBlocks[item.toKind], item.to),
            ...(item.dataCategories ? { dataCategoryIds: item.dataCategories.map((name) => this.idOf('dataCategories', name)) } : {}),
            ...('id' in mechanism ? { transferMechanismId: mechanism.id } : {}),
          };
        }),
      ),
      ...d.privacyPolicies.map((item) =>
        crud('privacyPolicies', item, item.name, () => ({
          ...stated(item, ['organisation']),
          organisationId: this.idOf('organisations', item.organisation),
        })),
      ),
      ...d.activities.map((item): Step => ({
        kind: 'processingActivities',
        name: item.name,
        wanted: () => this.activityBody(item),
        stored: (found) => ({ ...found, ...this.services.processingActivities.asInput(found as never) }),
      })),
    ];
  }

  /**
   * Reads every existing entry of the kinds the document names, one query per kind, as the API
   * represents it: a change passes the entry's ETag, which is the representation's (a recipient
   * with its organisation resolved) — the bare row's never matched, and replace answered 412.
   */
  private async loadExisting() {
    for (const kind of importedKinds) {
      const rows = (await this.services[kind].all(this.manager)) as unknown as Body[];
      for (const row of rows) {
        const name = String(row[naturalKeyOf(kind)]);
        this.ids.set(this.key(kind, name), String(row.id));
        this.existing.set(this.key(kind, name), row);
        // A unit is matched by its key, and may be named by its name too.
        if (kind === 'organisationalUnits' && !this.ids.has(this.key(kind, String(row.name))))
          this.ids.set(this.key(kind, String(row.name)), String(row.id));
      }
    }
    // As the API represents them (derived rights included), so their ETags match.
    const activities = ((await this.manager.query(`SELECT ${activityColumns} FROM processing_activities a`)) as ActivityView[]).map(
      withRights,
    );
    for (const activity of activities) {
      this.ids.set(this.key('processingActivities', activity.name), activity.id);
      this.existing.set(this.key('processingActivities', activity.name), activity as unknown as Body);
    }
  }

  /** Creates, matches, changes or records a conflict for one entry. `patchOnly`: a second pass on an entry already reported. */
  private async apply(step: Step, patchOnly = false) {
    const key = this.key(step.kind, step.name);
    const found = this.existing.get(key);
    const wanted = step.wanted();
    const entry: ImportEntry = { resource: resourceOf(step.kind), name: step.name, action: 'create' };
    if (!found) {
      const created = await this.create(step.kind, wanted);
      this.ids.set(key, created.id);
      this.existing.set(key, created as unknown as Body);
      this.entries.push(entry);
      return;
    }
    const fields = differingFields(wanted, step.stored ? step.stored(found) : found);
    if (patchOnly) {
      const reported = this.entries.find((e) => e.resource === entry.resource && e.name === step.name);
      if (fields.length === 0) return;
      if (reported?.action === 'create') {
        this.existing.set(key, (await this.update(step.kind, found, wanted)) as Body);
        return;
      }
      if (reported) {
        reported.fields = [...new Set([...(reported.fields ?? []), ...fields])];
        if (reported.action === 'match') reported.action = this.mode === 'replace' ? 'change' : 'conflict';
      }
      if (this.mode === 'replace') this.existing.set(key, (await this.update(step.kind, found, wanted)) as Body);
      return;
    }
    if (fields.length === 0) {
      this.entries.push({ ...entry, action: 'match' });
    } else if (this.mode === 'replace') {
      this.existing.set(key, (await this.update(step.kind, found, wanted)) as Body);
      this.entries.push({ ...entry, action: 'change', fields });
    } else {
      this.entries.push({ ...entry, action: 'conflict', fields });
    }
  }

  private create(kind: Kind, body: Body): Promise<{ id: string }> {
    if (kind === 'processingActivities') return this.services.processingActivities.create(body as ActivityInput, this.actor, this.manager);
    return this.services[kind].create(body as never, this.actor, this.manager);
  }

  private update(kind: Kind, found: Body, body: Body): Promise<unknown> {
    // The entry as read in this transaction: a concurrent change makes the update fail, not vanish.
    const etag = etagOf(found);
    if (kind === 'processingActivities')
      return this.services.processingActivities.update(String(found.id), body as ActivityInput, etag, this.actor, this.manager);
    return this.services[kind].update(String(found.id), body as never, etag, this.actor, this.manager);
  }

  /** An activity of the document as a create request: its own fields as stated, its links (by name) as ids. */
  private activityBody(item: ImportDocument['activities'][number]): Body {
    return stated({
      ...stated(item, linkViewFields),
      ...linksFromDocument(item, (target, name) => this.idOf(target, name)),
      ...this.ownerOf(item),
    });
  }

  /** An entry's owner as the API takes it: left out when the file does not state it, null when owned by no unit. */
  private ownerOf(item: Owned): Body {
    if (item.ownerUnit === undefined) return {};
    return { ownerUnitId: item.ownerUnit === null ? null : this.idOf('organisationalUnits', item.ownerUnit) };
  }

  private report(): Omit<ImportReport, 'version'> {
    const counts = emptyCounts();
    const byResource: Record<string, ImportCounts> = {};
    for (const entry of this.entries) {
      counts[entry.action] += 1;
      (byResource[entry.resource] ??= emptyCounts())[entry.action] += 1;
    }
    const applied = !this.dryRun && counts.conflict === 0;
    return { mode: this.mode, dryRun: this.dryRun, applied, counts, byResource, entries: this.entries };
  }
}

/** A name the document uses for an entry it neither holds nor the register has. */
export class MissingDependency extends Error {
  constructor(
    readonly kind: Kind,
    readonly entryName: string,
  ) {
    super(
      `refers to ${resourceOf(kind).replace(/s$/, '').replace(/-/g, ' ')} "${entryName}", which neither the file nor the register holds`,
    );
  }
}
