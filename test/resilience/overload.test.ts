import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, call } from '../helper';

/** Start-up (compiling every route's schemas) lags the loop too: waits until requests are served. */
async function calm(app: FastifyInstance): Promise<boolean> {
  for (let i = 0; i < 60; i++) {
    if ((await call(app, 'GET', '/v1/purposes')).statusCode === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

t.test('under pressure the service sheds load with 503 + Retry-After; liveness still answers', async (t) => {
  const app = await buildTestApp(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '30', PRESSURE_RETRY_AFTER_S: '7' });
  t.ok(await calm(app), 'calm: served');

  // Block the event loop well past the threshold; under-pressure notices at its next sample.
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    // busy
  }
  let shed = await call(app, 'GET', '/v1/purposes');
  for (let i = 0; i < 40 && shed.statusCode !== 503; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    shed = await call(app, 'GET', '/v1/purposes');
  }
  t.equal(shed.statusCode, 503);
  t.equal(shed.headers['retry-after'], '7');
  t.match(String(shed.headers['content-type']), /application\/problem\+json/);
  t.equal(shed.data.code, 'OVERLOADED');
  const live = await call(app, 'GET', '/health/live', undefined, null);
  t.equal(live.statusCode, 200, 'liveness is not shed');

  t.ok(await calm(app), 'served again once the lag is gone');
});

t.test('lag with the setting unset: shed on PostgreSQL, not on the embedded database, whose queries are the lag', async (t) => {
  const app = await buildTestApp(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '' });
  t.equal(app.config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS, undefined, 'unset');
  const statuses = async () => {
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      seen.push((await call(app, 'GET', '/v1/purposes')).statusCode);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return seen;
  };
  t.ok(await calm(app), 'calm: served');

  // What a long embedded query does to the loop: block it for 1.5 s, past the 1 s default. Whether
  // under-pressure's 1 s sample window sees the lag as over 1000 ms depends on where the block falls
  // in it, so the block is repeated (up to 4 times): PostgreSQL must shed after one of them, the
  // embedded database after none.
  const seen: number[] = [];
  for (let attempt = 0; attempt < 4 && !(app.database.kind === 'postgres' && seen.includes(503)); attempt++) {
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      // busy
    }
    seen.push(...(await statuses()));
  }
  if (app.database.kind === 'pglite') {
    t.same([...new Set(seen)], [200], 'the embedded database: every request after the long queries is served');
  } else {
    t.ok(seen.includes(503), 'PostgreSQL: lag over 1000 ms sheds load');
  }
});
