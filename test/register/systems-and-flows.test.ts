import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { parse } from 'yaml';
import { xlsxSheets } from '../../src/register/render-xlsx';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create, databaseMoment, legalBasisId } from '../helper';

// The data map's systems and recorded data flows in every format the register moves in: export →
// import into an empty installation → export gives the same document (ids aside).

/** The one entry of `path` named `name`. */
async function named(app: FastifyInstance, path: string, name: string): Promise<any> {
  const items = (await call(app, 'GET', `/v1/${path}?q=${encodeURIComponent(name)}&limit=100`)).data.items as any[];
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${path} named ${name}`);
  return found;
}

/** The Woktron register with explicit flows: the seed records none (the policy names none). */
export async function woktronWithFlows(t: Parameters<typeof buildTestApp>[0]): Promise<FastifyInstance> {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const servers = await named(app, 'systems', 'Woktron servers');
  const siem = await named(app, 'systems', 'Security information and event management solutions');
  const analytics = await named(app, 'systems', 'Google Analytics');
  const google = await named(app, 'recipients', 'Google Analytics');
  const visitors = await named(app, 'data-subject-categories', 'Website visitors');
  const usage = await named(app, 'data-categories', 'Website usage and cookie data');
  await create(app, 'data-flows', {
    name: 'Server logs to the SIEM',
    description: 'Log lines of the servers, for security monitoring',
    fromKind: 'system',
    fromId: servers.id,
    toKind: 'system',
    toId: siem.id,
    dataCategoryIds: [usage.id],
  });
  await create(app, 'data-flows', {
    name: 'Website statistics to Google',
    fromKind: 'system',
    fromId: analytics.id,
    toKind: 'recipient',
    toId: google.id,
    dataCategoryIds: [usage.id],
    transferCountry: 'US',
    transferMechanismId: await legalBasisId(app, 'gdpr-45'),
    transferSafeguard: 'EU-US Data Privacy Framework',
    sourcePhrase: 'recorded for the test, not from the policy',
  });
  await create(app, 'data-flows', {
    name: 'Visits',
    fromKind: 'data-subject-category',
    fromId: visitors.id,
    toKind: 'system',
    toId: servers.id,
  });
  return app;
}

const download = async (app: FastifyInstance, format: string, query = '') =>
  app.inject({ method: 'GET', url: `/v1/register?format=${format}${query}`, headers: await authHeader(app, 'admin') });

const upload = (app: FastifyInstance, payload: string | Buffer | object, type?: string) =>
  call(app, 'POST', '/v1/register/import', payload, 'admin', type ? { 'content-type': type } : {});

t.test('the register document (YAML and JSON) holds the recorded data flows, ends and categories by name', async (t) => {
  const source = await woktronWithFlows(t);
  const yaml = await download(source, 'yaml', '&internalNotes=true');
  t.equal(yaml.statusCode, 200);
  const document = parse(yaml.body);
  t.equal(document.systems.length, 5, 'the five systems');
  t.same(
    document.dataFlows,
    [
      {
        name: 'Server logs to the SIEM',
        description: 'Log lines of the servers, for security monitoring',
        fromKind: 'system',
        from: 'Woktron servers',
        toKind: 'system',
        to: 'Security information and event management solutions',
        dataCategories: ['Website usage and cookie data'],
      },
      { name: 'Visits', fromKind: 'data-subject-category', from: 'Website visitors', toKind: 'system', to: 'Woktron servers' },
      {
        name: 'Website statistics to Google',
        fromKind: 'system',
        from: 'Google Analytics',
        toKind: 'recipient',
        to: 'Google Analytics',
        dataCategories: ['Website usage and cookie data'],
        transferCountry: 'US',
        transferMechanism: 'gdpr-45',
        transferSafeguard: 'EU-US Data Privacy Framework',
        sourcePhrase: 'recorded for the test, not from the policy',
      },
    ],
    'by name, sorted; the end of the kind its kind field says',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, yaml.body, 'application/yaml');
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource['data-flows'], { create: 3 });
  t.equal((await download(target, 'yaml', '&internalNotes=true')).body, yaml.body, 'the identical YAML document');

  const json = JSON.parse((await download(source, 'document', '&internalNotes=true')).body);
  const jsonTarget = await buildTestApp(t);
  const fromJson = await upload(jsonTarget, json);
  t.equal(fromJson.statusCode, 200, fromJson.body.slice(0, 2000));
  t.same(JSON.parse((await download(jsonTarget, 'document', '&internalNotes=true')).body), json, 'the identical JSON document');

  // The document is the whole register: replacing with it keeps the flows (it deleted them when it had none).
  const replaced = await call(source, 'POST', '/v1/register/import?mode=replace', yaml.body, 'admin', {
    'content-type': 'application/yaml',
  });
  t.equal(replaced.statusCode, 200, replaced.body.slice(0, 1000));
  t.match(replaced.data.counts, { create: 0, change: 0, delete: 0 });

  // A flow's end names an entry of its kind: a system's name is no recipient.
  const wrong = parse(yaml.body);
  wrong.dataFlows[0].to = 'Google Analytics';
  wrong.dataFlows[0].toKind = 'data-subject-category';
  const refused = await upload(await buildTestApp(t), JSON.stringify(wrong), 'application/json');
  t.equal(refused.statusCode, 422, refused.body.slice(0, 1000));
  t.match(refused.data.problems, [{ path: '/dataFlows/0/to', value: 'Google Analytics', message: /data subject category/ }]);
});

/** The export without what differs between installations: ids, timestamps, versions. */
function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['id', 'createdAt', 'updatedAt', 'version', 'generatedAt'].includes(key))
      .map(([key, child]) => [key, portable(child)]),
  );
}

t.test('the JSON export lists every system and recorded flow, and its import brings them back', async (t) => {
  const source = await woktronWithFlows(t);
  // A system no activity uses: only the register's list holds it.
  await create(source, 'systems', { name: 'Paper archive', kind: 'paper-archive', hostingCountries: ['NL'] });
  const exported = JSON.parse((await download(source, 'json', '&internalNotes=true')).body);
  t.same(
    exported.systems.map((system: any) => system.name),
    [
      'Endpoints',
      'Google Analytics',
      'Paper archive',
      'Password managers',
      'Security information and event management solutions',
      'Woktron servers',
    ],
  );
  t.match(exported.systems[1], { kind: 'saas', provider: { name: 'Google LLC' }, hostingCountries: ['US'] });
  t.match(exported.dataFlows[2], {
    name: 'Website statistics to Google',
    from: { kind: 'system', name: 'Google Analytics' },
    to: { kind: 'recipient', name: 'Google Analytics' },
    dataCategories: [{ name: 'Website usage and cookie data' }],
    transferCountry: 'US',
    transferMechanism: { code: 'gdpr-45' },
    transferSafeguard: 'EU-US Data Privacy Framework',
  });
  t.ok(
    exported.legalBases.some((basis: any) => basis.code === 'gdpr-45'),
    'a flow’s mechanism is among the legal bases',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource, { systems: { create: 6 }, 'data-flows': { create: 3 } });
  const again = JSON.parse((await download(target, 'json', '&internalNotes=true')).body);
  t.same(portable(again), portable(exported), 'the re-exported register equals the original');

  // A file from before the lists: it still imports, with the systems its activities use.
  const { systems: _systems, dataFlows: _flows, ...older } = exported;
  const fromOlder = await upload(await buildTestApp(t), older);
  t.equal(fromOlder.statusCode, 200, fromOlder.body.slice(0, 1000));
  const used = new Set(
    [
      ...exported.controllerRegister.activities,
      ...exported.processorRegister.controllers.flatMap((group: any) => group.activities),
    ].flatMap((activity: any) => activity.systems.map((system: any) => system.name)),
  );
  t.ok(used.size > 0);
  t.match(fromOlder.data.byResource, { systems: { create: used.size } });
  t.notOk(fromOlder.data.byResource['data-flows'], 'and no flows');
});

t.test('history: the register as of a moment holds its systems and flows, and the diff shows a rename and a new flow', async (t) => {
  const app = await woktronWithFlows(t);
  const before = await databaseMoment(app);
  const liveThen = JSON.parse((await download(app, 'json')).body);
  const servers = await named(app, 'systems', 'Woktron servers');
  t.equal((await call(app, 'PATCH', `/v1/systems/${servers.id}`, { name: 'Woktron data centre servers' })).statusCode, 200);
  const customers = await named(app, 'data-subject-categories', 'Customers');
  await create(app, 'data-flows', {
    name: 'Customers into the servers',
    fromKind: 'data-subject-category',
    fromId: customers.id,
    toKind: 'system',
    toId: servers.id,
  });
  const after = await databaseMoment(app);

  const past = JSON.parse((await download(app, 'json', `&asOf=${before}`)).body);
  t.same(past.systems, liveThen.systems, 'the systems as they were');
  t.same(past.dataFlows, liveThen.dataFlows, 'the flows as they were, ends named as they were then');
  t.ok(past.dataFlows.some((flow: any) => flow.to.name === 'Woktron servers'));
  const now = JSON.parse((await download(app, 'json', `&asOf=${after}`)).body);
  t.ok(now.systems.some((system: any) => system.name === 'Woktron data centre servers'));
  t.match(
    now.dataFlows.find((flow: any) => flow.name === 'Customers into the servers'),
    { from: { kind: 'data-subject-category', name: 'Customers' }, to: { name: 'Woktron data centre servers' } },
  );

  const diff = (await call(app, 'GET', `/v1/register/diff?from=${before}&to=${after}`, undefined, 'auditor')).data;
  t.match(diff.added, [{ resource: 'data-flows', name: 'Customers into the servers' }]);
  const renamed = diff.changed.filter((entry: any) => entry.resource === 'systems');
  t.match(renamed, [{ name: 'Woktron data centre servers' }], 'one system changed');
  t.ok(
    renamed[0].changes.some(
      (change: any) => /name$/.test(change.path) && change.from === 'Woktron servers' && change.to === 'Woktron data centre servers',
    ),
    'its rename',
  );
});

/** Every sheet's cells, the id columns left out (they differ between installations). */
async function workbookCells(payload: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as never);
  const out: Record<string, string[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    // Array.from: exceljs leaves empty cells as holes, which map and filter would skip.
    sheet.eachRow((row) =>
      rows.push(
        Array.from(row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v))),
      ),
    );
    const drop = rows[0]!.flatMap((name, i) => (name === 'id' || name === 'Record ID' ? [i] : []));
    out[sheet.name] = rows.map((row) => row.filter((_cell, i) => !drop.includes(i)));
  }
  return out;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

t.test('the workbook has a Systems and a Data flows sheet and the records’ systems column; its import reads them back', async (t) => {
  const source = await woktronWithFlows(t);
  const workbook = (await download(source, 'xlsx', '&internalNotes=true')).rawPayload;
  const before = await workbookCells(workbook);
  t.same(before[xlsxSheets.systems]![0], [
    'name',
    'description',
    'kind',
    'owner',
    'provider',
    'hostingCountries',
    'securityMeasures',
    'sourcePhrase',
    'internalNote',
  ]);
  t.equal(before[xlsxSheets.systems]!.length, 6, 'a row per system');
  t.same(before[xlsxSheets.dataFlows]![0]!.slice(0, 7), ['name', 'description', 'fromKind', 'from', 'toKind', 'to', 'dataCategories']);
  t.same(before[xlsxSheets.dataFlows]![3]!.slice(0, 10), [
    'Website statistics to Google',
    '',
    'system',
    'Google Analytics',
    'recipient',
    'Google Analytics',
    'Website usage and cookie data',
    'US',
    'gdpr-45',
    'EU-US Data Privacy Framework',
  ]);
  const header = before[xlsxSheets.controller]![0]!;
  const column = header.findIndex((name) => name.startsWith('Systems holding the data'));
  t.ok(column >= 0, 'the records’ systems column');
  t.ok(
    before[xlsxSheets.controller]!.some((row) =>
      row[column]?.startsWith('Google Analytics: kind: saas; provider: Google LLC; hosted in: US'),
    ),
    'Google Analytics, as the analytics record uses it',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, workbook, xlsxType);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource, { systems: { create: 5 }, 'data-flows': { create: 3 } });
  const after = await workbookCells((await download(target, 'xlsx', '&internalNotes=true')).rawPayload);
  for (const sheet of Object.values(xlsxSheets)) t.same(after[sheet], before[sheet], sheet);
  t.same(
    portable(JSON.parse((await download(target, 'json', '&internalNotes=true')).body).dataFlows),
    portable(JSON.parse((await download(source, 'json', '&internalNotes=true')).body).dataFlows),
    'the same flows',
  );
});

t.test('the CSV carries the systems the records use, in a column of its own; the flows are not in it', async (t) => {
  const source = await woktronWithFlows(t);
  const csv = async (app: FastifyInstance) => (await download(app, 'csv', '&internalNotes=true')).body;
  const exported = await csv(source);
  const rows = parseCsv(exported, { columns: true }) as Record<string, string>[];
  const column = Object.keys(rows[0]!).find((name) => name.startsWith('Systems holding the data'))!;
  t.ok(column, 'a labelled column beyond the ICO template');
  const analytics = rows.find((row) => row['Processing activity'] === 'Website analytics (Google Analytics)')!;
  t.equal(analytics[column], 'Google Analytics: kind: saas; provider: Google LLC; hosted in: US; holds: Website usage and cookie data');
  t.match(analytics["Source phrases (the source's own words)"], /^system "Google Analytics": /m, 'the system’s source phrase');

  const target = await buildTestApp(t);
  for (const basis of woktronRegister.legalBases) {
    const { sourcePhrase: _source, ...body } = basis;
    t.equal((await call(target, 'POST', '/v1/legal-bases', body)).statusCode, 201);
  }
  const imported = await upload(target, exported, 'text/csv; charset=utf-8');
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  const withoutIds = (text: string) =>
    (parseCsv(text, { columns: true }) as Record<string, string>[]).map(({ 'Record ID': _id, ...row }) => row);
  t.same(withoutIds(await csv(target)), withoutIds(exported), 'the re-exported CSV equals the original, cell for cell');
  const system = await named(target, 'systems', 'Google Analytics');
  t.match(system, { kind: 'saas', provider: { name: 'Google LLC' }, hostingCountries: ['US'] });
  t.ok(system.sourcePhrase, 'with its source phrase');
  t.equal((await call(target, 'GET', '/v1/data-flows')).data.total, 0, 'the CSV has no row for a flow');

  const bad = exported.replace('Google Analytics: kind: saas', 'Google Analytics: kind: cloud');
  const refused = await upload(await buildTestApp(t), bad, 'text/csv; charset=utf-8');
  t.equal(refused.statusCode, 422);
  t.match(
    refused.data.problems.filter((problem: any) => problem.column === column),
    [{ row: 18, value: 'cloud', message: /kind of system "Google Analytics" must be one of/ }],
    'a bad system line is named by its row and column',
  );
});
