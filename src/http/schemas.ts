import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { FastifySchemaCompiler } from 'fastify';
import { fieldOnlyDtos } from './common-dto';
import { additionalConverters, type JsonSchema } from './dto';

/**
 * Turns every class-validator DTO into a named JSON Schema. The same schemas validate requests
 * (through AJV), serialize responses (fast-json-stringify) and document the API (OpenAPI
 * components), so a shape is written once, in its DTO class.
 */
export function buildDtoSchemas(): Record<string, JsonSchema> {
  const generated = validationMetadatasToSchemas({
    refPointerPrefix: '',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters,
  }) as Record<string, JsonSchema>;
  const schemas: Record<string, JsonSchema> = {};
  // Sorted, so the document does not depend on the order modules happened to load in.
  for (const [name, schema] of Object.entries(generated).sort(([a], [b]) => a.localeCompare(b))) {
    if (fieldOnlyDtos.has(name)) continue;
    schemas[name] = orderProperties({ $id: name, ...closeObjects(inlineNullableRefs(schema, generated)) });
  }
  return schemas;
}

const first = ['id', 'code', 'name'];
const last = ['retiredAt', 'createdAt', 'updatedAt', 'version'];
const rank = (key: string) => (first.includes(key) ? first.indexOf(key) - 10 : last.includes(key) ? last.indexOf(key) + 1 : 0);

/** Identity first, retirement and bookkeeping last: responses are serialized in this order, so they read well. */
function orderProperties(schema: JsonSchema): JsonSchema {
  if (!schema.properties) return schema;
  const keys = Object.keys(schema.properties).sort((a, b) => rank(a) - rank(b));
  return { ...schema, properties: Object.fromEntries(keys.map((key) => [key, schema.properties[key]])) };
}

/**
 * `null` is allowed through OpenAPI 3.0's `nullable`, which only works beside `type`; so a
 * nullable reference to another DTO is replaced by that DTO's schema, inlined.
 */
function inlineNullableRefs(schema: JsonSchema, generated: Record<string, JsonSchema>): JsonSchema {
  if (Array.isArray(schema)) return schema.map((item) => inlineNullableRefs(item, generated));
  if (!schema || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string' && schema.nullable) {
    const { $ref, ...rest } = schema;
    return { ...inlineNullableRefs(generated[$ref.replace(/#$/, '')]!, generated), ...rest };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'example' || key === 'enum' ? value : inlineNullableRefs(value, generated);
  }
  return out;
}

/** Unknown fields are errors, not silently dropped: every object schema gets additionalProperties:false. */
function closeObjects(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.endsWith('#') ? value : `${value}#`;
    else if (key === 'example' || key === 'enum') out[key] = value;
    else out[key] = typeof value === 'object' && value !== null ? closeObjects(value) : value;
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function createAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    keywords: ['example'],
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Request validation: bodies are validated exactly as sent (no coercion, no stripping, every
 * error reported); query strings and path params arrive as text, so only they are coerced.
 */
export function createValidatorCompiler(shared: JsonSchema[]): FastifySchemaCompiler<JsonSchema> {
  const strict = createAjv(false);
  const coercing = createAjv(true);
  for (const schema of shared) {
    strict.addSchema(schema);
    coercing.addSchema(schema);
  }
  const compiled = new Map([
    [strict, new WeakMap<object, ValidateFunction>()],
    [coercing, new WeakMap<object, ValidateFunction>()],
  ]);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const cache = compiled.get(ajv)!;
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      cache.set(schema, validate);
    }
    return validate;
  };
}
