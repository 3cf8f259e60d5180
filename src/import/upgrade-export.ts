import type { JsonSchema } from '../http/dto';

type Loose = Record<string, unknown>;
type Shape = (entry: Loose) => boolean;

// Which entry a format 1 object is, by the fields format 1 always wrote (retention rules,
// organisations and DPOs also appear inline, so the schema's name does not tell).
const any: Shape = () => true;
const document: Shape = (o) => 'documentType' in o;
const activity: Shape = (o) => 'dpiaRequired' in o;
const organisation: Shape = (o) => 'registrationNumber' in o;
const dpo: Shape = (o) => !('id' in o) && 'email' in o && 'phone' in o;
const retention: Shape = (o) => 'startEvent' in o;
const recipient: Shape = (o) => 'processingAgreementRef' in o;
const transfer: Shape = (o) => 'safeguard' in o;
const basisLink: Shape = (o) => 'article' in o && 'code' in o;
const dataCategory: Shape = (o) => 'sensitivity' in o;

/** Every field format 2 added, with the entries it was added to. */
const addedInFormat2: Record<string, Shape> = {
  privacyPolicies: document,
  internalNotes: document,
  sourcePhrase: any,
  internalNote: any,
  ...Object.fromEntries(
    [
      'reference',
      'businessFunction',
      'recordGroup',
      'adoptedOn',
      'lastReviewedOn',
      'language',
      'sourceUrl',
      'statedAbsences',
      'automatedDecisions',
      'automatedDecisionLogic',
      'automatedDecisionSignificance',
      'automatedDecisionSafeguards',
      'jointArrangementRef',
      'jointArrangementEssence',
      'legalBases',
      'retentionRules',
    ].map((field) => [field, activity]),
  ),
  ...Object.fromEntries(
    [
      'relationship',
      'contacts',
      'dpoRequired',
      'dpoRequiredReason',
      'publicBody',
      'framework',
      'language',
      'transferMechanism',
      'transferMechanismNote',
    ].map((field) => [field, organisation]),
  ),
  title: dpo,
  address: dpo,
  kind: retention,
  conditions: retention,
  processingAgreementStatus: recipient,
  processingAgreementDate: recipient,
  destination: transfer,
  internationalOrganisation: transfer,
  via: transfer,
  note: basisLink,
  examples: dataCategory,
};
// `language` belongs to activities and organisations alike.
addedInFormat2.language = (o) => activity(o) || organisation(o);

/**
 * Format 1 exports (written before the register could say "not stated", hold contacts,
 * frameworks, policies or internal notes) read as format 2, as the migration read the database
 * they came from: each field format 2 added is filled with what says nothing — an empty list,
 * null, `not-stated` — except where format 1 already implied the value: a retention rule with a
 * duration is a fixed duration, a transfer with a country goes to that country, a recipient with
 * an agreement reference has a signed agreement. Only added fields are filled, so a format 1
 * file that lacks one of its own fields is refused, with the problem at its path.
 */
export function upgradeFormat1(json: unknown, schema: JsonSchema): unknown {
  if (!isObject(json) || json.formatVersion !== 1) return json;
  const upgraded = fillRequired(json, schema, (key, entry, node) =>
    addedInFormat2[key]?.(entry) ? (implied(key, entry) ?? saysNothing(node)) : undefined,
  );
  upgraded.formatVersion = 2;
  return upgraded;
}

/**
 * A copy of `json` in which every object gets the required fields of its schema it lacks, as
 * `added` gives them (undefined: left out), walking the schema's definitions.
 */
function fillRequired(json: Loose, schema: JsonSchema, added: (key: string, entry: Loose, node: JsonSchema) => unknown): Loose {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const resolve = (node: JsonSchema): JsonSchema =>
    typeof node.$ref === 'string' ? (definitions[node.$ref.replace('#/definitions/', '')] ?? {}) : node;
  const fill = (value: unknown, node: JsonSchema): void => {
    const resolved = resolve(node);
    if (Array.isArray(value)) {
      if (resolved.items) for (const item of value) fill(item, resolved.items as JsonSchema);
      return;
    }
    if (!isObject(value) || !resolved.properties) return;
    const properties = resolved.properties as Record<string, JsonSchema>;
    for (const key of (resolved.required as string[] | undefined) ?? []) {
      if (key in value || !properties[key]) continue;
      const filled = added(key, value, resolve(properties[key]));
      if (filled !== undefined) value[key] = filled;
    }
    for (const [key, property] of Object.entries(properties)) if (key in value) fill(value[key], property);
  };
  const upgraded = structuredClone(json);
  fill(upgraded, schema);
  return upgraded;
}

/** Whether an export says who owns what: files from before organisational units do not (no `organisationalUnits` list). */
export const carriesOwnership = (json: unknown): boolean => isObject(json) && 'organisationalUnits' in json;

/**
 * Files exported before organisational units said nothing of who owns what: they read as listing
 * no unit and every entry's `ownerUnit` as null, so they pass the schema — and the import, told by
 * carriesOwnership that the file states no owner, leaves ownership as it is (src/import/from-export.ts).
 */
export function withOwnership(json: unknown, schema: JsonSchema): unknown {
  if (!isObject(json) || carriesOwnership(json)) return json;
  const upgraded = fillRequired(json, schema, (key) => (key === 'ownerUnit' ? null : undefined));
  upgraded.organisationalUnits = [];
  return upgraded;
}

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What format 1 already said about a field it did not have. */
function implied(key: string, entry: Loose): unknown {
  if (key === 'kind' && typeof entry.duration === 'string') return 'fixed-duration';
  if (key === 'destination' && typeof entry.country === 'string') return 'country';
  if (key === 'processingAgreementStatus' && typeof entry.processingAgreementRef === 'string') return 'signed';
  if (key === 'internalNotes') return false;
  return undefined;
}

/** The value of a field that states nothing: an empty list, `not-stated`, or null. */
function saysNothing(node: JsonSchema): unknown {
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('array')) return [];
  if (Array.isArray(node.enum) && node.enum.includes('not-stated')) return 'not-stated';
  return null;
}

/**
 * Files exported before activities listed their systems (the data map) said nothing about them:
 * an activity without `systems` reads as using none recorded, a file without the register's
 * `systems` and `dataFlows` lists as holding none beyond those, so those files still import.
 */
export function withSystems(json: unknown): unknown {
  if (!isObject(json)) return json;
  const activities: unknown[] = [];
  const controllerRegister = json.controllerRegister;
  if (isObject(controllerRegister) && Array.isArray(controllerRegister.activities)) activities.push(...controllerRegister.activities);
  const processorRegister = json.processorRegister;
  if (isObject(processorRegister) && Array.isArray(processorRegister.controllers)) {
    for (const group of processorRegister.controllers)
      if (isObject(group) && Array.isArray(group.activities)) activities.push(...group.activities);
  }
  const lists = ['systems', 'dataFlows'].filter((list) => !(list in json));
  if (lists.length === 0 && !activities.some((activity) => isObject(activity) && !('systems' in activity))) return json;
  const upgraded = structuredClone(json);
  // Nor did they list the register's systems and recorded flows: none recorded beyond the activities' systems.
  for (const list of lists) upgraded[list] = [];
  const fill = (list: unknown) => {
    if (Array.isArray(list)) for (const activity of list) if (isObject(activity) && !('systems' in activity)) activity.systems = [];
  };
  if (isObject(upgraded.controllerRegister)) fill(upgraded.controllerRegister.activities);
  if (isObject(upgraded.processorRegister) && Array.isArray(upgraded.processorRegister.controllers)) {
    for (const group of upgraded.processorRegister.controllers) if (isObject(group)) fill(group.activities);
  }
  return upgraded;
}

/**
 * Files exported before review and approval were the working register (every activity, approved
 * or not, as edited): they say so now — `filters.state: working`, and nothing left out as not
 * approved — so those files still import.
 */
export function withReviewState(json: unknown): unknown {
  if (!isObject(json)) return json;
  const filters = json.filters;
  const totals = json.totals;
  const lacks =
    !('notApproved' in json) || (isObject(filters) && !('state' in filters)) || (isObject(totals) && !('notApproved' in totals));
  if (!lacks) return json;
  const upgraded = structuredClone(json);
  if (!('notApproved' in upgraded)) upgraded.notApproved = [];
  if (isObject(upgraded.filters) && !('state' in upgraded.filters)) upgraded.filters.state = 'working';
  if (isObject(upgraded.totals) && !('notApproved' in upgraded.totals)) upgraded.totals.notApproved = 0;
  return upgraded;
}
