import t from 'tap';
import { authHeader, buildTestApp, call } from '../helper';

t.test('malformed and unacceptable requests get problem+json, never 500', async (t) => {
  const app = await buildTestApp(t, { BODY_LIMIT_BYTES: '2048' });
  const auth = await authHeader(app);
  const problem = (response: { headers: Record<string, unknown> }) =>
    t.match(String(response.headers['content-type']), /^application\/problem\+json/);

  const broken = await app.inject({
    method: 'POST',
    url: '/v1/purposes',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: '{"name":',
  });
  t.equal(broken.statusCode, 400);
  problem(broken);
  t.equal(broken.json().code, 'MALFORMED_BODY');

  const text = await app.inject({
    method: 'POST',
    url: '/v1/purposes',
    headers: { ...auth, 'content-type': 'text/plain' },
    payload: 'name',
  });
  t.equal(text.statusCode, 415);
  t.equal(text.json().code, 'UNSUPPORTED_MEDIA_TYPE');

  const large = await call(app, 'POST', '/v1/purposes', { name: 'x', description: 'y'.repeat(4000) });
  t.equal(large.statusCode, 413);
  t.equal(large.data.code, 'BODY_TOO_LARGE');

  for (const key of ['__proto__', 'constructor']) {
    const polluted = await app.inject({
      method: 'POST',
      url: '/v1/purposes',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"name":"p","${key}":{"prototype":{"polluted":true},"polluted":true}}`,
    });
    t.equal(polluted.statusCode, 400, `${key} is refused`);
    problem(polluted);
  }
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');

  const noRoute = await call(app, 'GET', '/v1/nothing-here');
  t.equal(noRoute.statusCode, 404);
  t.equal(noRoute.data.code, 'ROUTE_NOT_FOUND');

  const array = await call(app, 'POST', '/v1/purposes', [{ name: 'a' }]);
  t.equal(array.statusCode, 400);
  t.equal(array.data.errors[0].path, '');

  const coerced = await call(app, 'POST', '/v1/organisations', { name: 'Org', privacyResponseDays: '14' });
  t.equal(coerced.statusCode, 400, 'no silent type coercion of bodies');
  t.same(coerced.data.errors, [{ in: 'body', path: '/privacyResponseDays', message: 'must be integer' }]);

  const nulQuery = await call(app, 'GET', '/v1/purposes?q=a%00b');
  t.equal(nulQuery.statusCode, 400, 'NUL in a search is refused, not a database error');
  t.same(nulQuery.data.errors, [{ in: 'query', path: '/q', message: 'must not contain the NUL character (U+0000)' }]);
  const nulBody = await call(app, 'POST', '/v1/purposes', { name: 'a\u0000b' });
  t.equal(nulBody.statusCode, 400);
  t.same(
    nulBody.data.errors.map((e: any) => e.path),
    ['/name'],
  );

  const listed = await call(app, 'GET', '/v1/purposes?limit=100');
  t.equal(listed.data.total, 0, 'nothing was stored by any of these');
});

t.test('server errors are masked: no SQL, no stack, a request id to find the log', async (t) => {
  const app = await buildTestApp(t);
  await app.dataSource.query('ALTER TABLE purposes RENAME COLUMN description TO description_gone');
  const response = await call(app, 'GET', '/v1/purposes');
  t.equal(response.statusCode, 500);
  t.equal(response.data.code, 'INTERNAL');
  t.match(response.data.detail, /request id/);
  t.notMatch(response.body, /description|SELECT|column|at \//);
});
