import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { withRights } from '../../src/gdpr/rights';
import { etagOf } from '../../src/http/etag';
import { verifyDocuments } from '../../src/processing-activities/documents';
import { activityColumns } from '../../src/processing-activities/read-model';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildApp } from '../../src/app';
import { bringDocumentsUpToDate, documentShape } from '../../src/processing-activities/document-upkeep';
import { buildTestApp, call, create, legalBasisId, testConfig } from '../helper';
import { migrations } from '../../migrations';

/** The consistency check, in a transaction of its own (as the script runs it). */
const verify = (app: FastifyInstance, options: { repair?: boolean } = {}) =>
  app.dataSource.transaction((manager) => verifyDocuments((sql, params) => manager.query(sql, params), options));

/** Every activity as the correlated read model and the rights derivation in code give it: what each stored document must be. */
async function rebuiltInCode(app: FastifyInstance) {
  const views = await app.dataSource.query(`SELECT ${activityColumns} FROM processing_activities a ORDER BY a.id`);
  return new Map<string, object>(views.map((view: { id: string }) => [view.id, withRights(view as never)]));
}

async function stored(app: FastifyInstance) {
  const rows: { activity_id: string; body: string; etag: string }[] = await app.dataSource.query(
    'SELECT activity_id, body, etag FROM activity_documents ORDER BY activity_id',
  );
  return new Map(rows.map((row) => [row.activity_id, row]));
}

t.test('the stored documents of the Woktron register are the representation, byte for byte, and are what GET and list send', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const expected = await rebuiltInCode(app);
  const documents = await stored(app);
  t.ok(expected.size > 5, 'the register has activities');
  t.same([...documents.keys()], [...expected.keys()], 'every activity has its document');
  for (const [id, view] of expected) {
    const document = documents.get(id)!;
    t.equal(document.body, JSON.stringify(view), `the document of ${id} is the representation's JSON text`);
    t.equal(document.etag, etagOf(view), 'its ETag is the representation’s');
    const one = await call(app, 'GET', `/v1/processing-activities/${id}`);
    t.equal(one.statusCode, 200);
    t.equal(one.payload, document.body, 'GET sends the stored bytes');
    t.equal(one.headers.etag, document.etag);
    t.match(one.headers['content-type'], /^application\/json; charset=utf-8$/);
  }
  const page = await call(app, 'GET', '/v1/processing-activities?limit=3&offset=1&sort=-createdAt');
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^application\/json/);
  t.equal(page.data.limit, 3);
  t.equal(page.data.offset, 1);
  t.equal(page.data.total, expected.size);
  t.equal(page.data.items.length, 3);
  for (const item of page.data.items) t.same(item, JSON.parse(documents.get(item.id)!.body), 'list items are the documents');
  const empty = await call(app, 'GET', '/v1/processing-activities?q=no-such-activity-anywhere');
  t.same(empty.data, { items: [], total: 0, limit: 20, offset: 0 }, 'an empty page is valid JSON');
  t.same(await verify(app), { checked: expected.size, differing: [], missing: [], repaired: false }, 'the check agrees');
});

t.test('renaming a purpose linked by several activities shows in each of them, in one transaction with the rename', async (t) => {
  const app = await buildTestApp(t);
  const consent = await legalBasisId(app, 'gdpr-6-1-a');
  const purpose = await create(app, 'purposes', { name: 'Newsletter' });
  const other = await create(app, 'purposes', { name: 'Analytics' });
  const activities = [];
  for (const name of ['Mailing list', 'Event invitations', 'Customer survey']) {
    activities.push(
      await create(app, 'processing-activities', {
        name,
        purposes: [
          { purposeId: purpose.id, legalBasisIds: [consent] },
          { purposeId: other.id, legalBasisIds: [] },
        ],
      }),
    );
  }
  const unrelated = await create(app, 'processing-activities', {
    name: 'Web statistics',
    purposes: [{ purposeId: other.id, legalBasisIds: [] }],
  });
  const before = await Promise.all(activities.map((a) => call(app, 'GET', `/v1/processing-activities/${a.id}`)));
  const unrelatedBefore = await call(app, 'GET', `/v1/processing-activities/${unrelated.id}`);
  const purposeEtag = (await call(app, 'GET', `/v1/purposes/${purpose.id}`)).headers.etag as string;

  const renamed = await call(app, 'PATCH', `/v1/purposes/${purpose.id}`, { name: 'Zine' }, 'admin', { 'if-match': purposeEtag });
  t.equal(renamed.statusCode, 200);
  for (const [i, activity] of activities.entries()) {
    const after = await call(app, 'GET', `/v1/processing-activities/${activity.id}`);
    t.same(
      after.data.purposes.map((p: { purpose: { name: string } }) => p.purpose.name),
      ['Analytics', 'Zine'],
      `${activity.name} shows the new name, in the new order`,
    );
    t.match(
      after.data.rights.find((r: { code: string }) => r.code === 'withdraw-consent').reason,
      /^"Zine" rests on consent/,
      'the derived rights quote the new name',
    );
    t.not(after.headers.etag, before[i]!.headers.etag, 'and its ETag changed');
    const list = await call(app, 'GET', `/v1/processing-activities?purposeId=${purpose.id}`);
    t.equal(list.data.total, 3);
    t.ok(
      list.data.items.every((item: { purposes: { purpose: { name: string } }[] }) => item.purposes.some((p) => p.purpose.name === 'Zine')),
    );
  }
  const unrelatedAfter = await call(app, 'GET', `/v1/processing-activities/${unrelated.id}`);
  t.equal(unrelatedAfter.payload, unrelatedBefore.payload, 'an activity not linking it is untouched');

  // A stale ETag is refused after the rename, the fresh one accepted.
  const stale = await call(app, 'PATCH', `/v1/processing-activities/${activities[0].id}`, { owner: 'Marketing' }, 'admin', {
    'if-match': before[0]!.headers.etag as string,
  });
  t.equal(stale.statusCode, 412);
  const fresh = await call(app, 'GET', `/v1/processing-activities/${activities[0].id}`);
  const patched = await call(app, 'PATCH', `/v1/processing-activities/${activities[0].id}`, { owner: 'Marketing' }, 'admin', {
    'if-match': fresh.headers.etag as string,
  });
  t.equal(patched.statusCode, 200);
  const read = await call(app, 'GET', `/v1/processing-activities/${activities[0].id}`);
  t.equal(read.data.owner, 'Marketing');
  t.equal(read.headers.etag, patched.headers.etag, 'the write answers with the stored ETag');
  t.same(patched.data, read.data, 'and the stored representation');

  t.equal((await verify(app)).differing.length, 0);
});

t.test('a rolled-back write leaves the stored documents as they were', async (t) => {
  const app = await buildTestApp(t);
  const purpose = await create(app, 'purposes', { name: 'Billing' });
  const activity = await create(app, 'processing-activities', {
    name: 'Invoicing',
    purposes: [{ purposeId: purpose.id, legalBasisIds: [] }],
  });
  const before = await call(app, 'GET', `/v1/processing-activities/${activity.id}`);
  const purposeEtag = (await call(app, 'GET', `/v1/purposes/${purpose.id}`)).headers.etag as string;
  const actor = { sub: 'test-user' };

  await t.rejects(
    app.dataSource.transaction(async (manager) => {
      await app.services.purposes.update(purpose.id, { name: 'Renamed billing' }, purposeEtag, actor, manager);
      // The rename changed the activity's document, so its ETag too.
      const [{ etag }] = await manager.query('SELECT etag FROM activity_documents WHERE activity_id = $1', [activity.id]);
      t.not(etag, before.headers.etag);
      await app.services.processingActivities.update(activity.id, { owner: 'Finance' }, etag, actor, manager);
      const [{ body }] = await manager.query('SELECT body FROM activity_documents WHERE activity_id = $1', [activity.id]);
      t.match(
        JSON.parse(body),
        { owner: 'Finance', purposes: [{ purpose: { name: 'Renamed billing' } }] },
        'refreshed within the transaction',
      );
      throw new Error('abandoned');
    }),
    /abandoned/,
  );
  const after = await call(app, 'GET', `/v1/processing-activities/${activity.id}`);
  t.equal(after.payload, before.payload, 'the document is unchanged');
  t.equal(after.headers.etag, before.headers.etag);

  // A write the service refuses (an unknown reference) changes nothing either.
  const refused = await call(
    app,
    'PATCH',
    `/v1/processing-activities/${activity.id}`,
    { owner: 'Finance', purposes: [{ purposeId: '00000000-0000-4000-8000-000000000000', legalBasisIds: [] }] },
    'admin',
    { 'if-match': before.headers.etag as string },
  );
  t.equal(refused.statusCode, 422);
  t.equal((await call(app, 'GET', `/v1/processing-activities/${activity.id}`)).payload, before.payload);
});

t.test('the consistency check finds a corrupted, a stale and a missing document and repairs them on request', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const [first, second, third] = (await app.dataSource.query(
    'SELECT activity_id, body FROM activity_documents ORDER BY activity_id LIMIT 3',
  )) as {
    activity_id: string;
    body: string;
  }[];
  const good = await call(app, 'GET', `/v1/processing-activities/${first!.activity_id}`);
  await app.dataSource.query(`UPDATE activity_documents SET body = replace(body, '"rights":[', '"rights":[]') WHERE activity_id = $1`, [
    first!.activity_id,
  ]);
  await app.dataSource.query(`UPDATE activity_documents SET etag = '"stale"' WHERE activity_id = $1`, [second!.activity_id]);
  await app.dataSource.query('DELETE FROM activity_documents WHERE activity_id = $1', [third!.activity_id]);
  t.equal((await call(app, 'GET', `/v1/processing-activities/${third!.activity_id}`)).statusCode, 404, 'a missing document is not served');

  const found = await verify(app);
  t.same(found.differing.sort(), [first!.activity_id, second!.activity_id].sort());
  t.same(found.missing, [third!.activity_id]);
  t.equal(found.repaired, false, 'not repaired unless asked');
  t.same((await verify(app)).differing.length, 2, 'checking changes nothing');

  const repaired = await verify(app, { repair: true });
  t.equal(repaired.repaired, true);
  t.same(await verify(app), { checked: found.checked, differing: [], missing: [], repaired: false }, 'consistent again');
  const after = await call(app, 'GET', `/v1/processing-activities/${first!.activity_id}`);
  t.equal(after.payload, good.payload, 'the repaired document is the original');
  t.equal((await call(app, 'GET', `/v1/processing-activities/${third!.activity_id}`)).payload, third!.body);
});

t.test('the rights derived in SQL are the ones deriveRights gives, for every mix of bases and automated decisions', async (t) => {
  const app = await buildTestApp(t);
  const codes = ['gdpr-6-1-a', 'gdpr-6-1-b', 'gdpr-6-1-c', 'gdpr-6-1-e', 'gdpr-6-1-f', 'gdpr-9-2-a', 'gdpr-9-2-b'];
  const bases = Object.fromEntries(await Promise.all(codes.map(async (code) => [code, await legalBasisId(app, code)] as const)));
  const purposes = await Promise.all(['Alpha', 'beta', 'Gamma "quoted"'].map((name) => create(app, 'purposes', { name })));
  // Each case: per purpose its codes, the activity's own codes, automated decisions.
  const cases: [string[][], string[], string][] = [
    [[], [], 'not-stated'],
    [[[]], [], 'yes'],
    [[['gdpr-6-1-c']], [], 'no'],
    [[['gdpr-6-1-c'], ['gdpr-6-1-e']], [], 'not-stated'],
    [[['gdpr-6-1-c'], ['gdpr-6-1-a']], [], 'yes'],
    [[['gdpr-6-1-c'], ['gdpr-6-1-a'], ['gdpr-6-1-f', 'gdpr-9-2-b']], [], 'no'],
    [[['gdpr-6-1-b'], [], ['gdpr-9-2-a']], ['gdpr-6-1-c'], 'not-stated'],
    [[[], []], ['gdpr-6-1-e'], 'yes'],
    [[['gdpr-6-1-e'], ['gdpr-6-1-f'], ['gdpr-6-1-b']], ['gdpr-6-1-a'], 'no'],
  ];
  for (const [i, [perPurpose, own, automatedDecisions]] of cases.entries()) {
    await create(app, 'processing-activities', {
      name: `Case ${i}`,
      automatedDecisions,
      purposes: perPurpose.map((list, p) => ({ purposeId: purposes[p].id, legalBasisIds: list.map((code) => bases[code]) })),
      legalBasisIds: own.map((code) => bases[code]),
    });
  }
  const expected = await rebuiltInCode(app);
  const documents = await stored(app);
  t.equal(documents.size, cases.length);
  for (const [id, view] of expected) t.equal(documents.get(id)!.body, JSON.stringify(view));
});

t.test('after the migrations, the upkeep fills the table from the activities already recorded', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const before = await stored(app);
  t.ok(before.size > 0);
  // Back to before the documents table (migration 030), whatever came after it.
  const undo = migrations.length - migrations.findIndex((migration) => migration.name === 'ActivityDocuments1764100000030');
  for (let i = 0; i < undo; i++) await app.dataSource.undoLastMigration({ transaction: 'each' });
  const [{ exists }] = await app.dataSource.query(`SELECT to_regclass('activity_documents') IS NOT NULL AS exists`);
  t.equal(exists, false, 'the table is gone');
  await app.dataSource.runMigrations({ transaction: 'each' });
  t.equal((await stored(app)).size, 0, 'the migration creates the table empty');
  t.same(await bringDocumentsUpToDate(app.dataSource), { rebuilt: true, shape: documentShape() });
  t.same(await stored(app), before, 'every document is back as it was');
  t.same(await bringDocumentsUpToDate(app.dataSource), { rebuilt: false, shape: documentShape() }, 'once, not at every start');
});

t.test('documents stored in another shape are rebuilt at start-up', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const before = await stored(app);
  // What an older generator would have left: other text, and another shape recorded.
  await app.dataSource.query(`UPDATE activity_documents SET body = '{}', etag = '"old"'`);
  await app.dataSource.query(`UPDATE read_model_state SET shape = 'an-older-shape' WHERE name = 'activity-documents'`);
  const restarted = await buildApp(testConfig(), { database: app.database });
  await restarted.ready();
  t.teardown(() => restarted.close());
  const [{ shape }] = await restarted.dataSource.query(`SELECT shape FROM read_model_state WHERE name = 'activity-documents'`);
  t.equal(shape, documentShape());
  t.same(await stored(restarted), before, 'rebuilt from the tables');
  const id = [...before.keys()][0]!;
  const response = await call(restarted, 'GET', `/v1/processing-activities/${id}`, undefined, 'reader');
  t.equal(response.body, before.get(id)!.body);
});
