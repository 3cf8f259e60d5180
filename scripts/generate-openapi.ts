import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { renderOpenapi } from '../src/plugins/swagger';
import { renderRegisterSchema } from '../src/register/schema';
import { renderRegisterDocumentSchema } from '../src/register-document/schema';

/**
 * Writes openapi/openapi.json from the running route schemas (an in-memory database serves the
 * build), openapi/register.schema.json, the JSON Schema of the register export, and
 * openapi/register-document.schema.json, that of the register document people write.
 */
async function main() {
  const app = await buildApp(loadConfig({ DATA_DIR: 'memory://', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'warn' }));
  await app.ready();
  const file = join(process.cwd(), 'openapi', 'openapi.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderOpenapi(app));
  const registerSchema = join(process.cwd(), 'openapi', 'register.schema.json');
  writeFileSync(registerSchema, renderRegisterSchema(app.dtoSchemas));
  const documentSchema = join(process.cwd(), 'openapi', 'register-document.schema.json');
  writeFileSync(documentSchema, renderRegisterDocumentSchema(app.dtoSchemas));
  await app.close();
  console.log(`wrote ${file}, ${registerSchema} and ${documentSchema}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
