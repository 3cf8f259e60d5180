import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';
import { generateActivities } from '../support/register-fixtures';

// POST /v1/register/import with our own JSON export: export → import into an empty installation
// → export again gives the same register; re-import is a no-op; dry runs and refused imports
// write nothing; conflicts are listed, never silently overwritten.

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

const exportOf = async (app: FastifyInstance) => (await call(app, 'GET', '/v1/register?state=working')).data;
const importInto = (app: FastifyInstance, document: unknown, query = '', as: 'admin' | 'editor' = 'admin') =>
  call(app, 'POST', `/v1/register/import${query}`, document, as);
const auditCount = async (app: FastifyInstance) => (await call(app, 'GET', '/v1/audit-events?limit=1')).data.total as number;

t.test('the Woktron register: export → import into an empty installation → export is the same register', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  const exported = await exportOf(source);

  const target = await buildTestApp(t);
  t.equal(await auditCount(target), 0);

  // A dry run reports everything it would create, and writes nothing.
  const dry = await importInto(target, exported, '?dryRun=true');
  t.equal(dry.statusCode, 200);
  t.match(dry.data, { format: 'json', records: woktronRegister.activities.length, mode: 'merge', dryRun: true, applied: false });
  t.equal(dry.data.counts.create, dry.data.entries.length);
  t.equal(dry.data.byResource['processing-activities'].create, woktronRegister.activities.length);
  t.equal(await auditCount(target), 0, 'a dry run writes no audit event');
  t.equal((await call(target, 'GET', '/v1/processing-activities')).data.total, 0, 'a dry run writes nothing');

  const imported = await importInto(target, exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  t.match(imported.data, { dryRun: false, applied: true, counts: { match: 0, change: 0, conflict: 0 } });
  t.same(imported.data.counts, dry.data.counts, 'the dry run said exactly what the import did');
  const events = await call(target, 'GET', '/v1/audit-events?limit=100&action=create');
  t.equal(events.data.total, imported.data.counts.create, 'one audit event per created entry');
  t.same([...new Set(events.data.items.map((event: any) => event.actor))], ['test-user'], 'under the importing admin');

  const again = await exportOf(target);
  t.same(portable(again), portable(exported), 'the re-exported register equals the original');

  // Re-importing the same file is a no-op: everything matches, nothing is written.
  const before = await auditCount(target);
  const reimport = await importInto(target, exported);
  t.equal(reimport.statusCode, 200);
  t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 });
  t.equal(reimport.data.counts.match, imported.data.counts.create);
  t.equal(await auditCount(target), before, 're-import writes no audit event');
});

t.test('conflicts: merge refuses and lists them, replace overwrites; nothing silently', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  const exported = await exportOf(source);
  const target = await buildTestApp(t);
  t.equal((await importInto(target, exported)).statusCode, 200);

  // Someone edits two entries in the target afterwards.
  const purpose = (await call(target, 'GET', '/v1/purposes?limit=1')).data.items[0];
  t.equal((await call(target, 'PATCH', `/v1/purposes/${purpose.id}`, { description: 'Edited locally' })).statusCode, 200);
  const activity = (await call(target, 'GET', '/v1/processing-activities?limit=1')).data.items[0];
  t.equal((await call(target, 'PATCH', `/v1/processing-activities/${activity.id}`, { owner: 'Local team' })).statusCode, 200);
  const edited = await exportOf(target);
  const events = await auditCount(target);

  const refused = await importInto(target, exported);
  t.equal(refused.statusCode, 409);
  t.equal(refused.data.code, 'IMPORT_CONFLICT');
  t.same(refused.data.conflicts, [
    { resource: 'purposes', name: purpose.name, fields: ['description'] },
    { resource: 'processing-activities', name: activity.name, fields: ['owner'] },
  ]);
  t.same(portable(await exportOf(target)), portable(edited), 'a refused import changes nothing');
  t.equal(await auditCount(target), events);

  const dryReplace = await importInto(target, exported, '?mode=replace&dryRun=true');
  t.match(dryReplace.data.counts, { create: 0, change: 2, conflict: 0 });
  t.same(portable(await exportOf(target)), portable(edited));

  const replaced = await importInto(target, exported, '?mode=replace');
  t.equal(replaced.statusCode, 200);
  t.match(replaced.data.counts, { create: 0, change: 2, conflict: 0 });
  t.same(
    replaced.data.entries.filter((e: any) => e.action === 'change').map((e: any) => [e.resource, e.fields]),
    [
      ['purposes', ['description']],
      ['processing-activities', ['owner']],
    ],
  );
  t.same(portable(await exportOf(target)), portable(exported), 'replace restores the file');
  t.equal(await auditCount(target), events + 2, 'each overwrite is audited');
});

t.test('an invalid file is refused whole, with every problem named', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  const exported = await exportOf(source);
  const target = await buildTestApp(t);

  const broken = structuredClone(exported);
  broken.controllerRegister.activities[0].recipients[0].country = 'Netherlands';
  delete broken.controllerRegister.activities[3].status;
  broken.organisations[0].roles = ['landlord'];
  const refused = await importInto(target, broken);
  t.equal(refused.statusCode, 422);
  t.equal(refused.data.code, 'IMPORT_INVALID');
  const paths = refused.data.problems.map((p: any) => p.path);
  t.ok(paths.includes('/controllerRegister/activities/0/recipients/0/country'), 'the bad country');
  t.ok(paths.includes('/controllerRegister/activities/3/status'), 'the missing status');
  t.ok(
    paths.some((p: string) => p.startsWith('/organisations/0/roles/0')),
    'the bad role',
  );
  t.equal((await call(target, 'GET', '/v1/processing-activities')).data.total, 0, 'nothing was written');
  t.equal(await auditCount(target), 0);

  // Past the export's schema, the API's own rules: every entry is checked as a create request would be.
  const unnamed = structuredClone(exported);
  unnamed.controllerRegister.activities[2].name = '';
  unnamed.controllerRegister.activities[4].purposes[0].legitimateInterest = 'x'.repeat(5000);
  const rules = await importInto(target, unnamed);
  t.equal(rules.statusCode, 422);
  t.same(
    rules.data.problems.map((p: any) => p.path).sort(),
    ['/controllerRegister/activities/2/name', '/controllerRegister/activities/4/purposes/0/legitimateInterest'],
    'each named by its JSON Pointer in the file',
  );

  // Consistent with the schema, but the same purpose described two ways.
  const twoWays = structuredClone(exported);
  const [first, second] = twoWays.controllerRegister.activities.filter((a: any) => a.purposes.length > 0);
  second.purposes[0] = { ...structuredClone(first.purposes[0]), description: 'Another description' };
  const inconsistent = await importInto(target, twoWays);
  t.equal(inconsistent.statusCode, 422);
  t.match(inconsistent.data.problems, [
    { path: /^\/controllerRegister\/activities\/\d+\/purposes\/0\/description$/, message: /described differently/ },
  ]);

  const notOurs = await importInto(target, { hello: 'world' });
  t.equal(notOurs.statusCode, 422);
  t.ok(notOurs.data.problems.some((p: any) => p.path === '/documentType' && /must be a gdpr-art30-register document/.test(p.message)));

  const wrongVersion = await importInto(target, { ...exported, formatVersion: 3 });
  t.equal(wrongVersion.statusCode, 422);
  t.equal((await call(target, 'GET', '/v1/processing-activities')).data.total, 0);
});

t.test('who may import, what it accepts, and how large', async (t) => {
  const app = await buildTestApp(t, { IMPORT_BODY_LIMIT_BYTES: '2048' });
  const editor = await importInto(app, { documentType: 'gdpr-art30-register' }, '', 'editor');
  t.equal(editor.statusCode, 403);
  t.equal(editor.data.code, 'FORBIDDEN');

  const xml = await app.inject({
    method: 'POST',
    url: '/v1/register/import',
    headers: { ...(await authHeader(app, 'admin')), 'content-type': 'application/xml' },
    payload: '<register/>',
  });
  t.equal(xml.statusCode, 415);

  const large = await importInto(app, { documentType: 'gdpr-art30-register', padding: 'x'.repeat(4096) });
  t.equal(large.statusCode, 413);
  t.equal(large.data.code, 'BODY_TOO_LARGE');

  const badMode = await importInto(app, {}, '?mode=overwrite');
  t.equal(badMode.statusCode, 400);
  t.match(badMode.data.errors, [{ in: 'query', path: '/mode' }]);
});

t.test('a generated register of 1,000 activities round-trips', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  await generateActivities(source.dataSource, 1000 - woktronRegister.activities.length, 'Generated ');
  const exported = await exportOf(source);
  t.equal(exported.totals.activities, 1000);

  const target = await buildTestApp(t);
  const imported = await importInto(target, exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 300));
  t.equal(imported.data.byResource['processing-activities'].create, 1000);
  t.comment(`imported 1,000 activities (${(JSON.stringify(exported).length / 1e6).toFixed(1)} MB)`);
  t.same(portable(await exportOf(target)), portable(exported), 'the re-exported register equals the original');

  const reimport = await importInto(target, exported);
  t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 });
});
