import type { FastifyInstance } from 'fastify';
import t from 'tap';
import type { DataSource } from 'typeorm';
import { openRegister } from '../../src/register/reader';
import { renderJson } from '../../src/register/render-json';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call, create } from '../helper';
import { generateActivities } from '../support/register-fixtures';

// The number of SQL statements the hot paths send does not grow with the register (not timed:
// `npm run bench` measures speed). Statements are counted where TypeORM hands them to the
// driver (its logger sees every one, transactions included), on PGlite and on PostgreSQL alike.

/** Counts every statement the app's DataSource sends while `run` runs; returns them. */
async function statements(dataSource: DataSource, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const logger = dataSource.logger;
  const counting = Object.create(logger, {
    logQuery: {
      value: (query: string, ...rest: unknown[]) => {
        seen.push(query.replace(/\s+/g, ' ').trim());
        return (logger.logQuery as (...args: unknown[]) => unknown).call(logger, query, ...rest);
      },
    },
  });
  Object.defineProperty(dataSource, 'logger', { value: counting, configurable: true, writable: true });
  try {
    await run();
  } finally {
    Object.defineProperty(dataSource, 'logger', { value: logger, configurable: true, writable: true });
  }
  return seen;
}

const isFetch = (sql: string) => sql.startsWith('FETCH ');

async function grow(app: FastifyInstance, size: number) {
  const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM processing_activities');
  await generateActivities(app.dataSource, size - n, `Generated ${n} `);
}

t.test('the activity list, one activity and the export send as many statements at 20 as at 200 activities', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  // A processor record acting for two controllers, so the export's Art. 30(2) side has rows too.
  const clients = [
    await create(app, 'organisations', { name: 'Client A', roles: ['controller'] }),
    await create(app, 'organisations', { name: 'Client B', roles: ['controller'] }),
  ];
  await create(app, 'processing-activities', {
    name: 'Hosting for clients',
    role: 'processor',
    status: 'active',
    controllerIds: clients.map((c) => c.id),
  });

  const measure = async () => {
    // Each page read twice: the second time this process has kept the page's documents.
    const list: Record<string, number> = {};
    for (const limit of [5, 50]) {
      for (const read of ['first', 'again']) {
        list[`${limit} ${read}`] = (
          await statements(app.dataSource, async () => {
            const response = await call(app, 'GET', `/v1/processing-activities?limit=${limit}&offset=1`, undefined, 'reader');
            t.equal(response.statusCode, 200);
          })
        ).length;
      }
    }
    const [{ id }] = await app.dataSource.query('SELECT id FROM processing_activities ORDER BY lower(name) DESC LIMIT 1');
    const get = (
      await statements(app.dataSource, async () =>
        t.equal((await call(app, 'GET', `/v1/processing-activities/${id}`, undefined, 'reader')).statusCode, 200),
      )
    ).length;
    let activities = 0;
    const exported = await statements(app.dataSource, async () => {
      const response = await call(app, 'GET', '/v1/register?state=working', undefined, 'reader');
      t.equal(response.statusCode, 200);
      activities = response.data.totals.activities;
    });
    // Small pages, so that 200 activities take many FETCHes: those grow, nothing else does.
    let pages = 0;
    const paged = await statements(app.dataSource, async () => {
      const reader = await openRegister(app.dataSource, {}, { pageSize: 10 });
      try {
        for await (const _ of renderJson(reader));
      } finally {
        await reader.close();
      }
      pages = reader.stats.pages;
    });
    return { list, get, exported, activities, paged, pages };
  };

  await grow(app, 20);
  const small = await measure();
  await grow(app, 200);
  const large = await measure();
  t.equal(small.activities, 20);
  t.equal(large.activities, 200);

  t.same(
    small.list,
    { '5 first': 2, '5 again': 1, '50 first': 2, '50 again': 1 },
    "list: one statement for the page's ids, ETags and total, one more for the documents not kept yet — whatever the limit",
  );
  // At 200 the small page may hold only documents already kept (then one statement for it too).
  t.match(large.list, { '5 first': /^[12]$/, '5 again': 1, '50 first': 2, '50 again': 1 }, 'list: the same at 200 activities');
  t.equal(small.get, 1, 'one activity with all its links: one query');
  t.equal(large.get, 1);

  t.equal(
    large.exported.length,
    small.exported.length,
    `export over HTTP: ${small.exported.length} statements at 20 and at 200 activities`,
  );
  t.ok(small.exported.length <= 12, `export: a handful of statements (${small.exported.length})`);
  t.same(
    large.exported.filter((sql) => !isFetch(sql)),
    small.exported.filter((sql) => !isFetch(sql)),
    'export: the very same statements',
  );

  const distinct = (sqls: string[]) => [...new Set(sqls)].sort();
  t.same(distinct(large.paged), distinct(small.paged), 'export in pages of 10: the same distinct statements at 20 and at 200 activities');
  t.equal(
    large.paged.filter((sql) => !isFetch(sql)).length,
    small.paged.filter((sql) => !isFetch(sql)).length,
    'and as many, FETCHes aside',
  );
  t.equal(
    large.paged.filter((sql) => sql.startsWith('DECLARE ')).length,
    2,
    'one activity query per side (controller, processor records), read through a cursor',
  );
  // Each FETCH continues that one query: a page each, plus one that finds the end after a full page.
  t.ok(large.paged.filter(isFetch).length <= large.pages + 2, `FETCHes: ${large.paged.filter(isFetch).length} for ${large.pages} pages`);
  t.ok(large.pages >= 20, `200 activities in pages of 10: ${large.pages} pages`);
});

t.test('the export assembles each activity exactly as the API reads it (same links, names, order and rights)', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  // Names whose order depends on case-insensitive sorting, linked in an order of their own.
  const purposes = [await create(app, 'purposes', { name: 'beta purpose' }), await create(app, 'purposes', { name: 'Alpha purpose' })];
  const basis = (await call(app, 'GET', '/v1/legal-bases?code=gdpr-6-1-f')).data.items[0];
  const other = (await call(app, 'GET', '/v1/legal-bases?code=gdpr-6-1-a')).data.items[0];
  await create(app, 'processing-activities', {
    name: 'aardvark records',
    status: 'active',
    purposes: purposes.map((p) => ({ purposeId: p.id, legalBasisIds: [basis.id, other.id], legitimateInterest: 'Ours' })),
  });
  await generateActivities(app.dataSource, 5);

  const view = (activity: any) => ({
    id: activity.id,
    name: activity.name,
    description: activity.description,
    role: activity.role,
    status: activity.status,
    owner: activity.owner,
    reviewDueAt: activity.reviewDueAt,
    dpiaRequired: activity.dpiaRequired,
    dpiaReference: activity.dpiaReference,
    version: activity.version,
    createdAt: new Date(activity.createdAt).toISOString(),
    updatedAt: new Date(activity.updatedAt).toISOString(),
    controllers: activity.controllers.map((c: any) => c.id),
    purposes: activity.purposes.map((p: any) => [
      p.id ?? p.purpose.id,
      p.name ?? p.purpose.name,
      p.legalBases.map((b: any) => [b.id, b.code, b.name, b.article, b.kind]),
      p.legitimateInterest,
      p.assessmentReference,
    ]),
    dataSubjectCategories: activity.dataSubjectCategories.map((s: any) => [s.id, s.name]),
    dataCategories: activity.dataCategories.map((d: any) => [
      d.id ?? d.dataCategory.id,
      d.name ?? d.dataCategory.name,
      d.sensitivity ?? d.dataCategory.sensitivity,
      (d.retention ?? d.retentionRule)?.id ?? null,
      (d.sources ?? d.sourceChannels).map((c: any) => [c.id, c.name]),
    ]),
    collectionChannels: activity.collectionChannels.map((c: any) => [c.id, c.name]),
    recipients: activity.recipients.map((r: any) => {
      const recipient = r.recipient ?? r;
      return [recipient.id, recipient.name, recipient.kind, recipient.country, r.dataCategories.map((d: any) => [d.id, d.name])];
    }),
    transfers: activity.transfers.map((x: any) => [
      [x.recipient.id, x.recipient.name, x.recipient.kind, x.recipient.country],
      x.country,
      x.mechanism && [x.mechanism.id, x.mechanism.code, x.mechanism.name, x.mechanism.article, x.mechanism.kind],
      x.safeguard,
      x.tiaReference,
    ]),
    securityMeasures: activity.securityMeasures.map((m: any) => [m.id, m.name]),
    rights: activity.rights,
  });

  const api: any[] = (await call(app, 'GET', '/v1/processing-activities?limit=100', undefined, 'reader')).data.items;
  const document = (await call(app, 'GET', '/v1/register?state=working', undefined, 'reader')).data;
  const exported: any[] = [
    ...document.controllerRegister.activities,
    ...document.processorRegister.controllers.flatMap((group: any) => group.activities),
  ];
  const byId = new Map(exported.map((activity) => [activity.id, activity]));
  t.equal(byId.size, api.length, 'every activity exported');
  for (const activity of api) t.same(view(byId.get(activity.id)), view(activity), activity.name);
  const aardvark = byId.get(api.find((a) => a.name === 'aardvark records').id);
  t.same(
    aardvark.purposes.map((p: any) => p.name),
    ['Alpha purpose', 'beta purpose'],
    'links by name, whatever the case',
  );
  t.same(
    aardvark.purposes[0].legalBases.map((b: any) => b.code),
    ['gdpr-6-1-a', 'gdpr-6-1-f'],
    'legal bases by code',
  );
});
