import { Writable } from 'node:stream';
import t from 'tap';
import { buildApp } from '../../src/app';
import { redactedUrl } from '../../src/http/request-log';
import { authHeader, createTestDatabase, testConfig } from '../helper';

// A token sent in the query string is refused (tokens go in the Authorization header), and it
// must not end up in the request log either: the logged URL keeps its path and harmless query
// values, and says [REDACTED] for every credential-like parameter.

t.test('credentials in the query string are not written to the log', async (t) => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const database = await createTestDatabase(t);
  const app = await buildApp(testConfig({ LOG_LEVEL: 'info' }), { database, logStream });
  await app.ready();
  t.teardown(() => app.close());

  const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';
  const refused = await app.inject({ method: 'GET', url: `/v1/purposes?access_token=${secret}&limit=5` });
  t.equal(refused.statusCode, 401, 'a token in the query string is no token');
  const listed = await app.inject({
    method: 'GET',
    url: `/v1/purposes?q=cust&token=${secret}&api_key=${secret}`,
    headers: await authHeader(app),
  });
  t.equal(listed.statusCode, 400, 'unknown parameters are refused');
  await app.inject({ method: 'GET', url: `/v1/nothing?password=${secret}` });

  t.ok(lines.length > 0, `${lines.length} log lines`);
  t.same(
    lines.filter((line) => line.includes(secret) || line.includes('c2VjcmV0LXRva2Vu')),
    [],
    'no log line holds the token',
  );
  const urls = lines.map((line) => JSON.parse(line).req?.url).filter(Boolean);
  t.ok(urls.includes('/v1/purposes?access_token=[REDACTED]&limit=5'), 'the URL is logged, the token redacted');
  t.ok(urls.includes('/v1/purposes?q=cust&token=[REDACTED]&api_key=[REDACTED]'));
  t.ok(urls.includes('/v1/nothing?password=[REDACTED]'));
});

t.test('which query parameters are redacted', async (t) => {
  t.equal(redactedUrl('/v1/purposes'), '/v1/purposes');
  t.equal(redactedUrl('/v1/purposes?limit=5&offset=10'), '/v1/purposes?limit=5&offset=10');
  for (const name of [
    'access_token',
    'token',
    'id_token',
    'refresh_token',
    'client_secret',
    'api_key',
    'apikey',
    'api-key',
    'password',
    'jwt',
    'Authorization',
    'sig',
    'signature',
    'key',
    'session',
  ]) {
    t.equal(redactedUrl(`/x?${name}=abc&q=1`), `/x?${name}=[REDACTED]&q=1`, name);
  }
  t.equal(redactedUrl('/x?access%5Ftoken=abc'), '/x?access%5Ftoken=[REDACTED]', 'also when the name is percent-encoded');
  t.equal(redactedUrl('/x?token'), '/x?token', 'a name without a value has nothing to hide');
  t.equal(redactedUrl('/x?a=1&&token=abc#frag'), '/x?a=1&&token=[REDACTED]#frag');
});
