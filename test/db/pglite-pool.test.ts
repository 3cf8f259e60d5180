import t from 'tap';
import { connectPGlite, openPGlite } from '../../src/db/data-source';
import { buildTestApp, call, create, testDatabaseKind } from '../helper';

// PGlite is a single session: without the serializing pool, one request's ROLLBACK would undo
// another request's insert. These tests would fail against typeorm-pglite's shared session.

t.test('concurrent transactions on the embedded database do not corrupt each other', async (t) => {
  const db = await openPGlite({ dataDir: 'memory://' });
  const database = await connectPGlite(db, true);
  t.teardown(() => database.close());
  const { dataSource } = database;
  await dataSource.query('CREATE TABLE items (name text PRIMARY KEY)');

  // 40 transactions at once: even ones commit, odd ones insert then fail and roll back.
  const outcomes = await Promise.allSettled(
    Array.from({ length: 40 }, (_, i) =>
      dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO items (name) VALUES ($1)', [`item-${i}`]);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        if (i % 2 === 1) throw new Error(`rollback ${i}`);
      }),
    ),
  );
  t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 20);
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM items ORDER BY name');
  const expected = Array.from({ length: 20 }, (_, i) => `item-${i * 2}`).sort();
  t.same(
    rows.map((r) => r.name),
    expected,
    'exactly the committed inserts survive',
  );
});

t.test('concurrent API writes with failures in between keep every acknowledged write', async (t) => {
  const app = await buildTestApp(t);
  await create(app, 'purposes', { name: 'taken' });
  // Half the requests collide with an existing name (their transaction rolls back), half succeed.
  const responses = await Promise.all(
    Array.from({ length: 30 }, (_, i) => call(app, 'POST', '/v1/purposes', { name: i % 2 ? 'taken' : `purpose ${i}` })),
  );
  const created = responses
    .filter((r) => r.statusCode === 201)
    .map((r) => r.data.name)
    .sort();
  t.equal(created.length, 15);
  t.ok(responses.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409));
  const stored = await call(app, 'GET', '/v1/purposes?limit=100');
  t.same(
    stored.data.items
      .map((p: { name: string }) => p.name)
      .filter((n: string) => n !== 'taken')
      .sort(),
    created,
    `every 201 is stored and nothing else (${testDatabaseKind})`,
  );
});
