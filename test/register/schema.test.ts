import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import '../../src/app';
import { buildDtoSchemas } from '../../src/http/schemas';
import { registerJsonSchema, renderRegisterSchema } from '../../src/register/schema';
import { registerSchemaValidator } from '../support/register-fixtures';

// The register export's JSON Schema is generated from the DTO classes (the same pipeline as the
// OpenAPI document) and committed as openapi/register.schema.json: it must not go stale.

t.test('the committed openapi/register.schema.json is what the code generates', async (t) => {
  const committed = readFileSync(join(__dirname, '..', '..', 'openapi', 'register.schema.json'), 'utf8');
  t.equal(
    renderRegisterSchema(buildDtoSchemas()),
    committed,
    'stale schema: run `npm run openapi` and commit openapi/register.schema.json',
  );
});

t.test('it is a strict draft-07 schema that requires every field and allows no others', async (t) => {
  t.doesNotThrow(() => registerSchemaValidator(), 'compiles in strict mode');
  const schema = registerJsonSchema(buildDtoSchemas());
  t.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  t.notMatch(JSON.stringify(schema), /"nullable"|"\$ref":"[A-Za-z]+#"/, 'no OpenAPI-only keywords or component references');
  for (const [name, definition] of Object.entries({ RegisterExport: schema, ...(schema.definitions as Record<string, any>) })) {
    if (!definition.properties) continue;
    t.same([...(definition.required ?? [])].sort(), Object.keys(definition.properties).sort(), `${name}: every property required`);
    t.equal(definition.additionalProperties, false, `${name}: closed`);
  }
  const validate = registerSchemaValidator();
  t.notOk(validate({ documentType: 'gdpr-art30-register' }), 'an incomplete document is refused');
});
