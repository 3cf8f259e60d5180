import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { parse } from 'yaml';
import '../../src/app';
import { buildDtoSchemas } from '../../src/http/schemas';
import { registerDocumentDtoSchemas, renderRegisterDocumentSchema } from '../../src/register-document/schema';
import { buildTestApp, call } from '../helper';

// The register document a person writes (YAML or JSON): its schema is generated and committed,
// the hand-written example loads, references by key, name, code and article resolve, and every
// problem names its JSON Pointer — in YAML also its line and column.

const root = join(__dirname, '..', '..');
const exampleText = readFileSync(join(root, 'docs', 'register-document.example.yaml'), 'utf8');

const postYaml = (app: FastifyInstance, text: string, query = '') =>
  call(app, 'POST', `/v1/register/import${query}`, text, 'admin', { 'content-type': 'application/yaml' });
const postJson = (app: FastifyInstance, document: unknown, query = '') => call(app, 'POST', `/v1/register/import${query}`, document);

t.test('the committed openapi/register-document.schema.json is what the code generates', async (t) => {
  const base = buildDtoSchemas();
  const committed = readFileSync(join(root, 'openapi', 'register-document.schema.json'), 'utf8');
  t.equal(
    renderRegisterDocumentSchema({ ...base, ...registerDocumentDtoSchemas(base) }),
    committed,
    'stale schema: run `npm run openapi` and commit openapi/register-document.schema.json',
  );
  const schema = JSON.parse(committed);
  t.notMatch(committed, /"format": "uuid"|"nullable"/, 'no ids, no OpenAPI-only keywords');
  t.notOk(schema.definitions.DocumentActivitiesEntry.properties.rights, 'no derived rights');
  t.notOk(schema.properties.totals, 'no totals');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  t.ok(validate(parse(exampleText)), `the example is valid: ${JSON.stringify(validate.errors)}`);
});

t.test('the hand-written example loads, every reference resolved', async (t) => {
  const app = await buildTestApp(t);
  const dry = await postYaml(app, exampleText, '?dryRun=true');
  t.equal(dry.statusCode, 200, dry.body.slice(0, 2000));
  t.match(dry.data, { format: 'yaml', records: 3, dryRun: true, applied: false, counts: { match: 0, change: 0, conflict: 0 } });

  const imported = await postYaml(app, exampleText);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.same(imported.data.counts, dry.data.counts, 'the dry run said what the import did');
  t.equal(imported.data.byResource['processing-activities'].create, 3);
  t.equal(imported.data.byResource['organisational-units'].create, 2, 'its units');

  const activities = (await call(app, 'GET', '/v1/processing-activities?limit=10')).data.items;
  const newsletter = activities.find((a: any) => a.name === 'Newsletter');
  const marketing = (await call(app, 'GET', '/v1/organisational-units?key=marketing')).data.items[0];
  t.equal(newsletter.ownerUnitId, marketing.id, 'a unit named by its name owns the activity');
  t.match(newsletter.purposes[0].legalBases, [{ code: 'gdpr-6-1-a' }], 'a built-in basis by article');
  t.match(newsletter.transfers[0], {
    country: 'US',
    mechanism: { code: 'gdpr-46-2-c' },
    recipient: { name: 'Newsletter mailing service' },
  });
  t.equal(newsletter.internalNote, 'Move to an EU mailing service when the contract ends');
  const orders = activities.find((a: any) => a.name === 'Web-shop orders and repairs');
  t.match(
    orders.purposes.find((p: any) => p.purpose.name === 'Keeping the accounts').legalBases,
    [{ code: 'gdpr-6-1-c' }, { code: 'nl-awr-52', note: 'Seven-year retention of the accounts' }],
    'a declared national-law basis by its key, with a note',
  );
  t.match(orders.controllers, [{ name: 'Fietsenmakerij Spaak B.V.' }], 'an organisation by its key');
  t.same(orders.statedAbsences, ['special-categories', 'criminal-data', 'transfers']);

  const recipients = (await call(app, 'GET', '/v1/recipients?limit=10')).data.items;
  t.match(
    recipients.find((r: any) => r.name === 'Web-shop hosting'),
    { organisation: { name: 'Hostnet B.V.' }, category: 'hosting-provider' },
  );
  const payment = (await call(app, 'GET', '/v1/data-categories?limit=10')).data.items.find((c: any) => c.name === 'Payment details');
  t.match(payment, { parent: { name: 'Order and repair details' }, examples: ['IBAN', 'payment reference'] });
  const policies = (await call(app, 'GET', '/v1/privacy-policies')).data.items;
  t.match(policies, [{ name: 'Privacyverklaring Fietsenmakerij Spaak', organisation: { name: 'Fietsenmakerij Spaak B.V.' } }]);
  t.equal(policies[0].rights.length, 3);

  // The same file again changes nothing.
  const again = await postYaml(app, exampleText);
  t.equal(again.statusCode, 200);
  t.match(again.data.counts, { create: 0, change: 0, conflict: 0 });

  // The same document in JSON is read as the register document, not as our export.
  const json = await postJson(app, parse(exampleText), '?dryRun=true');
  t.equal(json.statusCode, 200, json.body.slice(0, 1000));
  t.match(json.data, { format: 'document', counts: { create: 0, change: 0, conflict: 0 } });
});

t.test('a left-out field is empty: the document is the register', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await postYaml(app, exampleText)).statusCode, 200);
  const edited = exampleText.replace('    description: Taking orders and repair jobs, delivering, invoicing\n', '');
  const merge = await postYaml(app, edited);
  t.equal(merge.statusCode, 409, 'merge refuses to clear it');
  t.match(merge.data.conflicts, [{ resource: 'purposes', name: 'Handling web-shop orders and repairs', fields: ['description'] }]);
  const replace = await postYaml(app, edited, '?mode=replace');
  t.equal(replace.statusCode, 200, replace.body.slice(0, 1000));
  const purposes = (await call(app, 'GET', '/v1/purposes?limit=10')).data.items;
  t.equal(purposes.find((p: any) => p.name === 'Handling web-shop orders and repairs').description, null);
  // Internal notes are left alone unless the document says it holds them.
  const measures = (await call(app, 'GET', '/v1/security-measures?limit=10')).data.items;
  t.ok(measures.find((m: any) => m.name === 'Staff accounts with two-factor login').internalNote);
  const withoutNote = edited.replace('    internalNote: Check the two-factor rollout with the new till in spring\n', '');
  t.match((await postYaml(app, withoutNote)).data.counts, { change: 0, conflict: 0 }, 'an internal note left out is not cleared');
  const cleared = await postYaml(app, `internalNotes: true\n${withoutNote}`, '?mode=replace');
  t.equal(cleared.statusCode, 200, cleared.body.slice(0, 1000));
  t.match(cleared.data.counts, { create: 0, change: 1 });
  t.match(
    cleared.data.entries.find((e: any) => e.name === 'Staff accounts with two-factor login'),
    { action: 'change', fields: ['internalNote'] },
  );
});

t.test('problems name the line and column in YAML, the JSON Pointer in JSON', async (t) => {
  const app = await buildTestApp(t);
  const bad = exampleText
    .replace('legalBases: [Art. 6(1)(a)]', 'legalBases: [Art. 6(1)(z)]')
    .replace('    country: US\n    organisation: mailer', '    country: USA\n    organisation: mailer')
    .replace('      - recipient: tax\n', '      - recipient: taxes\n');
  const lines = bad.split('\n');
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
  const refused = await postYaml(app, bad);
  t.equal(refused.statusCode, 422, refused.body.slice(0, 1000));
  t.equal(refused.data.code, 'IMPORT_INVALID');
  const problems = refused.data.problems;
  t.match(problems, [{ path: '/recipients/1/country', position: { line: lineOf('country: USA'), column: 5 }, message: /country code/ }]);

  // Once the schema holds, every reference is checked.
  const unknown = await postYaml(app, bad.replace('country: USA', 'country: US'));
  t.equal(unknown.statusCode, 422);
  t.match(unknown.data.problems, [
    { path: '/activities/0/recipients/1/recipient', position: { line: lineOf('recipient: taxes'), column: 9 }, value: 'taxes' },
    { path: '/activities/1/purposes/0/legalBases/0', position: { line: lineOf('Art. 6(1)(z)') }, message: /is no legal basis/ },
  ]);
  t.equal(unknown.data.problems.length, 2);

  const json = parse(bad.replace('country: USA', 'country: US'));
  const inJson = await postJson(app, json);
  t.equal(inJson.statusCode, 422);
  t.match(inJson.data.problems, [{ path: '/activities/0/recipients/1/recipient' }, { path: '/activities/1/purposes/0/legalBases/0' }]);
  t.notOk(inJson.data.problems[0].position, 'JSON: a pointer only');

  const syntax = await postYaml(app, 'documentType: processing-register-document\norganisations:\n  - name: [unclosed\n');
  t.equal(syntax.statusCode, 422);
  t.match(syntax.data.problems[0], { position: { line: Number }, message: /^not YAML/ });

  const duplicate = await postYaml(
    app,
    'documentType: processing-register-document\npurposes:\n  - name: Sales\n    key: s\n  - name: Support\n    key: s\n',
  );
  t.equal(duplicate.statusCode, 422);
  t.match(duplicate.data.problems, [
    { path: '/purposes/1/key', position: { line: 6, column: 5 }, message: /names another entry too: "Sales"/ },
  ]);

  t.equal((await call(app, 'GET', '/v1/purposes')).data.total, 0, 'nothing was imported');
});
