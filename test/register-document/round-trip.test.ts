import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { parse } from 'yaml';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create } from '../helper';

// GET /v1/register?state=working&format=yaml|document writes the register document people edit; importing it
// into an empty installation and exporting again gives the identical document, in YAML and JSON.

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'openapi', 'register-document.schema.json'), 'utf8'));

/** The document as the API sends it: YAML is no JSON, so the raw response. */
async function download(
  app: FastifyInstance,
  format: 'yaml' | 'document',
  query = '&internalNotes=true',
  as: 'admin' | 'editor' = 'admin',
) {
  return app.inject({ method: 'GET', url: `/v1/register?state=working&format=${format}${query}`, headers: await authHeader(app, as) });
}

const importText = (app: FastifyInstance, text: string, type: string, query = '') =>
  call(app, 'POST', `/v1/register/import${query}`, text, 'admin', { 'content-type': type });

t.test('the Woktron register: document export → import into an empty installation → the identical document', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  // Who owns what travels too: a unit owning an activity and a purpose it links.
  const hr = await create(source, 'organisational-units', { name: 'Human Resources', key: 'hr', kind: 'department' });
  const [owned] = (await call(source, 'GET', '/v1/processing-activities?limit=1')).data.items;
  t.equal((await call(source, 'PATCH', `/v1/processing-activities/${owned.id}`, { ownerUnitId: hr.id })).statusCode, 200);
  const purpose = owned.purposes[0].purpose;
  t.equal((await call(source, 'PATCH', `/v1/purposes/${purpose.id}`, { ownerUnitId: hr.id })).statusCode, 200);

  const yaml = await download(source, 'yaml');
  t.equal(yaml.statusCode, 200, yaml.body.slice(0, 500));
  t.match(yaml.headers['content-type'], /^application\/yaml/);
  t.match(yaml.headers['content-disposition'], /^attachment; filename="register-\d{4}-\d{2}-\d{2}\.yaml"$/);
  const document = parse(yaml.body);
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  t.ok(validate(document), `valid against openapi/register-document.schema.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  t.equal(document.documentType, 'processing-register-document');
  t.equal(document.internalNotes, true);
  t.equal(document.activities.length, woktronRegister.activities.length);
  t.notMatch(yaml.body, /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/, 'no ids');
  t.notMatch(yaml.body, /\b(createdAt|updatedAt|version|totals):/, 'no timestamps, versions or totals');
  t.notOk(
    document.activities.some((activity: any) => 'rights' in activity),
    'no derived rights',
  );
  t.notOk(
    document.legalBases?.some((basis: any) => basis.code.startsWith('gdpr-')),
    'built-in bases are not declared',
  );
  t.ok(document.privacyPolicies?.length, 'privacy policies are in it');
  t.equal(
    Object.keys(document).find((key) => Array.isArray(document[key])),
    'organisationalUnits',
    'the units first, as entries name them',
  );
  t.same(document.organisationalUnits, [{ name: 'Human Resources', key: 'hr', kind: 'department' }]);
  t.equal(document.activities.find((activity: any) => activity.name === owned.name).ownerUnit, 'hr', 'an owned activity names its unit');
  t.equal(document.purposes.find((entry: any) => entry.name === purpose.name).ownerUnit, 'hr');
  t.notOk(document.activities.find((activity: any) => activity.name !== owned.name).ownerUnit, 'one owned by no unit leaves it out');

  // YAML: into an empty installation, and out again.
  const target = await buildTestApp(t);
  const imported = await importText(target, yaml.body, 'application/yaml');
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data, { format: 'yaml', applied: true, counts: { match: 0, change: 0, conflict: 0 } });
  const again = await download(target, 'yaml');
  t.equal(again.body, yaml.body, 'the identical YAML document');

  // JSON: the same document shape.
  const json = await download(source, 'document');
  t.equal(json.statusCode, 200);
  t.match(json.headers['content-type'], /^application\/json/);
  t.same(JSON.parse(json.body), document, 'the JSON form is the same document');
  const jsonTarget = await buildTestApp(t);
  const fromJson = await call(jsonTarget, 'POST', '/v1/register/import', JSON.parse(json.body));
  t.equal(fromJson.statusCode, 200, fromJson.body.slice(0, 2000));
  t.equal(fromJson.data.format, 'document');
  t.equal((await download(jsonTarget, 'document')).body, json.body, 'the identical JSON document');

  // Back into the register it came from: nothing to do.
  const reimport = await importText(source, yaml.body, 'application/yaml');
  t.equal(reimport.statusCode, 200, reimport.body.slice(0, 2000));
  t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 }, 'export → import is a no-op');
});

t.test('without internalNotes the document holds none, and importing it keeps the register’s', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  await create(app, 'purposes', { name: 'Fraud checks', internalNote: 'Ask legal whether a LIA is needed' });
  const withNotes = await download(app, 'yaml');
  t.match(withNotes.body, /internalNote:/);
  const plain = await download(app, 'yaml', '');
  t.notMatch(plain.body, /internalNote/);
  const reimport = await importText(app, plain.body, 'application/yaml', '?mode=replace');
  t.equal(reimport.statusCode, 200, reimport.body.slice(0, 1000));
  t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 });
  t.equal((await download(app, 'yaml')).body, withNotes.body, 'internal notes kept');

  const editor = await download(app, 'yaml', '&internalNotes=true', 'editor');
  t.equal(editor.statusCode, 403, 'internal notes stay with auditors and admins');
});

t.test('the document is the whole register: filters and asOf are refused, not ignored', async (t) => {
  const app = await buildTestApp(t);
  for (const query of ['&status=active', '&role=controller', '&asOf=2026-01-01T00:00:00Z']) {
    const refused = await download(app, 'yaml', query);
    t.equal(refused.statusCode, 400, query);
    t.match(JSON.parse(refused.body), { code: 'VALIDATION_FAILED', errors: [{ in: 'query', message: /whole register/ }] });
  }
  const accepted = await app.inject({
    method: 'GET',
    url: '/v1/register?state=working',
    headers: { ...(await authHeader(app, 'admin')), accept: 'application/yaml' },
  });
  t.equal(accepted.statusCode, 200);
  t.match(accepted.headers['content-type'], /^application\/yaml/, 'Accept: application/yaml gives the YAML document');
  t.same(parse(accepted.body), { documentType: 'processing-register-document', formatVersion: 1 }, 'an empty register');
});
