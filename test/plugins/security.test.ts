import { randomInt } from 'node:crypto';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import Redis from 'ioredis';
import { SignJWT } from 'jose';
import t from 'tap';
import { buildApp } from '../../src/app';
import { ConfigError } from '../../src/config';
import { buildTestApp, createTestDatabase, testConfig, testSecret } from '../helper';
import { requireService } from '../support/requires';
import { send as sendRequest, type SendOptions, type SentResponse as Response } from '../support/send';

/**
 * The security plugin: rate limits (in memory, and shared through a real Redis — REDIS_URL, or the
 * one on 127.0.0.1:6379 — or served unlimited while Redis is unreachable), security headers,
 * CORS, the OpenAPI document behind a token, and the refusal to start in production without
 * token keys.
 */

const quiet = { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' };
const nameSpace = 'processing-register:rate-limit:';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client address of its own for each scenario (and each run, for the shared Redis). */
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function token(roles: unknown, overrides: { exp?: number } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(roles === undefined ? {} : { roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('security-tester')
    .setIssuer('processing-register')
    .setAudience('processing-register-api')
    .setIssuedAt(now - 3600)
    .setExpirationTime(overrides.exp ?? now + 900)
    .sign(new TextEncoder().encode(testSecret));
}

/** Each request from its own client address unless the test names one, so that rate limits meet only what the test sends. */
const send = (app: FastifyInstance, method: InjectOptions['method'], url: string, options: SendOptions = {}) =>
  sendRequest(app, method, url, { ...options, remoteAddress: options.remoteAddress ?? freshAddress() });

t.test('in-memory rate limit: RATE_LIMIT_MAX per client and window, 429 problem+json with Retry-After, health never limited', async (t) => {
  const app = await buildTestApp(t, { ...quiet, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '2000' });
  const reader = await token(['reader']);
  const client = freshAddress();

  const answers: Response[] = [];
  for (let i = 0; i < 3; i++) answers.push(await send(app, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: client }));
  t.same(
    answers.map((a) => a.statusCode),
    [200, 200, 200],
    'three requests are served',
  );
  t.same(
    answers.map((a) => a.headers['x-ratelimit-remaining']),
    ['2', '1', '0'],
    'X-RateLimit-Remaining counts down',
  );
  t.equal(answers[0]!.headers['x-ratelimit-limit'], '3');

  const refused = await send(app, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: client });
  t.equal(refused.statusCode, 429, 'the 4th is refused');
  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.match(refused.data, { status: 429, code: 'RATE_LIMITED', type: 'urn:problem:processing-register:rate-limited' });
  t.match(refused.data.detail, /at most 3 requests/);
  const retryAfter = Number(refused.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After is the rest of the window in seconds (${refused.headers['retry-after']})`);
  const write = await send(app, 'POST', '/v1/purposes', {
    bearer: await token(['admin']),
    remoteAddress: client,
    payload: { name: 'Over the limit' },
  });
  t.equal(write.statusCode, 429, 'writes are limited too');

  for (let i = 0; i < 10; i++) {
    const live = await send(app, 'GET', '/health/live', { remoteAddress: client });
    const ready = await send(app, 'GET', '/health/ready', { remoteAddress: client });
    if (live.statusCode !== 200 || ready.statusCode !== 200 || live.headers['x-ratelimit-limit']) {
      t.fail(`health check ${i} was limited: ${live.statusCode}/${ready.statusCode}`);
    }
  }
  t.pass('/health/live and /health/ready are never limited, even for a limited client');
  t.equal((await send(app, 'GET', '/v1/purposes', { bearer: reader })).statusCode, 200, 'another client is not affected');

  await sleep(2100);
  t.equal(
    (await send(app, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: client })).statusCode,
    200,
    'served again after the window',
  );
  const stored = await send(app, 'GET', '/v1/purposes', { bearer: reader });
  t.equal(stored.data.total, 0, 'the refused write stored nothing');

  await t.test('requests without a valid token count against the limit too (no unthrottled token guessing)', async (t) => {
    const guesser = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await send(app, 'GET', '/v1/purposes', { bearer: `guess-${i}`, remoteAddress: guesser })).statusCode);
    t.same(statuses, [401, 401, 401, 429, 429], 'RATE_LIMIT_MAX=3: the 4th unauthenticated attempt is 429');
    const anonymous = freshAddress();
    const none: number[] = [];
    for (let i = 0; i < 4; i++) none.push((await send(app, 'GET', '/v1/purposes', { remoteAddress: anonymous })).statusCode);
    t.equal(none[3], 429, `requests with no token at all are limited too (got ${none.join(', ')})`);
  });
});

/**
 * Whether the client will still try to reach Redis: connected, connecting, or with a reconnection
 * scheduled. ioredis keeps the schedule in a private field; after disconnect() the status of a
 * client that was between attempts stays "reconnecting" although nothing is scheduled any more.
 */
const stillTrying = (client: Redis) =>
  client.status !== 'end' &&
  (client.status !== 'reconnecting' || Boolean((client as unknown as { reconnectTimeout: unknown }).reconnectTimeout));

/** Collects the Redis clients the apps built during `build` create, so a test can see and stop them all. */
async function capturingRedisClients<T>(build: () => Promise<T>): Promise<{ built: T; clients: Redis[] }> {
  const clients: Redis[] = [];
  const originalConnect = Redis.prototype.connect;
  Redis.prototype.connect = function (this: Redis, ...args: Parameters<Redis['connect']>) {
    clients.push(this);
    return originalConnect.apply(this, args);
  };
  try {
    return { built: await build(), clients };
  } finally {
    Redis.prototype.connect = originalConnect;
  }
}

t.test('Redis-backed rate limit: two instances share one limit', async (t) => {
  const redisUrl = await requireService(t, 'redis');
  if (!redisUrl) return;
  const { hostname: redisHost, port: redisPort } = new URL(redisUrl);
  // No reconnecting after the test: one attempt, and the client is ended at teardown whatever happened.
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined); // a failed command or connect rejects its own promise
  t.teardown(() => redis.disconnect());
  await redis.connect();
  const client = freshAddress();
  const key = `${nameSpace}${client}`;
  t.teardown(async () => {
    if (redis.status === 'ready') await redis.del(key);
  });

  // The second instance reaches Redis through a TCP relay the test can cut.
  const sockets = new Set<Socket>();
  const relay = createTcpServer((inbound) => {
    const outbound = connect(Number(redisPort || 6379), redisHost);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = (relay.address() as AddressInfo).port;
  const cutRelay = async () => {
    await new Promise<void>((resolve) => {
      relay.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  };
  t.teardown(() => (relay.listening ? cutRelay() : undefined));

  // Keep hold of the Redis clients the apps create, so that whatever the app does on close,
  // none is left reconnecting after the test (that would keep the process alive).
  const settings = testConfig({ ...quiet, RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '10000' });
  const apps: FastifyInstance[] = [];
  const closed = new Set<FastifyInstance>();
  const { clients } = await capturingRedisClients(async () => {
    for (const url of [redisUrl, `redis://127.0.0.1:${relayPort}`]) {
      const instance = await buildApp({ ...settings, REDIS_URL: url }, { database: await createTestDatabase(t) });
      apps.push(instance);
      await instance.ready();
    }
  });
  t.teardown(async () => {
    for (const instance of apps) if (!closed.has(instance)) await instance.close().catch(() => undefined);
    for (const client of clients) client.disconnect();
  });
  const [one, two] = apps as [FastifyInstance, FastifyInstance];
  t.equal(clients.length, 2, 'each instance has its own Redis client');
  const reader = await token(['reader']);

  const statuses: Array<[string, number, unknown]> = [];
  for (const [name, app] of [
    ['one', one],
    ['one', one],
    ['one', one],
    ['two', two],
    ['two', two],
    ['two', two],
  ] as const) {
    const response = await send(app, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: client });
    statuses.push([name, response.statusCode, response.headers['x-ratelimit-remaining']]);
  }
  t.same(
    statuses,
    [
      ['one', 200, '4'],
      ['one', 200, '3'],
      ['one', 200, '2'],
      ['two', 200, '1'],
      ['two', 200, '0'],
      ['two', 429, '0'],
    ],
    'RATE_LIMIT_MAX=5 across both instances: the 6th request is 429',
  );
  t.equal(await redis.get(key), '6', 'the counter lives in Redis under the service’s namespace');
  const ttl = await redis.pttl(key);
  t.ok(ttl > 0 && ttl <= 10000, `with the window as its expiry (${ttl} ms)`);
  const other = freshAddress();
  t.equal(
    (await send(one, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: other })).statusCode,
    200,
    'other clients are counted apart',
  );
  await redis.del(`${nameSpace}${other}`);

  // Redis going away does not take the API down: requests are served unlimited (skipOnError).
  await cutRelay();
  await sleep(100);
  const unlimited = await send(two, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: freshAddress() });
  t.equal(unlimited.statusCode, 200, 'served while Redis is unreachable');
  t.equal((await send(two, 'GET', '/health/live')).statusCode, 200);
  closed.add(two);
  await t.resolves(two.close(), 'the instance still shuts down cleanly with Redis unreachable');
  t.notOk(stillTrying(clients[1]!), `and leaves no client reconnecting (${clients[1]!.status})`);
});

t.test('Redis unreachable from the start: the service starts, serves without a limit, and closes', async (t) => {
  // A loopback port nothing listens on: connections are refused at once (no Redis needed).
  const closedPort = await new Promise<number>((resolve) => {
    const server = createTcpServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const database = await createTestDatabase(t);
  const {
    built: { app },
    clients,
  } = await capturingRedisClients(async () => ({
    // Wrapped: the instance is a thenable, and returning it from here would start it.
    app: await buildApp(testConfig({ ...quiet, RATE_LIMIT_MAX: '2', REDIS_URL: `redis://127.0.0.1:${closedPort}` }), { database }),
  }));
  t.teardown(() => {
    for (const client of clients) client.disconnect();
  });
  await app.ready();
  t.pass('the app starts although Redis refuses connections');
  t.equal(clients.length, 1, 'with its Redis client');
  t.ok(stillTrying(clients[0]!), `which keeps trying to reach Redis while the app runs (${clients[0]!.status})`);

  const client = freshAddress();
  const reader = await token(['reader']);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await send(app, 'GET', '/v1/purposes', { bearer: reader, remoteAddress: client })).statusCode);
  t.same(statuses, [200, 200, 200, 200], 'RATE_LIMIT_MAX=2, but with the store down requests are served (fail open)');
  t.equal((await send(app, 'GET', '/health/ready')).statusCode, 200, 'ready: the rate-limit store is not a dependency of readiness');
  await t.resolves(app.close(), 'closes without waiting for Redis');
  t.notOk(stillTrying(clients[0]!), `and no client is left reconnecting (${clients[0]!.status})`);
});

t.test('security headers on the API, the docs and health; CORS is off unless configured', async (t) => {
  const instance = await buildTestApp(t, quiet);
  const admin = await token(['admin']);
  for (const [url, bearer] of [
    ['/v1/purposes', admin],
    ['/v1/purposes', null],
    ['/docs/', null],
    ['/docs', null],
    ['/docs/json', null],
    ['/docs/static/swagger-ui-bundle.js', null],
    ['/health/live', null],
    ['/nothing-here', null],
  ] as const) {
    const response = await send(instance, 'GET', url, { bearer, headers: { origin: 'https://dpo.example' } });
    const csp = String(response.headers['content-security-policy'] ?? '');
    t.match(csp, /default-src 'self'/, `${url}: CSP`);
    t.match(csp, /script-src 'self'(;|$)/, `${url}: scripts only from self`);
    t.match(csp, /frame-ancestors 'none'/, `${url}: no framing`);
    t.notMatch(csp, /upgrade-insecure-requests/, `${url}: plain-HTTP set-ups still load the docs`);
    t.equal(response.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.equal(response.headers['cross-origin-resource-policy'], 'same-origin', `${url}: CORP same-origin`);
    t.equal(response.headers['x-frame-options'], 'SAMEORIGIN', `${url}: X-Frame-Options`);
    t.notOk(response.headers['x-powered-by'], `${url}: no X-Powered-By`);
    t.notOk(response.headers['access-control-allow-origin'], `${url}: no CORS without CORS_ORIGINS`);
  }
  const preflight = await instance.inject({
    method: 'OPTIONS',
    url: '/v1/purposes',
    headers: { origin: 'https://dpo.example', 'access-control-request-method': 'POST' },
  });
  t.notOk(preflight.headers['access-control-allow-origin'], 'no preflight grant without CORS_ORIGINS');
  t.notOk(preflight.headers['access-control-allow-methods']);

  const spec = await send(instance, 'GET', '/docs/json');
  t.equal(spec.statusCode, 200, 'DOCS_SPEC_PUBLIC defaults to true: the spec needs no token');
  t.equal(spec.data.openapi, '3.1.0');
  t.equal((await send(instance, 'GET', '/docs/yaml')).statusCode, 200);
});

t.test('CORS_ORIGINS=https://dpo.example and DOCS_SPEC_PUBLIC=false', async (t) => {
  const instance = await buildTestApp(t, {
    ...quiet,
    CORS_ORIGINS: 'https://dpo.example, https://other.example',
    DOCS_SPEC_PUBLIC: 'false',
  });
  const admin = await token(['admin']);

  const allowed = await send(instance, 'GET', '/v1/purposes', { bearer: admin, headers: { origin: 'https://dpo.example' } });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://dpo.example', 'the configured origin is allowed');
  t.match(allowed.headers.vary, /origin/i, 'Vary: Origin');
  t.match(allowed.headers['access-control-expose-headers'], /Location/);
  t.match(allowed.headers['access-control-expose-headers'], /ETag/);
  t.match(allowed.headers['access-control-expose-headers'], /Retry-After/);
  t.notOk(allowed.headers['access-control-allow-credentials'], 'no credentialed CORS');
  const second = await send(instance, 'GET', '/health/live', { headers: { origin: 'https://other.example' } });
  t.equal(second.headers['access-control-allow-origin'], 'https://other.example', 'every listed origin is allowed');
  const unauthenticated = await send(instance, 'GET', '/v1/purposes', { headers: { origin: 'https://dpo.example' } });
  t.equal(unauthenticated.statusCode, 401);
  t.equal(unauthenticated.headers['access-control-allow-origin'], 'https://dpo.example', 'a browser can read the 401 too');

  const preflight = await instance.inject({
    method: 'OPTIONS',
    url: '/v1/purposes/00000000-0000-4000-8000-000000000000',
    headers: {
      origin: 'https://dpo.example',
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'authorization, content-type, if-match, idempotency-key',
    },
  });
  t.equal(preflight.statusCode, 204, 'preflight needs no token');
  t.equal(preflight.headers['access-control-allow-origin'], 'https://dpo.example');
  t.same(
    String(preflight.headers['access-control-allow-methods'])
      .split(',')
      .map((m) => m.trim())
      .sort(),
    ['DELETE', 'GET', 'PATCH', 'POST'],
  );
  for (const header of ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key']) {
    t.match(preflight.headers['access-control-allow-headers'], new RegExp(header, 'i'), `${header} may be sent`);
  }
  t.equal(preflight.headers['access-control-max-age'], '600');

  for (const origin of [
    'https://evil.example',
    'https://dpo.example.evil.example',
    'https://evil.dpo.example',
    'http://dpo.example',
    'null',
  ]) {
    const response = await send(instance, 'GET', '/v1/purposes', { bearer: admin, headers: { origin } });
    t.notOk(response.headers['access-control-allow-origin'], `${origin}: not allowed`);
    const other = await instance.inject({
      method: 'OPTIONS',
      url: '/v1/purposes',
      headers: { origin, 'access-control-request-method': 'DELETE' },
    });
    t.notOk(other.headers['access-control-allow-origin'], `${origin}: preflight not granted`);
  }

  // The OpenAPI document needs a token (any valid one); the UI page itself stays public.
  for (const url of ['/docs/json', '/docs/yaml', '/docs/json?format=x']) {
    const anonymous = await send(instance, 'GET', url);
    t.equal(anonymous.statusCode, 401, `${url} without a token: 401`);
    t.equal(anonymous.data?.code, 'UNAUTHENTICATED');
    t.match(anonymous.headers['www-authenticate'], /^Bearer realm="processing-register"/);
    t.notMatch(anonymous.body, /openapi/);
    const expired = await send(instance, 'GET', url, { bearer: await token(['admin'], { exp: Math.floor(Date.now() / 1000) - 120 }) });
    t.equal(expired.statusCode, 401, `${url} with an expired token: 401`);
    for (const roles of [[], ['reader'], ['auditor']]) {
      const response = await send(instance, 'GET', url, { bearer: await token(roles) });
      t.equal(response.statusCode, 200, `${url} with a valid token with roles [${roles.join(', ')}]: 200`);
    }
  }
  t.equal((await send(instance, 'GET', '/docs/')).statusCode, 200, 'the Swagger UI page is public');
  t.equal((await send(instance, 'GET', '/docs/static/swagger-ui-bundle.js')).statusCode, 200, 'its assets are public');

  // The same document under an equivalent URL must not slip past the check.
  for (const url of ['/docs/%6Ason', '/docs/%6A%73%6F%6E', '/docs/%79aml']) {
    const response = await send(instance, 'GET', url);
    t.not(response.statusCode, 200, `${url} (percent-encoded) does not serve the spec without a token (got ${response.statusCode})`);
    t.notMatch(response.body, /"openapi"|^openapi:/m, `${url}: no spec in the body`);
  }
});

t.test('NODE_ENV=production refuses to start without token keys (ConfigError naming them), and starts with one', async (t) => {
  const database = await createTestDatabase(t);
  const refused = buildApp(testConfig({ ...quiet, NODE_ENV: 'production', JWT_SECRET: '' }), { database });
  await t.rejects(refused, ConfigError, 'buildApp rejects with a ConfigError');
  const error = await refused.catch((e: Error) => e);
  for (const key of ['JWT_JWKS_URL', 'JWT_JWKS', 'JWT_PUBLIC_KEY', 'JWT_SECRET']) {
    t.match((error as Error).message, key, `the message names ${key}`);
  }
  t.match((error as Error).message, /production/);

  const production = await buildApp(testConfig({ ...quiet, NODE_ENV: 'production' }), { database });
  await production.ready();
  t.teardown(() => production.close());
  t.equal(production.auth.keys.source, 'secret', 'with JWT_SECRET it starts');
  t.equal((await send(production, 'GET', '/v1/purposes', { bearer: await token(['reader']) })).statusCode, 200);
  t.equal((await send(production, 'GET', '/v1/purposes')).statusCode, 401);
});
