import type { JsonSchema } from '../http/dto';
import { activityLinks, isFlat, partsOf, type ListPart, type RefPart } from '../processing-activities/links';
import { standaloneJsonSchema } from '../register/schema';
import type { FlowEndKind } from '../../entities/data-flow';
import { buildingBlocks, type BuildingBlockKey } from '../resources';

/**
 * The register document for people (YAML or JSON): the whole register as a person writes it —
 * entries refer to each other by name or by a key the author chooses, built-in legal bases by code
 * or article, no ids, no derived fields, no totals. Its JSON Schema (openapi/register-document.schema.json)
 * is derived from the API's create DTOs and the activity link catalogue, so a field added to a
 * building block or a link kind added to the catalogue is in the document without touching this.
 */

export const registerDocumentType = 'processing-register-document';
export const registerDocumentVersion = 1;
export const registerDocumentSchemaId = `urn:processing-register:schema:register-document:${registerDocumentVersion}`;

/** The sections of a document, in the order it is written: what an entry can refer to comes first. */
export const documentSections = [
  'organisationalUnits',
  'organisations',
  'legalBases',
  'purposes',
  'dataSubjectCategories',
  'dataCategories',
  'collectionChannels',
  'recipients',
  'retentionRules',
  'securityMeasures',
  'systems',
  'dataFlows',
  'privacyPolicies',
  'activities',
] as const;
export type DocumentSection = (typeof documentSections)[number];
export type DocumentKind = BuildingBlockKey | 'processingActivities';

/** The building block of a section (activities: the processing activities). */
export const kindOfSection = (section: DocumentSection): DocumentKind => (section === 'activities' ? 'processingActivities' : section);

/**
 * Where a reference points: one building block, or — a data flow's end — the building block that
 * the entry's `by` field names (its `fromKind`, `toKind`).
 */
export type ReferenceTarget = BuildingBlockKey | { by: string; kinds: Record<string, BuildingBlockKey> };

/** The building block a reference of `entry` points at (the entry's own kind field decides for a flow's end). */
export function targetOf(target: ReferenceTarget, entry: Record<string, unknown>): BuildingBlockKey | undefined {
  return typeof target === 'string' ? target : target.kinds[String(entry[target.by])];
}

/** A flow's end kind (entities/data-flow.ts) as the building block it names. */
export const flowEndBlocks: Record<FlowEndKind, BuildingBlockKey> = {
  'collection-channel': 'collectionChannels',
  'data-subject-category': 'dataSubjectCategories',
  system: 'systems',
  recipient: 'recipients',
};

/**
 * The references a building block's create request makes by id, and the document field that
 * names the entry instead. Every uuid field of a create DTO must be here: the schema refuses to
 * build otherwise, so a new reference cannot slip into the document as an id.
 */
export const blockReferences: Partial<
  Record<BuildingBlockKey, Record<string, { field: string; target: ReferenceTarget; /** a list of ids */ many?: true }>>
> = {
  organisations: {
    representativeId: { field: 'representative', target: 'organisations' },
    transferMechanismId: { field: 'transferMechanism', target: 'legalBases' },
  },
  dataCategories: { parentId: { field: 'parent', target: 'dataCategories' } },
  recipients: { organisationId: { field: 'organisation', target: 'organisations' } },
  privacyPolicies: { organisationId: { field: 'organisation', target: 'organisations' } },
  systems: {
    providerId: { field: 'provider', target: 'organisations' },
    securityMeasureIds: { field: 'securityMeasures', target: 'securityMeasures', many: true },
  },
  dataFlows: {
    fromId: { field: 'from', target: { by: 'fromKind', kinds: flowEndBlocks } },
    toId: { field: 'to', target: { by: 'toKind', kinds: flowEndBlocks } },
    dataCategoryIds: { field: 'dataCategories', target: 'dataCategories', many: true },
    transferMechanismId: { field: 'transferMechanism', target: 'legalBases' },
  },
};

/**
 * The sections whose entries the author gives a `key` of their own choosing (not stored). Not the
 * organisational units: a unit's `key` is its own stored field — what identity-provider tokens name
 * it by — and the handle other entries' `ownerUnit` names it by.
 */
export const hasAuthorKey = (section: DocumentSection): boolean => section !== 'organisationalUnits';

/** The document field that names an owned entry's unit (its create request's `ownerUnitId`). */
export const ownerField = 'ownerUnit';

const ownerProperty: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 300,
  nullable: true,
  description:
    'The organisational unit that owns the entry, by its key (or name). null: owned by no unit. Left out: not stated — an import leaves who owns the entry as it is.',
  example: 'hr',
};

const definitionName = (section: DocumentSection) => `Document${section[0]!.toUpperCase()}${section.slice(1)}Entry`;

const nameRef = (target: ReferenceTarget, description?: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: 300,
  description:
    typeof target !== 'string'
      ? `the name or key of the entry of the kind that ${target.by} names (a collection channel, data subject category, system or recipient)`
      : target === 'legalBases'
        ? `${description ? `${description}: ` : ''}a built-in legal basis by code (gdpr-6-1-b) or article (Art. 6(1)(b)), or one the document declares, by code or key`
        : `${description ? `${description}: ` : ''}the name or key of ${buildingBlocks[target].singular.replace(/^([aeiou])/, 'an $1').replace(/^(?!an )/, 'a ')}`,
});

const keyProperty: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\s]+$',
  description: 'A short key of your choosing, unique in its section, by which other entries may refer to this one (not stored)',
  example: 'hosting',
};

const refName = (schema: JsonSchema | undefined): string | undefined =>
  typeof schema?.$ref === 'string' ? schema.$ref.replace(/#.*$/, '') : undefined;

/** The schemas the document adds to the DTO schemas, in their `Name#` reference style. */
export function registerDocumentDtoSchemas(dtoSchemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const added: Record<string, JsonSchema> = {};
  const dto = (name: string): JsonSchema => {
    const schema = dtoSchemas[name];
    if (!schema) throw new Error(`register document schema: no DTO schema ${name}`);
    return schema;
  };

  /** A link list in the document: names instead of ids, the representation's field names. */
  const listSchema = (list: ListPart, request: JsonSchema): JsonSchema => {
    // The request's examples are ids, and its description says how to send them.
    const { items: requestItems, example: _example, description, ...rest } = request;
    const array = {
      ...rest,
      ...(description
        ? {
            description: String(description)
              .replace(/ Each item is an id.*$/, '')
              .replace(/\bids?\b/g, 'names'),
          }
        : {}),
    };
    if (isFlat(list)) {
      const reference = nameRef(list.item.target);
      if (!list.columns?.length) return { ...array, items: reference };
      const withColumns = (requestItems.oneOf as JsonSchema[]).find((option) => option.type === 'object')!;
      const { id: _id, ...columns } = withColumns.properties as Record<string, JsonSchema>;
      return {
        ...array,
        items: {
          oneOf: [
            reference,
            { type: 'object', required: ['name'], additionalProperties: false, properties: { name: reference, ...columns } },
          ],
        },
      };
    }
    const itemDto = refName(requestItems);
    if (!itemDto) throw new Error(`register document schema: link list ${list.field} has no item DTO`);
    const source = dto(itemDto);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const part of partsOf(list)) {
      const input = part.part === 'column' ? part.field : part.input;
      const original = source.properties[input] as JsonSchema;
      if (part.part === 'ref') {
        const reference = nameRef((part as RefPart).target, original.description);
        properties[part.field] = part.optional ? { ...reference, nullable: true } : reference;
      } else if (part.part === 'list') properties[part.field] = listSchema(part, original);
      else properties[part.field] = original;
      // A nested list left out is empty, as a left-out field of an entry is (a purpose with no legal basis stated).
      if (part.part !== 'list' && (source.required ?? []).includes(input)) required.push(part.field);
    }
    const name = `Document${itemDto.replace(/Input$/, '')}`;
    added[name] = { $id: name, type: 'object', additionalProperties: false, required, properties };
    return { ...array, items: { $ref: `${name}#` } };
  };

  const entry = (section: DocumentSection): JsonSchema => {
    const kind = kindOfSection(section);
    const create = kind === 'processingActivities' ? dto('ProcessingActivityCreate') : dto(buildingBlocks[kind].dto.create!.name);
    const properties: Record<string, JsonSchema> = hasAuthorKey(section) ? { key: keyProperty } : {};
    const renamed = new Map<string, string>();
    const links = new Map(activityLinks.map((list) => [list.input, list]));
    const references = kind === 'processingActivities' ? {} : (blockReferences[kind] ?? {});
    for (const [field, schema] of Object.entries(create.properties as Record<string, JsonSchema>)) {
      if (field === 'ownerUnitId') {
        properties[ownerField] = ownerProperty;
        renamed.set(field, ownerField);
        continue;
      }
      const reference = references[field];
      const link = kind === 'processingActivities' ? links.get(field) : undefined;
      if (reference?.many) {
        const { items: _ids, example: _example, description, ...array } = schema;
        properties[reference.field] = {
          ...array,
          ...(description ? { description: String(description).replace(/\s*\(ids?\b[^)]*\)/, '') } : {}),
          items: nameRef(reference.target),
        };
        renamed.set(field, reference.field);
      } else if (reference) {
        properties[reference.field] = { ...nameRef(reference.target, schema.description), ...(schema.nullable ? { nullable: true } : {}) };
        renamed.set(field, reference.field);
      } else if (link) {
        properties[link.field] = listSchema(link, schema);
        renamed.set(field, link.field);
      } else if (schema.format === 'uuid' || (schema.items as JsonSchema | undefined)?.format === 'uuid') {
        throw new Error(`register document schema: ${kind}.${field} refers by id; add it to blockReferences`);
      } else {
        properties[field] = schema;
      }
    }
    // Cross-field rules (a cookie channel describes its cookie) hold in the document as well.
    const { $id: _id, properties: _properties, required: _required, type: _type, additionalProperties: _closed, ...rules } = create;
    const mentioned = [...renamed.keys()].filter((field) => JSON.stringify(rules).includes(`"${field}"`));
    if (mentioned.length > 0)
      throw new Error(`register document schema: a rule of ${kind} names ${mentioned.join(', ')}, renamed in the document`);
    const name = definitionName(section);
    added[name] = {
      ...rules,
      $id: name,
      type: 'object',
      additionalProperties: false,
      required: ((create.required ?? []) as string[]).map((field) => renamed.get(field) ?? field),
      properties,
      description: `An entry of ${section}: the fields of its create request (POST /v1/${kind === 'processingActivities' ? 'processing-activities' : buildingBlocks[kind].path}), entries named instead of ids`,
    };
    return { type: 'array', items: { $ref: `${name}#` } };
  };

  const sections = Object.fromEntries(documentSections.map((section) => [section, entry(section)]));
  sections.organisationalUnits!.description =
    'The organisational units that own entries, each by its key (what identity-provider tokens name it by). An import creates and changes units, and never deletes one: deleting a unit is an admin act through the API.';
  sections.legalBases!.description =
    'Legal bases the register adds: national-law bases (the built-in GDPR bases are named by code or article, never declared)';
  added.RegisterDocument = {
    $id: 'RegisterDocument',
    type: 'object',
    additionalProperties: false,
    required: ['documentType'],
    properties: {
      documentType: {
        type: 'string',
        enum: [registerDocumentType],
        description: 'Marks the register document (our export says gdpr-art30-register)',
      },
      formatVersion: { type: 'integer', enum: [registerDocumentVersion], description: 'Version of this document format' },
      internalNotes: {
        type: 'boolean',
        description:
          'true: the document holds the internal notes, and an entry without one has none. Otherwise internal notes left out are left as they are.',
      },
      ...sections,
    },
  };
  return added;
}

/** The JSON Schema of the register document (openapi/register-document.schema.json), draft-07, self-contained. */
export function registerDocumentJsonSchema(dtoSchemas: Record<string, JsonSchema>): JsonSchema {
  return standaloneJsonSchema({ ...dtoSchemas, ...registerDocumentDtoSchemas(dtoSchemas) }, 'RegisterDocument', {
    $id: registerDocumentSchemaId,
    title: 'Record of processing activities (GDPR Art. 30) — register document, written by people (YAML or JSON)',
  });
}

/** openapi/register-document.schema.json as committed: two-space indent, final newline. */
export function renderRegisterDocumentSchema(dtoSchemas: Record<string, JsonSchema>): string {
  return `${JSON.stringify(registerDocumentJsonSchema(dtoSchemas), null, 2)}\n`;
}
