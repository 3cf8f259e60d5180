import type { DataSource, EntityManager } from 'typeorm';
import { stringify } from 'yaml';
import type { EntryServices } from '../entry-services';
import type { JsonSchema } from '../http/dto';
import { activityLinks, isFlat, partsOf, unstatedValue, type ListPart } from '../processing-activities/links';
import { activityColumns } from '../processing-activities/read-model';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import {
  blockReferences,
  documentSections,
  hasAuthorKey,
  kindOfSection,
  ownerField,
  registerDocumentJsonSchema,
  registerDocumentType,
  registerDocumentVersion,
  targetOf,
  type DocumentSection,
} from './schema';

/**
 * The register as the register document people write (schema.ts): every entry the register holds,
 * linked or not, with the fields of its create request; references by name (legal bases by code);
 * what is not stated (null, an empty list, a link detail left at its unstated value) left out, so
 * the file reads like one written by hand. Importing it gives the same register, and exporting
 * that gives the same document: export → edit → import is the way to work on a register.
 */

type Loose = Record<string, unknown>;

export interface DocumentExportOptions {
  /** Include the register keeper's internal notes (and say so: `internalNotes: true`). */
  internalNotes: boolean;
}

const naturalKeyOf = (kind: BuildingBlockKey) => buildingBlocks[kind].naturalKey ?? 'name';
const byHandle = (key: string) => (a: Loose, b: Loose) => {
  const [x, y] = [String(a[key]).toLowerCase(), String(b[key]).toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A value as the document writes it: dates as text, and nested objects without what they leave unstated. */
function plain(value: unknown, schema: JsonSchema | undefined): unknown {
  if (value instanceof Date) return schema?.format === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => plain(item, undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !isEmpty(v))
        .map(([k, v]) => [k, plain(v, undefined)]),
    );
  }
  return value;
}

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

export class RegisterDocumentService {
  private entrySchemas?: Record<DocumentSection, JsonSchema>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: EntryServices,
    private readonly dtoSchemas: Record<string, JsonSchema>,
  ) {}

  private get schemas(): Record<DocumentSection, JsonSchema> {
    if (!this.entrySchemas) {
      const schema = registerDocumentJsonSchema(this.dtoSchemas);
      const definitions = schema.definitions as Record<string, JsonSchema>;
      this.entrySchemas = Object.fromEntries(
        documentSections.map((section) => [
          section,
          definitions[(schema.properties[section].items.$ref as string).replace('#/definitions/', '')]!,
        ]),
      ) as Record<DocumentSection, JsonSchema>;
    }
    return this.entrySchemas;
  }

  /** The whole register, read in one consistent (repeatable-read) view. */
  document(options: DocumentExportOptions): Promise<Loose> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(manager, options));
  }

  /** The document as YAML text. */
  async yaml(options: DocumentExportOptions): Promise<string> {
    const document = await this.document(options);
    const text = stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
    return `# The record of processing activities (GDPR Art. 30) as a register document: edit it and import it\n# (POST /v1/register/import, npm run import). Schema: openapi/register-document.schema.json\n${text}`;
  }

  private async read(manager: EntityManager, options: DocumentExportOptions): Promise<Loose> {
    const rows = new Map<BuildingBlockKey, Loose[]>();
    const handles = new Map<string, string>();
    for (const kind of Object.keys(buildingBlocks) as BuildingBlockKey[]) {
      if (buildingBlocks[kind].readOnly) continue;
      const all = (await this.services[kind].all(manager)) as unknown as Loose[];
      for (const row of all) handles.set(`${kind}:${String(row.id)}`, String(row[naturalKeyOf(kind)]));
      rows.set(kind, all.sort(byHandle(naturalKeyOf(kind))));
    }
    const handleOf = (target: BuildingBlockKey, id: unknown) => {
      const handle = handles.get(`${target}:${String(id)}`);
      if (handle === undefined) throw new Error(`register document: no ${target} with id ${String(id)}`);
      return handle;
    };

    /** The key of the unit owning `row`, or null: what the document's `ownerUnit` says. */
    const ownerOf = (row: Loose) => (row.ownerUnitId ? handleOf('organisationalUnits', row.ownerUnitId) : null);

    const document: Loose = { documentType: registerDocumentType, formatVersion: registerDocumentVersion };
    if (options.internalNotes) document.internalNotes = true;
    for (const section of documentSections) {
      const kind = kindOfSection(section);
      const schema = this.schemas[section];
      let entries: Loose[];
      if (kind === 'processingActivities') {
        const activities = (await manager.query(`SELECT ${activityColumns} FROM processing_activities a`)) as Loose[];
        entries = activities.sort(byHandle('name')).map((activity) => this.activityEntry(activity, schema, options, ownerOf));
      } else {
        const references = new Map(Object.entries(blockReferences[kind] ?? {}).map(([idField, ref]) => [ref.field, { idField, ...ref }]));
        const own = (rows.get(kind) ?? []).filter((row) => !(kind === 'legalBases' && row.builtIn));
        entries = own.map((row) =>
          this.entry(section, schema, options, (field) => {
            if (field === ownerField) return ownerOf(row);
            const reference = references.get(field);
            if (!reference) return row[field];
            const id = row[reference.idField];
            const target = targetOf(reference.target, row);
            if (!target) throw new Error(`register document: ${kind} ${String(row.id)} names no known kind in ${field}`);
            if (reference.many) return ((id as unknown[] | null) ?? []).map((one) => handleOf(target, one));
            return id === null || id === undefined ? null : handleOf(target, id);
          }),
        );
      }
      if (entries.length > 0) document[section] = entries;
    }
    return document;
  }

  /** An entry: the schema's fields in its order, each as `valueOf` gives it, what is not stated left out. */
  private entry(section: DocumentSection, schema: JsonSchema, options: DocumentExportOptions, valueOf: (field: string) => unknown): Loose {
    const out: Loose = {};
    const required: string[] = schema.required ?? [];
    for (const [field, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      if ((field === 'key' && hasAuthorKey(section)) || (field === 'internalNote' && !options.internalNotes)) continue;
      const value = plain(valueOf(field), property);
      if (isEmpty(value) && !(required.includes(field) && Array.isArray(value))) continue;
      out[field] = value;
    }
    return out;
  }

  private activityEntry(activity: Loose, schema: JsonSchema, options: DocumentExportOptions, ownerOf: (row: Loose) => unknown): Loose {
    const lists = new Map(activityLinks.map((list) => [list.field, list]));
    return this.entry('activities', schema, options, (field) => {
      if (field === ownerField) return ownerOf(activity);
      const list = lists.get(field);
      return list ? links(list, activity[field]) : activity[field];
    });
  }
}

/** How the document names a linked entry: legal bases by code, everything else by name. */
const handleOfRef = (target: BuildingBlockKey, ref: unknown) => String((ref as Loose)[naturalKeyOf(target)]);

/** A link list of the representation (references as objects) as the document writes it. */
function links(list: ListPart, items: unknown): unknown[] {
  return ((items as Loose[] | null | undefined) ?? []).map((item) => {
    if (isFlat(list)) {
      const handle = handleOfRef(list.item.target, item);
      const columns = stated(list.columns ?? [], item);
      return Object.keys(columns).length > 0 ? { name: handle, ...columns } : handle;
    }
    const out: Loose = {};
    for (const part of partsOf(list)) {
      const value = item[part.field];
      if (part.part === 'ref') {
        if (value !== null && value !== undefined) out[part.field] = handleOfRef(part.target, value);
      } else if (part.part === 'column') {
        Object.assign(out, stated([part], item));
      } else {
        const nested = links(part, value);
        if (nested.length > 0) out[part.field] = nested;
      }
    }
    return out;
  });
}

/** A link's own columns that say something: not null, not what the link holds when nothing is stated. */
function stated(columns: { field: string; unstated?: unknown }[], item: Loose): Loose {
  const out: Loose = {};
  for (const column of columns) {
    const value = item[column.field];
    if (value === null || value === undefined || value === unstatedValue(column as never, item)) continue;
    out[column.field] = value;
  }
  return out;
}
