import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';

// POST /v1/register/import with CSV in the ICO template columns, end to end: our CSV export
// imports into an empty installation and exports again the same; a spreadsheet's file imports;
// a file with bad rows changes nothing and names every one of them.

const examples = join(__dirname, '..', '..', 'docs', 'import-examples');

async function postCsv(app: FastifyInstance, csv: string | Buffer, query = '') {
  const response = await app.inject({
    method: 'POST',
    url: `/v1/register/import${query}`,
    headers: { ...(await authHeader(app, 'admin')), 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  return Object.assign(response, { data: JSON.parse(response.body) });
}

const csvOf = async (app: FastifyInstance) =>
  (await app.inject({ method: 'GET', url: '/v1/register?state=working&format=csv', headers: await authHeader(app, 'auditor') })).body;

/** The CSV's records without the Record ID column (ids differ between installations). */
const withoutIds = (csv: string) => (parse(csv, { columns: true }) as Record<string, string>[]).map(({ 'Record ID': _id, ...row }) => row);

const activityCount = async (app: FastifyInstance) => (await call(app, 'GET', '/v1/processing-activities')).data.total as number;

t.test('the Woktron register as CSV: export → import into an empty installation → export is the same', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  const exported = await csvOf(source);

  const target = await buildTestApp(t);
  // The CSV names legal bases by article and name, not by code: national ones are set up first.
  const national = await postCsv(target, exported, '?dryRun=true');
  t.equal(national.statusCode, 422);
  t.same(
    [...new Set(national.data.problems.map((p: any) => p.message.split(':')[0]))],
    ['Unknown legal basis'],
    'without them, the national legal bases are the only problem',
  );
  for (const basis of woktronRegister.legalBases) {
    const { sourcePhrase: _source, ...body } = basis;
    t.equal((await call(target, 'POST', '/v1/legal-bases', body)).statusCode, 201);
  }
  const dry = await postCsv(target, exported, '?dryRun=true');
  t.equal(dry.statusCode, 200, dry.body.slice(0, 500));
  t.match(dry.data, { format: 'csv', dryRun: true, applied: false, counts: { match: 0, change: 0, conflict: 0 } });
  t.equal(dry.data.records, withoutIds(exported).length, 'every data row read');
  t.equal(await activityCount(target), 0, 'a dry run writes nothing');

  const imported = await postCsv(target, exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  t.equal(imported.data.byResource['processing-activities'].create, woktronRegister.activities.length);
  t.same(imported.data.counts, dry.data.counts);
  t.same(withoutIds(await csvOf(target)), withoutIds(exported), 'the re-exported CSV equals the original, row for row and cell for cell');

  const again = await postCsv(target, exported);
  t.match(again.data.counts, { create: 0, change: 0, conflict: 0 }, 're-import is a no-op');
});

t.test("a spreadsheet's CSV (BOM, CRLF, semicolons, quoted commas and line breaks) imports, as does the JSON example", async (t) => {
  const app = await buildTestApp(t);
  const spreadsheet = readFileSync(join(examples, 'register-spreadsheet.csv'));
  t.equal(spreadsheet.subarray(0, 3).toString('hex'), 'efbbbf', 'the example has a BOM');
  t.match(spreadsheet.toString('utf8'), /;.*\r\n/, 'semicolons and CRLF');
  const imported = await postCsv(app, spreadsheet);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 800));
  t.match(imported.data, { records: 3, applied: true });
  const activities = (await call(app, 'GET', '/v1/processing-activities?limit=10')).data.items;
  t.same(
    activities.map((a: any) => a.name),
    ['Newsletter', 'Webshop orders'],
  );
  const webshop = activities.find((a: any) => a.name === 'Webshop orders');
  t.same(
    webshop.purposes.map((p: any) => [p.purpose.name, p.legalBases.map((b: any) => b.code)]),
    [
      ['Fraud prevention', ['gdpr-6-1-f']],
      ['Order handling and delivery', ['gdpr-6-1-b']],
    ],
  );
  t.equal(
    webshop.purposes.find((p: any) => p.purpose.name === 'Fraud prevention').legitimateInterest,
    'Preventing payment fraud, which harms us and our customers',
    'a quoted comma',
  );
  t.same(
    webshop.dataSubjectCategories.map((s: any) => s.name),
    ['Customers', 'Prospective customers'],
    'a quoted line break',
  );
  const organisation = (await call(app, 'GET', '/v1/organisations')).data.items[0];
  t.match(organisation, {
    name: 'Acme Webshop B.V.',
    address: 'Keizersgracht 1, 1015 AA Amsterdam',
    country: 'NL',
    privacyContactEmail: 'privacy@acme.example',
  });

  // The JSON example is this register's export: importing it into the same register changes nothing.
  const example = JSON.parse(readFileSync(join(examples, 'register-export.json'), 'utf8'));
  const same = await call(app, 'POST', '/v1/register/import', example);
  t.equal(same.statusCode, 200, same.body.slice(0, 500));
  t.match(same.data.counts, { create: 0, change: 0, conflict: 0 });
  const fresh = await buildTestApp(t);
  const intoEmpty = await call(fresh, 'POST', '/v1/register/import', example);
  t.equal(intoEmpty.statusCode, 200);
  t.equal(intoEmpty.data.byResource['processing-activities'].create, 2);
});

t.test('a CSV with valid and invalid rows changes nothing and names every bad row', async (t) => {
  const app = await buildTestApp(t);
  const spreadsheet = readFileSync(join(examples, 'register-spreadsheet.csv'), 'utf8');
  t.equal((await postCsv(app, spreadsheet)).statusCode, 200);
  const before = await csvOf(app);
  const events = (await call(app, 'GET', '/v1/audit-events?limit=1')).data.total;

  const header =
    'Processing activity,Purpose of processing,Categories of recipients,Article 6 lawful basis for processing personal data,Retention schedule (if possible),Categories of personal data,Role';
  const csv = [
    header,
    'Support desk,Answering questions,Helpdesk tool (processor),Art. 6(1)(b) Contract,,Contact details,controller',
    'Debt collection,Collecting debts,Collector (bailiff),Art. 6(1)(b) Contract,,Contact details,controller',
    'Research,Statistics,,Art. 99 Made-up law,,Contact details,controller',
    'Archive,Keeping records,,Art. 6(1)(c) Legal obligation,Contact details: Forever (eternity, from creation, then erase),Contact details,controller',
    'Events,Inviting customers,,Art. 6(1)(a) Consent,,Contact details,landlord',
    'Webshop orders,Order handling and delivery,"Parcel carrier (processor, NL)",Art. 6(1)(b) Contract,,Contact details,controller',
  ].join('\r\n');
  const refused = await postCsv(app, csv);
  t.equal(refused.statusCode, 422, refused.body.slice(0, 300));
  t.equal(refused.data.code, 'IMPORT_INVALID');
  const bad = refused.data.problems.map((p: any) => [p.row, p.column]);
  t.ok(
    bad.some(([row, column]: [number, string]) => row === 3 && column === 'Categories of recipients'),
    'row 3: unknown recipient kind',
  );
  t.ok(
    bad.some(([row, column]: [number, string]) => row === 4 && column === 'Article 6 lawful basis for processing personal data'),
    'row 4: unknown legal basis',
  );
  t.ok(
    bad.some(([row, column]: [number, string]) => row === 5 && column === 'Retention schedule (if possible)'),
    'row 5: bad retention',
  );
  t.ok(
    bad.some(([row, column]: [number, string]) => row === 6 && column === 'Role'),
    'row 6: bad role',
  );
  t.notOk(
    bad.some(([row]: [number]) => row === 2 || row === 7),
    'the valid rows are not named',
  );
  for (const problem of refused.data.problems)
    t.ok(problem.value !== null && problem.message.length > 0, `row ${problem.row}: ${problem.message}`);
  t.equal(await csvOf(app), before, 'the register is unchanged');
  t.equal((await call(app, 'GET', '/v1/audit-events?limit=1')).data.total, events, 'no audit event');

  const nothing = await postCsv(app, '');
  t.equal(nothing.statusCode, 422);
  t.equal(nothing.data.problems[0].row, 1);
});
