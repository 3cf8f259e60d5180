import { EntityRef } from '../http/common-dto';
import type { ClassType } from '../http/dto';
import type { BuildingBlockKey } from '../resources';
import { DataCategoryRef, LegalBasisRef, RecipientRef, RetentionRuleRef } from './dto';
import { SystemRef } from '../systems/dto';

/**
 * The catalogue of a processing activity's links: every kind of link an activity has, declared
 * once. Everything that reads or writes links is driven by it — the read model's SQL (per
 * activity and set-based), the export's assembly of compact rows, reference validation, link
 * writes, the request shape of a stored activity, the register document's names, the list
 * filters, and every walk over an activity's references (history, findings, the linked building
 * blocks that findings, the privacy notice and the export load).
 *
 * A link list is stored in a link table whose rows point at their owner (the activity, or the
 * row of an enclosing list). Its items are either a building block's reference itself (a *flat*
 * list: requests send ids, responses carry the reference) or objects made of parts: references,
 * the link's own columns, and nested lists. The order of the parts is the order of the fields in
 * the response.
 */

/** A reference from a link row to a building block. */
export interface RefPart {
  part: 'ref';
  /** Field of the response item, e.g. `purpose` (unused for a flat list's item). */
  field: string;
  /** Field of the request item, e.g. `purposeId` (unused for a flat list's item). */
  input: string;
  /** Column of the link table. */
  column: string;
  target: BuildingBlockKey;
  /** How the response shows the reference: a DTO class whose fields are the target's columns. */
  shape: ClassType;
  /** May be null (e.g. a data category's retention rule). */
  optional?: boolean;
  /** The list filter that finds activities by this reference (`?purposeId=`). */
  filter?: string;
  /** A legal basis that must, or must not, be of this kind. */
  basisKind?: { must?: string; mustNot?: string; message: string };
  /** An organisation that must hold one of these roles. */
  organisationRoles?: { any: string[]; message: string };
  /** The id must also be among the ids of this top-level list (its first reference). */
  within?: { list: string; message: string };
}

/** A value of the link row itself, e.g. a purpose's legitimate interest. */
export interface ColumnPart {
  part: 'column';
  field: string;
  column: string;
  /** The list filter that finds activities by this value (`?transferCountry=`). */
  filter?: string;
  /**
   * What the row holds when a request does not state the value: an enumeration's `not-stated`, or
   * what the item's other values imply (a transfer with a country goes to that country); null otherwise.
   */
  unstated?: string | ((item: Record<string, unknown>) => string);
}

/** A column's value when the item does not state it. */
export const unstatedValue = (column: ColumnPart, item: Record<string, unknown>): unknown =>
  typeof column.unstated === 'function' ? column.unstated(item) : (column.unstated ?? null);

export interface ListPart {
  part: 'list';
  /** Field of the response (and of the register document). */
  field: string;
  /** Field of the request: `controllerIds` for a flat list, `purposes` for a list of objects. */
  input: string;
  table: string;
  /** Column pointing at the owner: `activity_id`, or the enclosing list's row (`activity_purpose_id`). */
  owner: string;
  /** A flat list's reference, or an object item's parts (its first reference identifies it). */
  item: RefPart | (RefPart | ColumnPart | ListPart)[];
  /**
   * A flat list's own columns (a controller's relationship, a legal basis's note): the response
   * item is the reference with these fields; a request item is an id, or `{ id, …these }`.
   */
  columns?: ColumnPart[];
  /** Items' order: by references (their building block's order), link columns, or the row's `id`. Default: the first reference. */
  order?: ({ ref: string } | { column: string } | 'id')[];
  /** An object item's first reference may appear once per list. */
  unique?: boolean;
  /** Every id must also be among the ids of this top-level list (its first reference). */
  within?: { list: string; message: string };
}

export type LinkPart = RefPart | ColumnPart | ListPart;

const ref = (field: string, spec: Omit<RefPart, 'part' | 'field'>): RefPart => ({ part: 'ref', field, ...spec });
const column = (field: string, name: string, filter?: string, unstated?: ColumnPart['unstated']): ColumnPart => ({
  part: 'column',
  field,
  column: name,
  ...(filter ? { filter } : {}),
  ...(unstated ? { unstated } : {}),
});
/** A flat list's item: only the reference matters. */
const item = (spec: Omit<RefPart, 'part' | 'field' | 'input'>): RefPart => ({ part: 'ref', field: '', input: '', ...spec });

/** A legal basis a purpose or the activity rests on: any kind but a transfer mechanism. */
const legalBasisItem = (whose: string) =>
  item({
    column: 'legal_basis_id',
    target: 'legalBases',
    shape: LegalBasisRef,
    filter: 'legalBasisId',
    basisKind: { mustNot: 'transfer-mechanism', message: `is a transfer mechanism; use it on a transfer, not as a basis for ${whose}` },
  });

/** Every link list of a processing activity, in the order of its response fields. */
export const activityLinks: ListPart[] = [
  {
    part: 'list',
    field: 'controllers',
    input: 'controllerIds',
    table: 'activity_controllers',
    owner: 'activity_id',
    item: item({
      column: 'organisation_id',
      target: 'organisations',
      shape: EntityRef,
      filter: 'controllerId',
      organisationRoles: {
        any: ['controller', 'joint-controller'],
        message: 'is not a controller: add the role controller or joint-controller to the organisation first',
      },
    }),
    columns: [column('relationship', 'relationship', undefined, 'not-stated')],
  },
  {
    part: 'list',
    field: 'purposes',
    input: 'purposes',
    table: 'activity_purposes',
    owner: 'activity_id',
    unique: true,
    item: [
      ref('purpose', { input: 'purposeId', column: 'purpose_id', target: 'purposes', shape: EntityRef, filter: 'purposeId' }),
      {
        part: 'list',
        field: 'legalBases',
        input: 'legalBasisIds',
        table: 'activity_purpose_legal_bases',
        owner: 'activity_purpose_id',
        item: legalBasisItem('a purpose'),
        columns: [column('note', 'note')],
      },
      column('legitimateInterest', 'legitimate_interest'),
      column('assessmentReference', 'assessment_reference'),
    ],
  },
  {
    part: 'list',
    field: 'legalBases',
    input: 'legalBasisIds',
    table: 'activity_legal_bases',
    owner: 'activity_id',
    item: legalBasisItem('the activity'),
    columns: [column('note', 'note')],
  },
  {
    part: 'list',
    field: 'dataSubjectCategories',
    input: 'dataSubjectCategoryIds',
    table: 'activity_data_subject_categories',
    owner: 'activity_id',
    item: item({ column: 'data_subject_category_id', target: 'dataSubjectCategories', shape: EntityRef, filter: 'dataSubjectCategoryId' }),
  },
  {
    part: 'list',
    field: 'dataCategories',
    input: 'dataCategories',
    table: 'activity_data_categories',
    owner: 'activity_id',
    unique: true,
    item: [
      ref('dataCategory', {
        input: 'dataCategoryId',
        column: 'data_category_id',
        target: 'dataCategories',
        shape: DataCategoryRef,
        filter: 'dataCategoryId',
      }),
      ref('retentionRule', {
        input: 'retentionRuleId',
        column: 'retention_rule_id',
        target: 'retentionRules',
        shape: RetentionRuleRef,
        optional: true,
        filter: 'retentionRuleId',
      }),
      {
        part: 'list',
        field: 'sourceChannels',
        input: 'sourceChannelIds',
        table: 'activity_data_category_sources',
        owner: 'activity_data_category_id',
        item: item({ column: 'collection_channel_id', target: 'collectionChannels', shape: EntityRef }),
        within: { list: 'collectionChannels', message: "must also be listed in the activity's collectionChannelIds" },
      },
    ],
  },
  {
    part: 'list',
    field: 'retentionRules',
    input: 'retentionRuleIds',
    table: 'activity_retention_rules',
    owner: 'activity_id',
    item: item({ column: 'retention_rule_id', target: 'retentionRules', shape: RetentionRuleRef, filter: 'retentionRuleId' }),
  },
  {
    part: 'list',
    field: 'collectionChannels',
    input: 'collectionChannelIds',
    table: 'activity_collection_channels',
    owner: 'activity_id',
    item: item({ column: 'collection_channel_id', target: 'collectionChannels', shape: EntityRef, filter: 'collectionChannelId' }),
  },
  {
    part: 'list',
    field: 'recipients',
    input: 'recipients',
    table: 'activity_recipients',
    owner: 'activity_id',
    unique: true,
    item: [
      ref('recipient', { input: 'recipientId', column: 'recipient_id', target: 'recipients', shape: RecipientRef, filter: 'recipientId' }),
      {
        part: 'list',
        field: 'dataCategories',
        input: 'dataCategoryIds',
        table: 'activity_recipient_data_categories',
        owner: 'activity_recipient_id',
        item: item({ column: 'data_category_id', target: 'dataCategories', shape: EntityRef }),
        within: { list: 'dataCategories', message: "must be one of the activity's dataCategories" },
      },
    ],
  },
  {
    part: 'list',
    field: 'transfers',
    input: 'transfers',
    table: 'activity_transfers',
    owner: 'activity_id',
    order: [{ ref: 'recipient' }, { column: 'country' }, 'id'],
    item: [
      ref('recipient', { input: 'recipientId', column: 'recipient_id', target: 'recipients', shape: RecipientRef, filter: 'recipientId' }),
      column('destination', 'destination', undefined, (transfer) =>
        transfer.country ? 'country' : transfer.internationalOrganisation ? 'international-organisation' : 'not-stated',
      ),
      column('country', 'country', 'transferCountry'),
      column('internationalOrganisation', 'international_organisation'),
      ref('via', {
        input: 'viaRecipientId',
        column: 'via_recipient_id',
        target: 'recipients',
        shape: RecipientRef,
        optional: true,
        filter: 'recipientId',
        within: { list: 'recipients', message: "must be one of the activity's recipients (the processor the data goes on from)" },
      }),
      ref('mechanism', {
        input: 'mechanismId',
        column: 'mechanism_id',
        target: 'legalBases',
        shape: LegalBasisRef,
        optional: true,
        filter: 'legalBasisId',
        basisKind: { must: 'transfer-mechanism', message: 'is not a transfer mechanism (Art. 45–49)' },
      }),
      column('safeguard', 'safeguard'),
      column('tiaReference', 'tia_reference'),
    ],
  },
  {
    part: 'list',
    field: 'securityMeasures',
    input: 'securityMeasureIds',
    table: 'activity_security_measures',
    owner: 'activity_id',
    item: item({ column: 'security_measure_id', target: 'securityMeasures', shape: EntityRef, filter: 'securityMeasureId' }),
  },
  {
    part: 'list',
    field: 'systems',
    input: 'systems',
    table: 'activity_systems',
    owner: 'activity_id',
    unique: true,
    item: [
      ref('system', { input: 'systemId', column: 'system_id', target: 'systems', shape: SystemRef, filter: 'systemId' }),
      {
        part: 'list',
        field: 'dataCategories',
        input: 'dataCategoryIds',
        table: 'activity_system_data_categories',
        owner: 'activity_system_id',
        item: item({ column: 'data_category_id', target: 'dataCategories', shape: EntityRef }),
        within: { list: 'dataCategories', message: "must be one of the activity's dataCategories" },
      },
    ],
  },
];

/**
 * The activity's own fields a request may set, in the order of its response fields; each is the
 * column of the same name in snake_case. (id, createdAt, updatedAt and version are the row's own.)
 */
export const activityScalarInputs = [
  'name',
  'description',
  'role',
  'status',
  'owner',
  'ownerUnitId',
  'reviewDueAt',
  'dpiaRequired',
  'dpiaReference',
  'reference',
  'businessFunction',
  'recordGroup',
  'adoptedOn',
  'lastReviewedOn',
  'language',
  'sourceUrl',
  'sourcePhrase',
  'internalNote',
  'statedAbsences',
  'automatedDecisions',
  'automatedDecisionLogic',
  'automatedDecisionSignificance',
  'automatedDecisionSafeguards',
  'jointArrangementRef',
  'jointArrangementEssence',
] as const;

/** Of those, the calendar dates (read as YYYY-MM-DD) and the lists (read as JSON arrays, whatever the driver). */
export const activityDateInputs: ReadonlySet<string> = new Set(['reviewDueAt', 'adoptedOn', 'lastReviewedOn']);
export const activityArrayInputs: ReadonlySet<string> = new Set(['statedAbsences']);

export const isFlat = (list: ListPart): list is ListPart & { item: RefPart } => !Array.isArray(list.item);

/** An object list's parts, or a flat list's reference and its columns. */
export const partsOf = (list: ListPart): LinkPart[] => (Array.isArray(list.item) ? list.item : [list.item, ...(list.columns ?? [])]);

/** A flat list's item in a request or a document: an id (or name) alone, or `{ id | name, …columns }`. */
export function flatItem(list: ListPart, item: unknown, key: 'id' | 'name'): { ref: string; columns: Record<string, unknown> } {
  const object = typeof item === 'string' ? {} : (item as Record<string, unknown>);
  return {
    ref: typeof item === 'string' ? item : (object[key] as string),
    columns: Object.fromEntries(
      (list.columns ?? []).map((column) => [column.field, object[column.field] ?? unstatedValue(column, object)]),
    ),
  };
}

/** The reference that identifies an item: a flat list's item, an object list's first reference. */
export function primaryRef(list: ListPart): RefPart {
  const found = partsOf(list).find((part): part is RefPart => part.part === 'ref');
  if (!found) throw new Error(`link list ${list.field} has no reference`);
  return found;
}

/** Object lists have a row id of their own (nested lists point at it; a transfer may repeat its recipient). */
export const hasRowId = (list: ListPart) => !isFlat(list);

/** Every building block some link points at, in catalogue order. */
export function linkTargets(lists: ListPart[] = activityLinks): BuildingBlockKey[] {
  const targets = new Set<BuildingBlockKey>();
  const visit = (list: ListPart) => {
    for (const part of partsOf(list)) {
      if (part.part === 'list') visit(part);
      else if (part.part === 'ref') targets.add(part.target);
    }
  };
  lists.forEach(visit);
  return [...targets];
}

/** The linked-to list filters: query parameter → the link tables and columns it searches. */
export function linkFilters(lists: ListPart[] = activityLinks): Record<string, { table: string; column: string }[]> {
  const filters: Record<string, { table: string; column: string }[]> = {};
  const visit = (list: ListPart) => {
    for (const part of partsOf(list)) {
      if (part.part === 'list') visit(part);
      else if (part.filter) (filters[part.filter] ??= []).push({ table: list.table, column: part.column });
    }
  };
  lists.forEach(visit);
  return filters;
}

/** Every link table and column that points at building block `target` (each link table carries activity_id). */
export function linkColumnsTo(target: BuildingBlockKey, lists: ListPart[] = activityLinks): { table: string; column: string }[] {
  const found: { table: string; column: string }[] = [];
  const visit = (list: ListPart) => {
    for (const part of partsOf(list)) {
      if (part.part === 'list') visit(part);
      else if (part.part === 'ref' && part.target === target) found.push({ table: list.table, column: part.column });
    }
  };
  lists.forEach(visit);
  return found;
}
