import t from 'tap';
import { buildTestApp, call, testDatabaseKind } from '../helper';

t.test('liveness and readiness', async (t) => {
  const app = await buildTestApp(t);
  const live = await call(app, 'GET', '/health/live');
  t.equal(live.statusCode, 200);
  t.same(live.data, { status: 'ok' });

  const ready = await call(app, 'GET', '/health/ready');
  t.equal(ready.statusCode, 200);
  t.same(ready.data, { status: 'ok', database: testDatabaseKind });
});

t.test('readiness reports 503 problem+json when the database is gone', async (t) => {
  const app = await buildTestApp(t);
  await app.database.dataSource.destroy();
  const ready = await call(app, 'GET', '/health/ready');
  t.equal(ready.statusCode, 503);
  t.match(ready.headers['content-type'], /application\/problem\+json/);
  t.equal(ready.data.code, 'DATABASE_UNAVAILABLE');
  t.notMatch(ready.body, /SELECT|stack|at /, 'no internals leak');
});
