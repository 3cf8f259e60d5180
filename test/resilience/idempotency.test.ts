import t from 'tap';
import { authHeader, buildTestApp, call, tokenFor } from '../helper';

t.test('Idempotency-Key: a retried create returns the original result, never a duplicate', async (t) => {
  const app = await buildTestApp(t);
  const post = async (key: string, body: unknown, roles: 'admin' | 'editor' = 'admin', sub?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/purposes',
      headers: {
        ...(sub ? { authorization: `Bearer ${await tokenFor(app, roles, { sub })}` } : await authHeader(app, roles)),
        'idempotency-key': key,
      },
      payload: body as object,
    });

  const first = await post('order-42', { name: 'Orders' });
  t.equal(first.statusCode, 201);
  const retry = await post('order-42', { name: 'Orders' });
  t.equal(retry.statusCode, 201, 'the retry gets the original status');
  t.equal(retry.json().id, first.json().id, 'and the original entry');
  t.equal(retry.headers['idempotent-replayed'], 'true');
  t.equal(retry.headers.location, first.headers.location);
  t.equal((await call(app, 'GET', '/v1/purposes')).data.total, 1, 'nothing was created twice');

  const other = await post('order-42', { name: 'Something else' });
  t.equal(other.statusCode, 422, 'the same key with another body is refused');
  t.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');

  const failing = await post('dup-1', { name: 'orders' });
  t.equal(failing.statusCode, 409, 'a failing request…');
  await call(app, 'DELETE', `/v1/purposes/${first.json().id}`);
  const retried = await post('dup-1', { name: 'orders' });
  t.equal(retried.statusCode, 201, '…frees its key: the retry runs for real');

  const someoneElse = await post('order-42', { name: 'Orders of another caller' }, 'admin', 'another-user');
  t.equal(someoneElse.statusCode, 201, 'keys are per caller');

  const bad = await post('has spaces', { name: 'X' });
  t.equal(bad.statusCode, 400);
  t.same(
    bad.json().errors.map((e: any) => e.path),
    ['/idempotency-key'],
  );

  const concurrent = await Promise.all(Array.from({ length: 8 }, () => post('burst', { name: 'Burst' })));
  const codes = concurrent.map((r) => r.statusCode);
  t.ok(
    codes.every((code) => code === 201 || code === 409),
    `concurrent duplicates: ${codes.join(',')}`,
  );
  t.equal(new Set(concurrent.filter((r) => r.statusCode === 201).map((r) => r.json().id)).size, 1, 'all successes name the same entry');
  const burst = (await call(app, 'GET', '/v1/purposes?q=Burst')).data;
  t.equal(burst.total, 1, 'exactly one entry created');
});
