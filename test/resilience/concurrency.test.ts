import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app';
import { openDatabase } from '../../src/db/data-source';
import { authHeader, buildTestApp, call, create, createPostgresDatabase, testConfig } from '../helper';
import { requireService } from '../support/requires';

t.test('ETag on reads, If-Match required on changes: 428 without, 412 when stale', async (t) => {
  const app = await buildTestApp(t);
  const purpose = await create(app, 'purposes', { name: 'Billing' });
  const url = `/v1/purposes/${purpose.id}`;
  const read = await call(app, 'GET', url);
  const etag = read.headers.etag as string;
  t.match(etag, /^"[\w-]{32}"$/, 'a strong ETag');
  t.equal((await call(app, 'GET', url)).headers.etag, etag, 'stable while unchanged');

  const missing = await call(app, 'PATCH', url, { description: 'x' }, 'admin', { 'if-match': '' });
  t.equal(missing.statusCode, 428);
  t.equal(missing.data.code, 'PRECONDITION_REQUIRED');
  const star = await call(app, 'DELETE', url, undefined, 'admin', { 'if-match': '*' });
  t.equal(star.statusCode, 428, '"*" is not a version: a concrete ETag is needed');

  const first = await call(app, 'PATCH', url, { description: 'first' }, 'admin', { 'if-match': etag });
  t.equal(first.statusCode, 200);
  t.not(first.headers.etag, etag, 'a change gives a new ETag');
  t.equal(first.headers.etag, (await call(app, 'GET', url)).headers.etag, 'the response ETag is the one GET returns');

  const stale = await call(app, 'PATCH', url, { description: 'second' }, 'admin', { 'if-match': etag });
  t.equal(stale.statusCode, 412);
  t.equal(stale.data.code, 'PRECONDITION_FAILED');
  t.equal((await call(app, 'GET', url)).data.description, 'first', 'the stale write changed nothing');
  const staleDelete = await call(app, 'DELETE', url, undefined, 'admin', { 'if-match': etag });
  t.equal(staleDelete.statusCode, 412);
  const listed = await call(app, 'PATCH', url, { description: 'third' }, 'admin', { 'if-match': `"nope", ${first.headers.etag}` });
  t.equal(listed.statusCode, 200, 'a list of ETags matches if one does');

  const missingEntry = await call(app, 'PATCH', '/v1/purposes/00000000-0000-4000-8000-000000000000', { description: 'x' }, 'admin', {
    'if-match': etag,
  });
  t.equal(missingEntry.statusCode, 404, '404 before 412 for entries that do not exist');

  // An activity's representation includes the names it links to: renaming a linked purpose
  // changes its ETag too, so an editor never overwrites a version they have not seen.
  const activity = await create(app, 'processing-activities', { name: 'Invoicing' });
  const activityUrl = `/v1/processing-activities/${activity.id}`;
  const before = (await call(app, 'GET', activityUrl)).headers.etag as string;
  const withPurpose = await call(app, 'PATCH', activityUrl, { purposes: [{ purposeId: purpose.id, legalBasisIds: [] }] }, 'admin', {
    'if-match': before,
  });
  t.equal(withPurpose.statusCode, 200);
  await call(app, 'PATCH', url, { name: 'Billing and invoicing' });
  const stalePurpose = await call(app, 'PATCH', activityUrl, { status: 'active' }, 'admin', {
    'if-match': withPurpose.headers.etag as string,
  });
  t.equal(stalePurpose.statusCode, 412, 'a linked rename makes the activity ETag stale');
  const noMatch = await call(app, 'DELETE', activityUrl, undefined, 'admin', { 'if-match': before });
  t.equal(noMatch.statusCode, 412);
  t.equal((await call(app, 'DELETE', activityUrl)).statusCode, 204);
});

async function race(t: Test, apps: FastifyInstance[], writers: number) {
  const purpose = await create(apps[0]!, 'purposes', { name: 'Contested' });
  const url = `/v1/purposes/${purpose.id}`;
  let wins = 0;
  let conflicts = 0;
  for (let round = 0; round < 3; round++) {
    const etag = (await call(apps[0]!, 'GET', url)).headers.etag as string;
    const responses = await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const app = apps[i % apps.length]!;
        return app.inject({
          method: 'PATCH',
          url,
          // A writer across units (an editor would need the purpose's unit in its token).
          headers: { ...(await authHeader(app, 'dpo')), 'if-match': etag },
          payload: { description: `round ${round} writer ${i}` },
        });
      }),
    );
    const ok = responses.filter((r) => r.statusCode === 200);
    const refused = responses.filter((r) => r.statusCode === 412);
    t.equal(ok.length, 1, `round ${round}: exactly one writer wins`);
    t.equal(refused.length, writers - 1, `round ${round}: all others get 412`);
    const final = (await call(apps[apps.length - 1]!, 'GET', url)).data;
    t.equal(final.description, ok[0]!.json().description, 'the stored value is the winner’s');
    t.equal(final.version, round + 2);
    wins += ok.length;
    conflicts += refused.length;
  }
  return { wins, conflicts };
}

t.test('N concurrent conflicting updates: exactly one wins per version (one instance)', async (t) => {
  const app = await buildTestApp(t);
  const figures = await race(t, [app], 12);
  t.comment(`one instance: ${figures.wins} wins, ${figures.conflicts} × 412`);
});

t.test('N concurrent conflicting updates across two instances on one PostgreSQL', async (t) => {
  if (!(await requireService(t, 'postgres'))) return;
  const url = await createPostgresDatabase(t);
  const apps = [];
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: '', DATABASE_POOL_SIZE: 10, DATABASE_CONNECT_TIMEOUT_MS: 5000 });
    const app = await buildApp(testConfig({ DATABASE_URL: url }), { database });
    await app.ready();
    t.teardown(async () => {
      await app.close();
      await database.close();
    });
    apps.push(app);
  }
  const figures = await race(t, apps, 16);
  t.comment(`two instances: ${figures.wins} wins, ${figures.conflicts} × 412`);
});
