import { Client } from 'pg';
import t from 'tap';
import { buildApp } from '../../src/app';
import { authHeader, createPostgresDatabase, testConfig } from '../helper';
import { requireService } from '../support/requires';
import { startProxy, viaProxy } from '../support/tcp-proxy';

// Against real PostgreSQL, through a loopback proxy the test controls: writes keep coming while
// the database disappears for a while and comes back. Requests during the outage fail fast with
// 503; the service recovers by itself; every write acknowledged with 201 is in the database.

t.test('a database outage mid-load: 503 during, recovery after, no acknowledged write lost', async (t) => {
  if (!(await requireService(t, 'postgres'))) return;
  const direct = await createPostgresDatabase(t);
  const proxy = await startProxy({ host: '127.0.0.1', port: Number(new URL(direct).port || 5432) });
  t.teardown(() => proxy.close());
  const app = await buildApp(
    testConfig({ DATABASE_URL: viaProxy(direct, proxy.port), DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_POOL_SIZE: '4' }),
  );
  await app.ready();
  t.teardown(() => app.close());
  // A writer across units (an editor would need a unit of the register in its token).
  const headers = await authHeader(app, 'dpo');

  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.get(status) ?? 0;
  let sent = 0;
  let stop = false;
  // The phases follow what the writers see, not the time: each waits until enough answers came.
  const waiting: Array<{ done: () => boolean; resolve: () => void }> = [];
  const until = (done: () => boolean) => new Promise<void>((resolve) => (done() ? resolve() : waiting.push({ done, resolve })));
  const writer = async (id: number) => {
    for (let i = 0; !stop; i++) {
      const response = await app.inject({ method: 'POST', url: '/v1/purposes', headers, payload: { name: `w${id}-${i}` } });
      sent += 1;
      statuses.set(response.statusCode, count(response.statusCode) + 1);
      if (response.statusCode === 201) acknowledged.push(response.json().id);
      else if (response.statusCode !== 503) t.fail(`unexpected ${response.statusCode}: ${response.body}`);
      if (response.statusCode === 503) t.equal(response.json().code, 'DATABASE_UNAVAILABLE');
      for (const waiter of waiting.filter((w) => w.done())) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      // Do not spin while the database is away.
      if (response.statusCode !== 201) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(writer));

  await until(() => count(201) >= 20);
  proxy.cut();
  await until(() => count(503) >= 8);
  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(ready.statusCode, 503, '/health/ready reports not ready during the outage');
  proxy.restore();
  const beforeRecovery = count(201);
  await until(() => count(201) >= beforeRecovery + 20);
  stop = true;
  await load;

  const recovered = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(recovered.statusCode, 200, 'ready again without a restart');
  const after = await app.inject({ method: 'POST', url: '/v1/purposes', headers, payload: { name: 'after the outage' } });
  t.equal(after.statusCode, 201, 'writes work again');
  acknowledged.push(after.json().id);

  t.ok(count(503) >= 8, 'the outage was seen as 503s');
  t.ok(count(201) >= 40, 'writes succeeded before and after');

  const client = new Client({ connectionString: direct });
  await client.connect();
  const { rows } = await client.query('SELECT id FROM purposes WHERE id = ANY($1::uuid[])', [acknowledged]);
  await client.end();
  const lost = acknowledged.length - rows.length;
  t.equal(lost, 0, 'every acknowledged write is in the database');
  t.comment(
    `outage figures: ${sent} requests, ${statuses.get(201) ?? 0} × 201, ${statuses.get(503) ?? 0} × 503, ` +
      `${[...statuses.keys()].filter((s) => s >= 500 && s !== 503).length} other 5xx kinds, writes lost: ${lost}`,
  );
});
