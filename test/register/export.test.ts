import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { assembleBatch, defaultPageSize, openRegister } from '../../src/register/reader';
import { chooseFormat } from '../../src/register/routes';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create, testDatabaseKind } from '../helper';
import { generateActivities, registerSchemaValidator, sharedWoktronApp } from '../support/register-fixtures';
import { entryName } from '../../src/import/register-document';

// GET /v1/register: the whole register as one JSON document, through HTTP, on the seeded Woktron
// register; checked against its own published schema and against the seed, item by item.

/** One app with the Woktron register for the tests that only read it. */
const seeded = sharedWoktronApp(t);

const sorted = (items: string[]) => [...items].sort();
const names = (items: { name: string }[]) => sorted(items.map((item) => item.name));

t.test('the JSON export validates against openapi/register.schema.json and holds every seeded item', async (t) => {
  const app = await seeded();
  const response = await call(app, 'GET', '/v1/register?state=working', undefined, 'reader');
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^application\/json; charset=utf-8/);
  t.match(response.headers['content-disposition'], /^attachment; filename="register-\d{4}-\d{2}-\d{2}\.json"$/);
  t.equal(response.headers['cache-control'], 'no-store');
  const document = response.data;

  const validate = registerSchemaValidator();
  t.ok(validate(document), `valid: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  t.equal(document.documentType, 'gdpr-art30-register');
  t.equal(document.formatVersion, 2);
  t.ok(Math.abs(Date.parse(document.generatedAt) - Date.now()) < 60_000, 'generatedAt is now');
  t.same(document.filters, { status: null, owner: null, role: null, asOf: null, state: 'working' });
  t.equal(response.headers['content-disposition'], `attachment; filename="register-${document.generatedAt.slice(0, 10)}.json"`);

  // Organisations, resolved with their contacts.
  t.same(names(document.organisations), sorted(woktronRegister.organisations.map((o) => o.name)));
  const woktron = document.organisations.find((o: any) => o.name === 'Woktron Ltd.');
  t.equal(woktron.privacyContactEmail, 'services@woktron.com');

  // Legal bases used: exactly the codes the seed's activities name, with DPV IRIs.
  const seedCodes = new Set(
    woktronRegister.activities.flatMap((a) => [
      ...a.purposes.flatMap((p) => p.legalBases),
      ...a.transfers.flatMap((tr) => (tr.mechanism ? [tr.mechanism] : [])),
    ]),
  );
  t.same(
    document.legalBases.map((b: any) => b.code),
    [...seedCodes].sort(),
    'the legal bases used, by code',
  );
  for (const basis of document.legalBases) {
    if (basis.builtIn) t.match(basis.dpvIri, /^https:\/\/w3id\.org\/dpv\/legal\/eu\/gdpr#A/, `${basis.code} has its DPV IRI`);
  }

  // The controller register: every seeded activity, in name order, every link resolved inline.
  const activities = document.controllerRegister.activities;
  t.equal(document.controllerRegister.article, 'GDPR Art. 30(1)');
  t.same(
    document.controllerRegister.controllers.map((o: any) => o.name),
    ['Woktron Ltd.'],
  );
  t.same(names(activities), sorted(woktronRegister.activities.map((a) => a.name)), 'every activity');
  const byName = await app.dataSource.query('SELECT name FROM processing_activities ORDER BY lower(name), id');
  t.same(
    activities.map((a: any) => a.name),
    byName.map((row: { name: string }) => row.name),
    'by name, as the database sorts',
  );
  for (const seed of woktronRegister.activities) {
    const activity = activities.find((a: any) => a.name === seed.name);
    t.test(seed.name, async (t) => {
      t.match(activity, { role: seed.role, status: seed.status, owner: seed.owner ?? null, dpiaRequired: seed.dpiaRequired ?? null });
      t.same(names(activity.controllers), sorted(seed.controllers.map(entryName)), 'controllers');
      t.same(activity.controllers[0].privacyContactEmail, 'services@woktron.com', 'controller contact details inline');
      t.same(
        sorted(
          activity.purposes.map(
            (p: any) =>
              `${p.name}: ${p.legalBases
                .map((b: any) => b.code)
                .sort()
                .join(' ')}`,
          ),
        ),
        sorted(seed.purposes.map((p) => `${p.purpose}: ${[...p.legalBases].sort().join(' ')}`)),
        'purposes with their legal bases',
      );
      const iris = new Map(document.legalBases.map((b: any) => [b.code, b.dpvIri]));
      for (const purpose of activity.purposes) {
        for (const basis of purpose.legalBases)
          t.equal(basis.dpvIri, iris.get(basis.code), `${basis.code}: DPV IRI (or null for national law) inline`);
      }
      t.same(names(activity.dataSubjectCategories), sorted(seed.dataSubjectCategories), 'data subjects');
      t.same(
        sorted(activity.dataCategories.map((d: any) => `${d.name} → ${d.retention?.name ?? '-'} ← ${names(d.sources).join('+')}`)),
        sorted(
          seed.dataCategories.map((d) => `${d.dataCategory} → ${d.retentionRule ?? '-'} ← ${sorted(d.sourceChannels ?? []).join('+')}`),
        ),
        'data categories with their erasure time limits and sources',
      );
      for (const category of activity.dataCategories) {
        if (category.retention)
          t.match(category.retention, { duration: /^P/, startEvent: String, endAction: String }, 'retention resolved');
      }
      t.same(names(activity.collectionChannels), sorted(seed.collectionChannels), 'collection channels');
      t.same(
        sorted(activity.recipients.map((r: any) => `${r.name}: ${names(r.dataCategories).join('+')}`)),
        sorted(seed.recipients.map((r) => `${r.recipient}: ${sorted(r.dataCategories ?? []).join('+')}`)),
        'recipients with the data they receive',
      );
      t.same(
        sorted(
          activity.transfers.map((tr: any) => `${tr.recipient.name} ${tr.country} ${tr.mechanism?.code ?? '-'} ${tr.safeguard ?? '-'}`),
        ),
        sorted(seed.transfers.map((tr) => `${tr.recipient} ${tr.country} ${tr.mechanism ?? '-'} ${tr.safeguard ?? '-'}`)),
        'third-country transfers with mechanism and safeguard',
      );
      t.same(names(activity.securityMeasures), sorted(seed.securityMeasures), 'security measures');
      t.ok(activity.rights.length > 0 && activity.rights.every((r: any) => typeof r.applies === 'boolean'), 'derived rights');
    });
  }
  t.same(document.processorRegister, { article: 'GDPR Art. 30(2)', processors: [], controllers: [] }, 'no processor records in the seed');
  t.same(document.totals, {
    activities: woktronRegister.activities.length,
    controllerActivities: woktronRegister.activities.length,
    processorActivities: 0,
    purposeRows: woktronRegister.activities.reduce((sum, a) => sum + Math.max(1, a.purposes.length), 0),
    notApproved: 0,
  });
});

t.test('filters: status, owner and role', async (t) => {
  const app = await seeded();
  const all = (await call(app, 'GET', '/v1/register?state=working', undefined, 'reader')).data.controllerRegister.activities;
  const owner = all[0].owner as string;
  const byOwner = (await call(app, 'GET', `/v1/register?state=working&owner=${encodeURIComponent(owner)}`, undefined, 'reader')).data;
  t.ok(byOwner.controllerRegister.activities.length > 0);
  t.same(
    byOwner.controllerRegister.activities.map((a: any) => a.name),
    all.filter((a: any) => a.owner === owner).map((a: any) => a.name),
    'owner',
  );
  t.same(byOwner.filters, { status: null, owner, role: null, asOf: null, state: 'working' });
  const codes = new Set(
    byOwner.controllerRegister.activities.flatMap((a: any) => a.purposes.flatMap((p: any) => p.legalBases.map((b: any) => b.code))),
  );
  for (const a of byOwner.controllerRegister.activities) for (const tr of a.transfers) if (tr.mechanism) codes.add(tr.mechanism.code);
  t.same(
    byOwner.legalBases.map((b: any) => b.code),
    [...codes].sort(),
    'legal bases: only those the filtered activities use',
  );

  const drafts = (await call(app, 'GET', '/v1/register?state=working&status=draft', undefined, 'reader')).data;
  t.same(
    drafts.controllerRegister.activities.map((a: any) => a.name),
    all.filter((a: any) => a.status === 'draft').map((a: any) => a.name),
    'status',
  );
  const processors = (await call(app, 'GET', '/v1/register?state=working&role=processor', undefined, 'reader')).data;
  t.same(processors.controllerRegister.activities, [], 'role=processor: no controller records');
  t.same(processors.controllerRegister.controllers, []);
  t.same(processors.legalBases, []);
  t.equal(
    (await call(app, 'GET', '/v1/register?state=working&status=finished', undefined, 'reader')).statusCode,
    400,
    'unknown status: 400',
  );
  t.equal((await call(app, 'GET', '/v1/register?state=working&color=red', undefined, 'reader')).statusCode, 400, 'unknown parameter: 400');
});

t.test('the processor register (Art. 30(2)) groups records per controller, streamed across pages', async (t) => {
  const app = await buildTestApp(t);
  const us = await create(app, 'organisations', {
    name: 'Hosting Us B.V.',
    roles: ['controller', 'processor'],
    email: 'privacy@us.example',
  });
  const clientA = await create(app, 'organisations', {
    name: 'Alpha Shop',
    roles: ['controller'],
    email: 'dpo@alpha.example',
    dpoName: 'A. DPO',
    dpoEmail: 'dpo@alpha.example',
  });
  const clientB = await create(app, 'organisations', { name: 'Beta Bank', roles: ['controller'], representativeId: us.id });
  const vendor = await create(app, 'organisations', { name: 'Zeta Cloud Inc', roles: ['processor'], country: 'US' });
  await create(app, 'recipients', {
    name: 'Zeta Cloud',
    kind: 'processor',
    category: 'hosting-provider',
    organisationId: vendor.id,
    country: 'US',
  });
  const activity = (name: string, controllerIds: string[], role = 'processor') =>
    create(app, 'processing-activities', { name, role, status: 'active', controllerIds });
  await activity('Mail hosting', [clientA.id]);
  await activity('Web hosting', [clientA.id, clientB.id]);
  await activity('Backups', [clientB.id]);
  await activity('Anonymous hosting', []);
  await activity('Our own billing', [us.id], 'controller');

  for (const pageSize of [1, 2, 500]) {
    const reader = await openRegister(app.dataSource, {}, { pageSize });
    const groups: string[] = [];
    const firsts: string[] = [];
    try {
      for await (const page of reader.processorPages()) {
        for (const entry of page) {
          groups.push(`${entry.controllerId === null ? '(none)' : reader.organisation(entry.controllerId)!.name}: ${entry.activity.name}`);
          if (entry.first) firsts.push(entry.activity.name);
        }
      }
      for await (const _ of reader.controllerPages());
    } finally {
      await reader.close();
    }
    t.same(
      groups,
      ['Alpha Shop: Mail hosting', 'Alpha Shop: Web hosting', 'Beta Bank: Backups', 'Beta Bank: Web hosting', '(none): Anonymous hosting'],
      `page size ${pageSize}: per controller by name, records naming none last`,
    );
    t.same(
      sorted(firsts),
      ['Anonymous hosting', 'Backups', 'Mail hosting', 'Web hosting'],
      `page size ${pageSize}: each record once as first`,
    );
    t.same(reader.totals, { activities: 5, controllerActivities: 1, processorActivities: 4, purposeRows: 5, notApproved: 0 });
    t.same(
      reader.processors.map((o) => o.name),
      ['Hosting Us B.V.'],
      'the processor is us, not the vendor behind a recipient',
    );
  }

  const document = (await call(app, 'GET', '/v1/register?state=working')).data;
  t.ok(registerSchemaValidator()(document), 'valid');
  const register = document.processorRegister;
  t.equal(register.article, 'GDPR Art. 30(2)');
  t.same(
    register.processors.map((o: any) => o.name),
    ['Hosting Us B.V.'],
  );
  t.same(
    register.controllers.map((g: any) => [g.controller?.name ?? null, g.activities.map((a: any) => a.name)]),
    [
      ['Alpha Shop', ['Mail hosting', 'Web hosting']],
      ['Beta Bank', ['Backups', 'Web hosting']],
      [null, ['Anonymous hosting']],
    ],
  );
  t.match(
    register.controllers[0].controller,
    { email: 'dpo@alpha.example', dpo: { name: 'A. DPO', email: 'dpo@alpha.example', phone: null } },
    'controller contact and DPO',
  );
  t.match(
    register.controllers[1].controller.representative,
    { id: us.id, name: 'Hosting Us B.V.', email: 'privacy@us.example' },
    'representative resolved',
  );
  t.same(
    document.controllerRegister.activities.map((a: any) => a.name),
    ['Our own billing'],
  );
  t.same(document.totals, { activities: 5, controllerActivities: 1, processorActivities: 4, purposeRows: 5, notApproved: 0 });
  const onlyProcessor = (await call(app, 'GET', '/v1/register?state=working&role=processor')).data;
  t.equal(onlyProcessor.totals.activities, 4);
  t.same(onlyProcessor.controllerRegister.activities, []);
});

t.test('representation by Accept or format=', async (t) => {
  t.equal(chooseFormat(undefined, undefined), 'json');
  t.equal(chooseFormat(undefined, '*/*'), 'json');
  t.equal(chooseFormat(undefined, 'application/ld+json'), 'jsonld');
  t.equal(chooseFormat(undefined, 'text/csv'), 'csv');
  t.equal(chooseFormat(undefined, 'text/csv;q=0.5, application/ld+json;q=0.9'), 'jsonld');
  t.equal(chooseFormat(undefined, 'text/csv, */*;q=0.1'), 'csv');
  t.equal(chooseFormat(undefined, 'application/json, text/csv'), 'json');
  t.equal(chooseFormat(undefined, 'text/html'), 'json', 'nothing we have: JSON');
  t.equal(chooseFormat('csv', 'application/ld+json'), 'csv', 'format= wins');

  const app = await seeded();
  const headers = await authHeader(app, 'editor');
  for (const [query, accept, type, extension] of [
    ['', 'application/ld+json', 'application/ld+json', 'jsonld'],
    ['', 'text/csv', 'text/csv', 'csv'],
    ['?format=csv', 'application/json', 'text/csv', 'csv'],
    ['?format=jsonld', undefined, 'application/ld+json', 'jsonld'],
    ['?format=json', 'text/csv', 'application/json', 'json'],
  ] as const) {
    const response = await app.inject({
      method: 'GET',
      url: `/v1/register${query}`,
      headers: { ...headers, ...(accept ? { accept } : {}) },
    });
    t.equal(response.statusCode, 200, `${query} ${accept}`);
    t.match(response.headers['content-type'], new RegExp(`^${type.replace('+', '\\+')}; charset=utf-8`), `${query} ${accept}: ${type}`);
    t.match(response.headers['content-disposition'], new RegExp(`^attachment; filename="register-\\d{4}-\\d{2}-\\d{2}\\.${extension}"$`));
    t.equal(response.headers.vary, 'accept');
  }
  t.equal((await call(app, 'GET', '/v1/register?state=working&format=xml', undefined, 'reader')).statusCode, 400);
});

t.test('who may export: every role; no token, no export', async (t) => {
  const app = await seeded();
  for (const role of ['reader', 'auditor', 'editor', 'admin'] as const) {
    t.equal(
      (await app.inject({ method: 'GET', url: '/v1/register?state=working&role=processor', headers: await authHeader(app, role) }))
        .statusCode,
      200,
      role,
    );
  }
  const anonymous = await call(app, 'GET', '/v1/register?state=working', undefined, null);
  t.equal(anonymous.statusCode, 401);
  t.equal(anonymous.data.code, 'UNAUTHENTICATED');
});

t.test('exports are rate limited per client (EXPORT_RATE_LIMIT_MAX a minute)', async (t) => {
  const app = await buildTestApp(t, { EXPORT_RATE_LIMIT_MAX: '2' });
  const headers = await authHeader(app, 'reader');
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await app.inject({ method: 'GET', url: '/v1/register?state=working', headers })).statusCode);
  t.same(statuses, [200, 200, 429]);
  const limited = await call(app, 'GET', '/v1/register?state=working', undefined, 'reader');
  t.equal(limited.data.code, 'RATE_LIMITED');
  t.ok(limited.headers['retry-after'], 'Retry-After');
  t.equal((await call(app, 'GET', '/v1/purposes', undefined, 'reader')).statusCode, 200, 'other routes keep the general limit');
});

t.test('large registers stream in pages from one cursor: a constant set of statements, nothing twice, nothing lost', async (t) => {
  // Last in this file: it adds the generated activities to the shared register.
  const app = await seeded();
  const generated = 1_234;
  await generateActivities(app.dataSource, generated);
  const total = generated + woktronRegister.activities.length;

  const reader = await openRegister(app.dataSource, {});
  const seen: string[] = [];
  let pages = 0;
  try {
    for await (const page of reader.controllerPages()) {
      pages += 1;
      t.ok(page.length <= assembleBatch, `records are built ${assembleBatch} at a time`);
      for (const activity of page) seen.push(activity.name);
    }
    for await (const _ of reader.processorPages());
  } finally {
    await reader.close();
  }
  t.equal(pages, Math.ceil(total / assembleBatch));
  t.equal(reader.stats.pages, Math.ceil(total / defaultPageSize), `one FETCH per ${defaultPageSize} rows`);
  t.equal(seen.length, total, 'every activity');
  t.equal(new Set(seen).size, total, 'none twice');
  const byName = await app.dataSource.query('SELECT name FROM processing_activities ORDER BY lower(name), id');
  t.same(
    seen,
    byName.map((row: { name: string }) => row.name),
    'in name order, as the database sorts',
  );
  // START, the building blocks with the organisations and policies (one statement), legal bases,
  // controllers; the controller records' cursor (DECLARE, one FETCH per page — the last one short,
  // so it ends there); the processor records' (DECLARE, one empty FETCH); ROLLBACK. Only the
  // FETCHes grow with the register.
  t.equal(reader.stats.queries, 4 + (1 + reader.stats.pages) + (1 + 1) + 1, `${reader.stats.queries} queries for ${total} activities`);
  t.equal(reader.stats.fetches, reader.stats.pages + 1);

  const response = await call(app, 'GET', '/v1/register?state=working', undefined, 'auditor');
  t.equal(response.statusCode, 200);
  t.equal(response.data.controllerRegister.activities.length, total);
  t.equal(response.data.totals.activities, total);
  t.ok(registerSchemaValidator()(response.data), 'the large document is valid too');
  t.comment(`export of ${total} activities: ${response.body.length} bytes (its time: npm run bench)`);
});

t.test('a client that goes away, or stops reading, releases the database connection', async (t) => {
  const app = await seeded();
  // A real HTTP client that disconnects after the first bytes.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const { authorization } = await authHeader(app, 'reader');
  await new Promise<void>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/v1/register?state=working', headers: { authorization } }, (response) => {
      t.equal(response.statusCode, 200);
      response.once('data', () => {
        request.destroy();
        resolve();
      });
    });
    request.on('error', (error) =>
      error.message.includes('socket hang up') || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error),
    );
  });
  const served = async (label: string) => {
    // On PGlite the one session would stay taken by the export's transaction if it were not released.
    // A connection that was not released makes this wait forever: tap's timeout fails the file.
    const next = await call(app, 'GET', '/v1/purposes?limit=1', undefined, 'reader');
    t.equal(next.statusCode, 200, label);
    if (testDatabaseKind === 'postgres') {
      // PostgreSQL has a pool: check that no transaction was left open instead.
      let open = -1;
      for (let i = 0; i < 50 && open !== 0; i++) {
        [{ open }] = await app.dataSource.query(
          `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        );
        if (open !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      t.equal(open, 0, `${label}: no transaction left open`);
    }
  };
  await served('after a disconnect, the next request is served');

  // A client that stays connected but stops reading: abandoned after CONNECTION_TIMEOUT_MS.
  const stalled = await buildTestApp(t, { CONNECTION_TIMEOUT_MS: '1000' });
  await generateActivities(stalled.dataSource, 1_100);
  const response = await stalled.inject({
    method: 'GET',
    url: '/v1/register?state=working',
    headers: await authHeader(stalled, 'reader'),
    payloadAsStream: true,
  });
  t.equal(response.statusCode, 200);
  const body = response.stream();
  await new Promise<void>((resolve) => body.once('data', () => resolve()));
  body.pause();
  const next = await call(stalled, 'GET', '/v1/purposes?limit=1', undefined, 'reader');
  t.equal(next.statusCode, 200, 'after a stall, the next request is served');
  body.destroy();
});

t.test('the records cite the framework their organisations state: Art. 31 of 2018/1725 for an EU institution', async (t) => {
  const app = await buildTestApp(t);
  const agency = await create(app, 'organisations', { name: 'EU Agency', roles: ['controller'], framework: 'eudpr' });
  await create(app, 'processing-activities', { name: 'Staff selection', controllerIds: [agency.id] });
  const json = (await call(app, 'GET', '/v1/register?state=working', undefined, 'reader')).data;
  t.equal(json.controllerRegister.article, 'Regulation (EU) 2018/1725 Art. 31(1)');
  t.equal(json.processorRegister.article, 'GDPR Art. 30(2)', 'no processor states a framework: the GDPR, as before');
  const graph = (await call(app, 'GET', '/v1/register?state=working&format=jsonld', undefined, 'reader')).data['@graph'];
  t.equal(graph[0]['rdfs:label'], 'Record of processing activities (Regulation (EU) 2018/1725 Art. 31)');
  t.same(graph[0]['dct:conformsTo'], { '@id': 'eli:reg/2018/1725/oj' });
  t.equal(graph.find((node: any) => node['rdfs:label'] === 'Staff selection')['reg:register'], 'Regulation (EU) 2018/1725 Art. 31(1)');

  const council = await create(app, 'organisations', { name: 'Parish Council', roles: ['controller'], framework: 'uk-gdpr' });
  await create(app, 'processing-activities', { name: 'Allotments', controllerIds: [council.id] });
  const mixed = (await call(app, 'GET', '/v1/register?state=working', undefined, 'reader')).data;
  t.equal(
    mixed.controllerRegister.article,
    'GDPR Art. 30(1)',
    'controllers under different laws: the GDPR numbering, which the UK GDPR keeps',
  );
});
