import t from 'tap';
import { buildTestApp, call } from '../helper';

t.test('under pressure the service sheds load with 503 + Retry-After; liveness still answers', async (t) => {
  const app = await buildTestApp(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '30', PRESSURE_RETRY_AFTER_S: '7' });
  // Start-up (compiling every route's schemas) lags the loop too: wait until it is calm.
  const calm = async () => {
    for (let i = 0; i < 60; i++) {
      if ((await call(app, 'GET', '/v1/purposes')).statusCode === 200) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };
  t.ok(await calm(), 'calm: served');

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

  t.ok(await calm(), 'served again once the lag is gone');
});
