import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { JsonSchema } from '../http/dto';
import { describeAjvError, type AjvError } from '../http/validation-errors';
import { activityLinks, isFlat, partsOf, type ListPart } from '../processing-activities/links';
import {
  blockReferences,
  documentSections,
  hasAuthorKey,
  kindOfSection,
  ownerField,
  registerDocumentJsonSchema,
  registerDocumentType,
  targetOf,
  type DocumentKind,
  type DocumentSection,
} from '../register-document/schema';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import type { ImportDocument } from './engine';
import type { ImportProblem, KnownLegalBasis } from './problems';
import { emptyRegisterDocument } from './register-document';

/**
 * The register document for people (src/register-document/schema.ts), in YAML or JSON, as an
 * import document: checked against its published schema, every key and name resolved to the
 * entry it means (built-in legal bases by code or article), and every problem named by its JSON
 * Pointer — and, in YAML, its line and column.
 *
 * The document is the register: a field an entry leaves out is empty (null, or an empty list),
 * so export → edit → import clears what was deleted from the file. Internal notes are the
 * exception unless the document says `internalNotes: true`, as an export without them does not.
 */

type Loose = Record<string, unknown>;
type Position = { line: number; column: number };

/** What the reader makes of a file: its value, and where a JSON Pointer is in the text (YAML only). */
export interface ParsedText {
  value: unknown;
  problems: ImportProblem[];
  locate: (pointer: string) => Position | undefined;
}

const noPosition = () => undefined;
const shorten = (value: unknown) =>
  value === null || value === undefined ? null : (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 200);

/** Reads YAML (1.2, core schema: `no` stays a string, dates stay text), keeping every node's place. */
export function parseYaml(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: ImportProblem[] = [...document.errors, ...document.warnings].map((error) => ({
    row: null,
    column: null,
    path: null,
    position: at(error.pos[0]),
    value: null,
    message: `not YAML: ${error.message.split('\n')[0]}`,
  }));
  const locate = (pointer: string): Position | undefined => {
    let node: unknown = document.contents;
    let found: Node | undefined = document.contents ?? undefined;
    for (const raw of pointer.split('/').slice(1)) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        found = (pair.key as Node) ?? found;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!item) break;
        found = item as Node;
        node = item;
      } else break;
    }
    return found?.range ? at(found.range[0]) : undefined;
  };
  return { value: problems.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 }), problems, locate };
}

/** A JSON value as sent (the HTTP body parser has read it already): problems name only a JSON Pointer. */
export const parsedJson = (value: unknown): ParsedText => ({ value, problems: [], locate: noPosition });

export const isRegisterDocument = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Loose).documentType === registerDocumentType;

/** Compiles the document's JSON Schema once per app. */
export function createDocumentChecker(dtoSchemas: Record<string, JsonSchema>) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const schema = registerDocumentJsonSchema(dtoSchemas);
  const validate = ajv.compile(schema);
  const definitions = schema.definitions as Record<string, JsonSchema>;
  const entrySchemas = Object.fromEntries(
    documentSections.map((section) => {
      const ref = (schema.properties[section].items.$ref as string).replace('#/definitions/', '');
      return [section, definitions[ref]!];
    }),
  ) as Record<DocumentSection, JsonSchema>;
  return {
    entrySchemas,
    check(value: unknown): ImportProblem[] {
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => {
        const { path, message } = describeAjvError(error as AjvError, 'is not a field of the register document');
        return { row: null, column: null, path: path || '/', value: shorten(error.data), message };
      });
    },
  };
}
export type DocumentChecker = ReturnType<typeof createDocumentChecker>;

/** What the register holds already, which a document may name without declaring. */
export interface KnownEntries {
  legalBases: KnownLegalBasis[];
  /** Lower-cased names (legal bases: codes) of the register's entries, by building block. */
  names: Partial<Record<BuildingBlockKey, Set<string>>>;
}

export interface DocumentImport {
  document: ImportDocument;
  problems: ImportProblem[];
  activities: number;
  /** JSON Pointer of an entry in the file, by resource and name. */
  originOf: (resource: string, name: string) => string | undefined;
}

/** "Art. 6(1)(b)", "art 6 (1) b", "Article 6(1)(b) GDPR" all read as 61b. */
const articleKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/^\s*(article|art\.?)\s*/, '')
    .replace(/\s*(gdpr|avg|dsgvo|rgpd)\s*$/, '')
    .replace(/[\s().]/g, '');

const resourceOf = (kind: DocumentKind) => (kind === 'processingActivities' ? 'processing-activities' : buildingBlocks[kind].path);
const naturalKeyOf = (kind: DocumentKind) => (kind === 'processingActivities' ? 'name' : (buildingBlocks[kind].naturalKey ?? 'name'));
const label = (kind: BuildingBlockKey) => buildingBlocks[kind].singular;

export function documentFromRegisterDocument(value: unknown, checker: DocumentChecker, known: KnownEntries): DocumentImport {
  const origins = new Map<string, string>();
  const originOf = (resource: string, name: string) => origins.get(`${resource}:${name.toLowerCase()}`);
  const problems = checker.check(value);
  if (problems.length > 0) return { document: emptyRegisterDocument(), problems, activities: 0, originOf };
  const file = value as Loose & Partial<Record<DocumentSection, Loose[]>>;
  const internalNotes = file.internalNotes === true;
  const problem = (path: string, value: unknown, message: string) =>
    problems.push({ row: null, column: null, path, value: shorten(value), message });

  // Every entry by its name (legal bases: code) and its key, per building block.
  const named = new Map<DocumentKind, Map<string, { name: string; at: string }>>();
  for (const section of documentSections) {
    const kind = kindOfSection(section);
    const names = new Map<string, { name: string; at: string }>();
    named.set(kind, names);
    (file[section] ?? []).forEach((entry, i) => {
      const at = `/${section}/${i}`;
      const name = String(entry[naturalKeyOf(kind)]);
      // A unit is named by its stored key or its name; other entries by their name (legal bases: code) or the author's key.
      const other = hasAuthorKey(section) ? (entry.key as string | undefined) : (entry.name as string);
      for (const [field, handle] of [
        [naturalKeyOf(kind), name],
        [hasAuthorKey(section) ? 'key' : 'name', other],
      ] as const) {
        if (handle === undefined) continue;
        const other = names.get(handle.toLowerCase());
        if (other && other.at !== at) problem(`${at}/${field}`, handle, `names another entry too: "${other.name}" at ${other.at}`);
        else names.set(handle.toLowerCase(), { name, at });
      }
      origins.set(`${resourceOf(kind)}:${name.toLowerCase()}`, at);
    });
  }
  const builtIn = new Map(known.legalBases.map((basis) => [basis.code.toLowerCase(), basis.code]));
  const byArticle = new Map<string, string[]>();
  for (const basis of known.legalBases) {
    const key = articleKey(basis.article);
    byArticle.set(key, [...(byArticle.get(key) ?? []), basis.code]);
  }

  /** The entry a reference means: by key or name in the document, else by name in the register. */
  const resolve = (target: BuildingBlockKey, reference: string, at: string): string => {
    const lower = reference.toLowerCase();
    const inDocument = named.get(target)?.get(lower);
    if (inDocument) return inDocument.name;
    if (target === 'legalBases') {
      const code = builtIn.get(lower);
      if (code) return code;
      const codes = byArticle.get(articleKey(reference)) ?? [];
      if (codes.length === 1) return codes[0]!;
      if (codes.length > 1) {
        problem(at, reference, `names more than one legal basis (${codes.join(', ')}): name it by code`);
        return reference;
      }
      problem(
        at,
        reference,
        'is no legal basis: a built-in one by code (gdpr-6-1-b) or article (Art. 6(1)(b)), or one the document declares',
      );
      return reference;
    }
    if (!known.names[target]?.has(lower)) {
      problem(at, reference, `names no ${label(target)}: neither the document nor the register has one by that name or key`);
    }
    return reference;
  };

  /** An entry's left-out fields, empty: the document is the register. */
  const complete = (section: DocumentSection, entry: Loose, schema: JsonSchema, skip: Set<string>): Loose => {
    const out: Loose = {};
    if (ownerField in entry) out[ownerField] = entry[ownerField];
    for (const [field, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      // A left-out owner is not stated (an older file): the import leaves who owns the entry as it is.
      if ((field === 'key' && hasAuthorKey(section)) || field === ownerField || skip.has(field)) continue;
      if (field in entry) out[field] = entry[field];
      else if (field === 'internalNote' && !internalNotes) continue;
      else if (Array.isArray(property.type) && property.type.includes('null')) out[field] = null;
      else if (property.type === 'array') out[field] = [];
    }
    return out;
  };

  const links = (list: ListPart, items: unknown, at: string): unknown[] | undefined => {
    if (items === undefined) return undefined;
    return (items as unknown[]).map((item, i) => {
      const here = `${at}/${list.field}/${i}`;
      if (isFlat(list)) {
        if (typeof item === 'string') return resolve(list.item.target, item, here);
        const object = item as Loose;
        return { ...object, name: resolve(list.item.target, object.name as string, `${here}/name`) };
      }
      const object = { ...(item as Loose) };
      for (const part of partsOf(list)) {
        const value = object[part.field];
        if (part.part === 'ref' && typeof value === 'string') object[part.field] = resolve(part.target, value, `${here}/${part.field}`);
        if (part.part === 'list') object[part.field] = links(part, value ?? [], here);
      }
      return object;
    });
  };

  const document = emptyRegisterDocument() as unknown as Record<DocumentSection, Loose[]>;
  for (const section of documentSections) {
    const kind = kindOfSection(section);
    const schema = checker.entrySchemas[section];
    document[section] = (file[section] ?? []).map((entry, i) => {
      const at = `/${section}/${i}`;
      const owned = (out: Loose) => {
        if (typeof out[ownerField] === 'string')
          out[ownerField] = resolve('organisationalUnits', out[ownerField] as string, `${at}/${ownerField}`);
        return out;
      };
      if (kind === 'processingActivities') {
        const out = owned(complete(section, entry, schema, new Set(activityLinks.map((list) => list.field))));
        for (const list of activityLinks) {
          const resolved = links(list, entry[list.field], at);
          if (resolved) out[list.field] = resolved;
        }
        return out;
      }
      const out = owned(complete(section, entry, schema, new Set()));
      for (const { field, target: reference } of Object.values(blockReferences[kind] ?? {})) {
        // A flow's end names an entry of the kind its own kind field says (the schema checked that field).
        const target = targetOf(reference, out);
        if (!target) continue;
        if (typeof out[field] === 'string') out[field] = resolve(target, out[field] as string, `${at}/${field}`);
        else if (Array.isArray(out[field]))
          out[field] = (out[field] as unknown[]).map((name, i) => resolve(target, String(name), `${at}/${field}/${i}`));
      }
      return out;
    });
  }
  // A broader data category is created before the narrower ones that name it, wherever it is listed.
  document.dataCategories = parentsFirst(document.dataCategories);
  return {
    document: document as unknown as ImportDocument,
    problems,
    activities: document.activities.length,
    originOf,
  };
}

/** Data categories ordered so that each one's parent (in the document) comes before it; otherwise as listed. */
function parentsFirst(categories: Loose[]): Loose[] {
  const byName = new Map(categories.map((category) => [String(category.name).toLowerCase(), category]));
  const ordered: Loose[] = [];
  const placed = new Set<Loose>();
  const place = (category: Loose, seen: Set<Loose>) => {
    if (placed.has(category) || seen.has(category)) return;
    seen.add(category);
    const parent = typeof category.parent === 'string' ? byName.get(category.parent.toLowerCase()) : undefined;
    if (parent) place(parent, seen);
    placed.add(category);
    ordered.push(category);
  };
  for (const category of categories) place(category, new Set());
  return ordered;
}
