import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { call, legalBasisId } from '../helper';

/**
 * The real-register corpus (test/fixtures/real-registers/*.json): published records of processing
 * activities and register-shaped privacy policies, each as short facts with the source phrase, the
 * value and the field of the export that must hold it; the fields the source leaves unstated; and
 * how a DPO records it through the API. The checks here are pure: they read an export and the
 * corpus, and say which facts have no home and which exported values nobody stated.
 */

export const corpusDir = join(__dirname, '..', 'fixtures', 'real-registers');

export interface CorpusSource {
  url: string;
  retrievedOn: string;
  language: string;
  country: string;
  organisationKind: string;
  licence: string;
}

export interface CorpusFact {
  /** The source's words, a short quote. */
  phrase: string;
  /** What it says, as the API holds it. */
  value: unknown;
  /** Where in the export it belongs: a path such as `activities[Nieuwsbrief].retentionRules[…].kind`. */
  target: string;
}

export interface CorpusUnstated {
  target: string;
  /** What the source leaves open, in a few words. */
  note: string;
}

/** One API call of the recording: a building block, an organisation or an activity. */
export interface CorpusRecordStep {
  post: string;
  key: string;
  body: Record<string, unknown>;
}

export interface CorpusRegister {
  slug: string;
  title: string;
  source: CorpusSource;
  facts: CorpusFact[];
  unstated: CorpusUnstated[];
  record: CorpusRecordStep[];
}

export function loadCorpus(dir = corpusDir): CorpusRegister[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusRegister);
}

/**
 * Records a corpus register through the public API, as a DPO would: each step is a POST whose
 * body may name entries made before as `@key` and built-in legal bases as `@basis:<code>`.
 * Returns the created entries by key.
 */
export async function recordRegister(app: FastifyInstance, register: CorpusRegister): Promise<Map<string, { id: string }>> {
  const created = new Map<string, { id: string }>();
  const bases = new Map<string, string>();
  const resolve = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string' && value.startsWith('@basis:')) {
      const code = value.slice('@basis:'.length);
      if (!bases.has(code)) bases.set(code, await legalBasisId(app, code));
      return bases.get(code);
    }
    if (typeof value === 'string' && value.startsWith('@')) {
      const entry = created.get(value.slice(1));
      if (!entry) throw new Error(`${register.slug}: ${value} is not recorded (yet)`);
      return entry.id;
    }
    if (Array.isArray(value)) return Promise.all(value.map(resolve));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await resolve(item);
      return out;
    }
    return value;
  };
  for (const step of register.record) {
    const body = await resolve(step.body);
    const response = await call(app, 'POST', `/v1/${step.post}`, body);
    if (response.statusCode !== 201) {
      throw new Error(`${register.slug}: POST /v1/${step.post} (${step.key}) → ${response.statusCode}: ${response.body}`);
    }
    created.set(step.key, response.data);
  }
  return created;
}

type Json = any;

/** Every activity of the export: the controller register's and the processor register's (once each). */
export function exportedActivities(document: Json): Json[] {
  const seen = new Map<string, Json>();
  for (const activity of document.controllerRegister.activities) seen.set(activity.id, activity);
  for (const group of document.processorRegister.controllers) for (const activity of group.activities) seen.set(activity.id, activity);
  return [...seen.values()];
}

/** Building blocks by the export field they appear under, collected from every activity (first occurrence by name). */
function blocks(document: Json): Record<string, Json[]> {
  const byKind: Record<string, Map<string, Json>> = {};
  const add = (kind: string, item: Json) => {
    if (!item) return;
    const map = (byKind[kind] ??= new Map());
    if (!map.has(item.name)) map.set(item.name, item);
  };
  for (const activity of exportedActivities(document)) {
    for (const purpose of activity.purposes) add('purposes', purpose);
    for (const subject of activity.dataSubjectCategories) add('dataSubjectCategories', subject);
    // The activity's channels are whole; a data category's sources are their references.
    for (const channel of activity.collectionChannels) add('collectionChannels', channel);
    for (const category of activity.dataCategories) {
      add('dataCategories', category);
      add('retentionRules', category.retention);
      for (const source of category.sources) add('collectionChannels', source);
    }
    for (const rule of activity.retentionRules) add('retentionRules', rule);
    for (const recipient of activity.recipients) add('recipients', recipient);
    for (const measure of activity.securityMeasures) add('securityMeasures', measure);
  }
  return Object.fromEntries(Object.entries(byKind).map(([kind, map]) => [kind, [...map.values()]]));
}

/** What an array item is called by: a legal basis's code, its name, a contact's role, a transfer's recipient. */
function itemKey(item: Json): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  if (typeof item.code === 'string') return item.code;
  if (typeof item.name === 'string') return item.name;
  if (item.recipient && typeof item.recipient.name === 'string') return item.recipient.name;
  if (typeof item.role === 'string') return item.role;
  if (typeof item.condition === 'string') return item.condition;
  return undefined;
}

/** Splits `a[x.y].b.c[z]` into segments: a dot separates them only outside brackets. */
function segments(path: string): { field: string; key?: string }[] {
  const out: { field: string; key?: string }[] = [];
  for (const match of path.matchAll(/([^.[\]]+)(?:\[([^\]]+)\])?(?:\.|$)/g)) out.push({ field: match[1] ?? '', key: match[2] });
  if (out.map((s) => (s.key === undefined ? s.field : `${s.field}[${s.key}]`)).join('.') !== path)
    throw new Error(`bad corpus path ${path}`);
  return out;
}

const missing = Symbol('missing');

/** The building blocks a path may start from (found wherever an activity links them). */
const blockKinds = [
  'purposes',
  'dataSubjectCategories',
  'dataCategories',
  'retentionRules',
  'collectionChannels',
  'recipients',
  'securityMeasures',
];

/** The export's value at a corpus path, or `missing` when the path leads nowhere (no such field, no such item). */
export function resolvePath(document: Json, path: string): unknown {
  const [root, ...rest] = segments(path);
  if (!root) return missing;
  const roots: Record<string, Json> = {
    organisations: document.organisations,
    activities: exportedActivities(document),
    privacyPolicies: document.privacyPolicies,
    legalBases: document.legalBases,
    ...blocks(document),
  };
  if (!(root.field in roots) && !blockKinds.includes(root.field)) return missing;
  let current: Json = roots[root.field] ?? [];
  for (const [index, segment] of [root, ...rest].entries()) {
    if (index > 0) {
      if (current === null || typeof current !== 'object' || !(segment.field in current)) return missing;
      current = current[segment.field];
    }
    if (segment.key !== undefined) {
      if (!Array.isArray(current)) return missing;
      const found = segment.key.startsWith('#')
        ? current[Number(segment.key.slice(1))]
        : current.find((item) => itemKey(item) === segment.key);
      if (found === undefined) return missing;
      current = found;
    }
  }
  return current;
}

/** Whether an exported value holds a fact's value: equal, or — for a list — one of its items (or items named so). */
export function holds(exported: unknown, value: unknown): boolean {
  if (isDeepStrictEqual(exported, value)) return true;
  if (!Array.isArray(exported) || Array.isArray(value)) return false;
  return exported.some((item) => isDeepStrictEqual(item, value) || (typeof value === 'string' && itemKey(item) === value));
}

/** A value that says nothing: the enumerations' not-stated, null, an empty list. */
export const saysNothing = (value: unknown) => value === 'not-stated' || value === null || (Array.isArray(value) && value.length === 0);

/**
 * The export's fields a source must have stated to hold a value: the enumerations with a
 * not-stated, the nullable assessments, and the values an API could default (an activity's role,
 * a retention's end action and start event, a controller's relationship, a legal basis on a
 * purpose). An activity's `status` and a data category's `sensitivity` are not among them: the
 * first is the register keeper's workflow (draft, active), the second the law's classification
 * (Art. 9, 10) — see the README of the corpus.
 */
export const checkedFields = {
  organisations: ['roles', 'framework', 'dpoRequired', 'publicBody'],
  activities: ['role', 'automatedDecisions', 'statedAbsences', 'dpiaRequired'],
  retentionRules: ['kind', 'duration', 'maximumDuration', 'startEvent', 'endAction', 'legalReference'],
  recipients: ['kind', 'category', 'processingAgreementStatus', 'country'],
  collectionChannels: ['sourceType', 'mechanism'],
  securityMeasures: ['type'],
} as const;

/** Every stated value of a checked field in the export, with its corpus path. */
export function statedValues(document: Json): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  const visit = (prefix: string, item: Json, fields: readonly string[]) => {
    for (const field of fields) {
      const value = item[field];
      if (saysNothing(value) || value === undefined) continue;
      if (Array.isArray(value)) for (const element of value) out.push({ path: `${prefix}.${field}`, value: element });
      else out.push({ path: `${prefix}.${field}`, value });
    }
  };
  for (const organisation of document.organisations)
    visit(`organisations[${organisation.name}]`, organisation, checkedFields.organisations);
  for (const activity of exportedActivities(document)) {
    const at = `activities[${activity.name}]`;
    visit(at, activity, checkedFields.activities);
    for (const controller of activity.controllers) visit(`${at}.controllers[${controller.name}]`, controller, ['relationship']);
    for (const purpose of activity.purposes) {
      for (const basis of purpose.legalBases) out.push({ path: `${at}.purposes[${purpose.name}].legalBases`, value: basis.code });
    }
    for (const basis of activity.legalBases) out.push({ path: `${at}.legalBases`, value: basis.code });
    for (const transfer of activity.transfers) visit(`${at}.transfers[${transfer.recipient.name}]`, transfer, ['destination', 'country']);
  }
  for (const [kind, items] of Object.entries(blocks(document))) {
    const fields = checkedFields[kind as keyof typeof checkedFields];
    if (fields) for (const item of items) visit(`${kind}[${item.name}]`, item, fields);
  }
  return out;
}

export interface FidelityReport {
  slug: string;
  facts: number;
  /** Facts whose target field exists and holds the value. */
  homed: number;
  /** Facts without a home: the target is missing, or holds something else. */
  homeless: { fact: CorpusFact; found: unknown }[];
  /** Unstated fields that read back as not stated. */
  notStated: number;
  /** Unstated fields that hold a value after all, or do not exist. */
  unstatedBroken: { unstated: CorpusUnstated; found: unknown }[];
  /** Exported values no fact of the source states. */
  putInMouth: { path: string; value: unknown }[];
}

/** The fidelity check of one register's export against its corpus entry. */
export function checkFidelity(register: CorpusRegister, document: Json): FidelityReport {
  const homeless: FidelityReport['homeless'] = [];
  for (const fact of register.facts) {
    const found = resolvePath(document, fact.target);
    if (found === missing || !holds(found, fact.value)) homeless.push({ fact, found: found === missing ? '(no such field)' : found });
  }
  const unstatedBroken: FidelityReport['unstatedBroken'] = [];
  for (const unstated of register.unstated) {
    const found = resolvePath(document, unstated.target);
    if (found === missing || !saysNothing(found)) unstatedBroken.push({ unstated, found: found === missing ? '(no such field)' : found });
  }
  const putInMouth = statedValues(document).filter(
    ({ path, value }) => !register.facts.some((fact) => fact.target === path && statesExactly(fact.value, value)),
  );
  return {
    slug: register.slug,
    facts: register.facts.length,
    homed: register.facts.length - homeless.length,
    homeless,
    notStated: register.unstated.length - unstatedBroken.length,
    unstatedBroken,
    putInMouth,
  };
}

/** A fact justifies an exported value when it states exactly that value (or a list holding it). */
function statesExactly(factValue: unknown, exported: unknown): boolean {
  return (
    isDeepStrictEqual(factValue, exported) || (Array.isArray(factValue) && factValue.some((item) => isDeepStrictEqual(item, exported)))
  );
}

/** The corpus table: one row per register. */
export function corpusTable(rows: { register: CorpusRegister; report: FidelityReport; findings: string[] }[]): string {
  const lines = [
    '| Register | Language | Country | Kind | Facts | With a home | Not stated | Findings |',
    '|---|---|---|---|---:|---:|---:|---|',
  ];
  for (const { register, report, findings } of rows) {
    lines.push(
      `| [${register.title}](${register.source.url}) | ${register.source.language} | ${register.source.country} | ${register.source.organisationKind} | ${report.facts} | ${report.homed} | ${report.notStated} | ${findings.map((code) => `\`${code}\``).join(', ') || '—'} |`,
    );
  }
  return lines.join('\n');
}
