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
    schemas[name] = orderProperties({ $id: name, ...banNul(closeObjects(inlineNullableRefs(schema, generated))) });
  }
  return schemas;
}

const first = ['id', 'code', 'name'];
const last = ['sourcePhrase', 'internalNote', 'retiredAt', 'createdAt', 'updatedAt', 'version'];
const rank = (key: string) => (first.includes(key) ? first.indexOf(key) - 10 : last.includes(key) ? last.indexOf(key) + 1 : 0);

/** Identity first; the source's words, internal notes, retirement and bookkeeping last: responses are serialized in this order, so they read well. */
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

/** No NUL (U+0000): PostgreSQL text cannot hold it. The request hook refuses it first, naming the field. */
export const noNulPattern = '^[^\\u0000]*$';

/**
 * Says in the schema what the server enforces for every text: no NUL. Strings that already have a
 * pattern, a format or a fixed set of values cannot hold one anyway and keep their own keyword.
 */
function banNul(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema)) return schema.map(banNul);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'example' || key === 'enum' || key === 'const' ? value : banNul(value);
  }
  const isString = out.type === 'string' || (Array.isArray(out.type) && out.type.includes('string'));
  if (isString && out.pattern === undefined && out.format === undefined && out.enum === undefined && out.const === undefined) {
    out.pattern = noNulPattern;
  }
  return out;
}

function createAjv() {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: false,
    // Errors carry the offending value, so a message can suggest what was meant (a country code for "UK").
    verbose: true,
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

/** A canonical decimal integer: no sign but `-`, no leading zeros, no spaces, exponents, radix prefixes or `-0`. */
const decimalInteger = /^(0|-?[1-9][0-9]*)$/;
/** A plain decimal number: the integer forms above with an optional fraction. */
const decimalNumber = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Reads one query-string (or path, or header) value as the scalar type its schema names. Only
 * the canonical text of a value converts — `Infinity`, `1e400`, `0x10`, ` 5` and `1.0` stay text
 * and fail validation, naming the parameter — so what reaches a handler is exactly what was sent.
 */
export function parseScalar(text: string, types: readonly string[]): unknown {
  if (types.includes('string')) return text;
  if (types.includes('integer') && decimalInteger.test(text)) {
    const value = Number(text);
    if (Number.isSafeInteger(value)) return value;
  }
  if (types.includes('number') && decimalNumber.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** The scalar types each top-level property of a query, params or headers schema accepts. */
function propertyTypes(schema: JsonSchema): [string, string[]][] {
  const typesOf = (property: JsonSchema): string[] =>
    property && typeof property === 'object'
      ? [
          ...[property.type ?? []].flat(),
          ...['anyOf', 'oneOf', 'allOf'].flatMap((keyword) => (Array.isArray(property[keyword]) ? property[keyword].flatMap(typesOf) : [])),
        ]
      : [];
  return Object.entries<JsonSchema>(schema.properties ?? {})
    .map(([name, property]): [string, string[]] => [name, typesOf(property)])
    .filter(([, types]) => types.some((type) => type === 'integer' || type === 'number' || type === 'boolean'));
}

/**
 * Validation of the parts that arrive as text (query string, path, headers): each value is first
 * read by `parseScalar` for the type its schema names, then validated without any coercion by
 * AJV, so a value that is not canonical is reported as the wrong type.
 */
function textPartValidator(schema: JsonSchema, validate: ValidateFunction): ValidateFunction {
  const typed = propertyTypes(schema);
  const validateText = ((data: unknown) => {
    if (data && typeof data === 'object') {
      const values = data as Record<string, unknown>;
      for (const [name, types] of typed) {
        const value = values[name];
        if (typeof value === 'string') values[name] = parseScalar(value, types);
      }
    }
    const valid = validate(data);
    validateText.errors = validate.errors;
    return valid;
  }) as ValidateFunction;
  return validateText;
}

/**
 * Request validation by one AJV that coerces nothing: bodies are validated exactly as sent (no
 * stripping, every error reported); the text of query strings, path params and headers is
 * first read strictly as the types their schemas name (see `parseScalar`).
 */
export function createValidatorCompiler(shared: JsonSchema[]): FastifySchemaCompiler<JsonSchema> {
  const ajv = createAjv();
  for (const schema of shared) ajv.addSchema(schema);
  const compiled = { body: new WeakMap<object, ValidateFunction>(), text: new WeakMap<object, ValidateFunction>() };
  return ({ schema, httpPart }) => {
    const cache = httpPart === 'body' ? compiled.body : compiled.text;
    let validate = cache.get(schema);
    if (!validate) {
      validate = httpPart === 'body' ? ajv.compile(schema) : textPartValidator(schema, ajv.compile(schema));
      cache.set(schema, validate);
    }
    return validate;
  };
}
