import type { JsonSchema } from '../http/dto';

export const registerSchemaId = 'urn:processing-register:schema:register-export:2';

/**
 * The JSON Schema of the register export (openapi/register.schema.json), made from the same
 * DTO schemas the API validates and documents with: RegisterExport and every schema it refers
 * to, as one draft-07 document. OpenAPI's `nullable` becomes a `null` type, `example` becomes
 * `examples`, and `Name#` references point into `definitions`.
 */
export function registerJsonSchema(dtoSchemas: Record<string, JsonSchema>): JsonSchema {
  return standaloneJsonSchema(dtoSchemas, 'RegisterExport', {
    $id: registerSchemaId,
    title: 'Record of processing activities (GDPR Art. 30) — register export',
  });
}

/**
 * One DTO schema (`root`) and every schema it refers to as one self-contained draft-07 document,
 * headed by `head` ($id, title…). Shared by the export's schema and the register document's.
 */
export function standaloneJsonSchema(dtoSchemas: Record<string, JsonSchema>, rootName: string, head: JsonSchema): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const pending = [rootName];
  const convert = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(convert);
    if (!schema || typeof schema !== 'object') return schema;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(schema as JsonSchema)) {
      if (key === '$id' || key === 'nullable') continue;
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace(/#$/, '');
        if (!dtoSchemas[name]) throw new Error(`register schema: no DTO schema ${name}`);
        if (!(name in definitions) && !pending.includes(name)) pending.push(name);
        out.$ref = `#/definitions/${name}`;
      } else if (key === 'example') {
        out.examples = [value];
      } else if (key === 'enum' || key === 'default' || key === 'required') {
        out[key] = value;
      } else if (key === 'properties') {
        out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, property]) => [name, convert(property)]));
      } else {
        out[key] = convert(value);
      }
    }
    if ((schema as JsonSchema).nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
  };
  const root = convert(dtoSchemas[rootName]) as JsonSchema;
  for (let i = 1; i < pending.length; i++) {
    const name = pending[i]!;
    definitions[name] = convert(dtoSchemas[name]) as JsonSchema;
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...head,
    ...root,
    definitions: sorted,
  };
}

/** openapi/register.schema.json as committed: two-space indent, final newline. */
export function renderRegisterSchema(dtoSchemas: Record<string, JsonSchema>): string {
  return `${JSON.stringify(registerJsonSchema(dtoSchemas), null, 2)}\n`;
}
