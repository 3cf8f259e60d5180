import { resolve } from 'node:path';
import type { FastifyInstance, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app';
import { rolesAllowed, type Role } from '../../src/auth/permissions';
import { ConfigError } from '../../src/config';
import { buildTestApp, createTestDatabase, testConfig, testSecret } from '../helper';
import { edKey, jwksServer, remoteJwksApp, type JwksMode } from '../support/jwks-server';
import { send as sendRequest, type SentResponse as Response } from '../support/send';
import { servedRoutes } from '../support/served-routes';

/**
 * The OWASP API Security Top 10 (2023), one test per item, each naming what this service does
 * about it. Most tests share one app (LOG_LEVEL info, its log captured in memory); rate limits,
 * CORS and a remote JWKS need apps configured for them.
 */

const issuer = 'processing-register';
const audience = 'processing-register-api';
const hsKey = new TextEncoder().encode(testSecret);
const quiet = { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' };
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const missing = '00000000-0000-4000-8000-000000000000';
/** Where this checkout lives: no response may reveal it. */
const repositoryRoot = resolve(__dirname, '..', '..');

const now = () => Math.floor(Date.now() / 1000);
const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

function sign(
  key: Uint8Array | CryptoKey,
  alg: string,
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const claims: Record<string, unknown> = {
    sub: 'owasp-tester',
    iss: issuer,
    aud: audience,
    iat: now(),
    exp: now() + 900,
    roles: ['admin'],
    ...overrides,
  };
  for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);
}

/** Tokens for the HS256 test secret, by role (null: no roles claim at all). */
const tokenAs = (roles: Role[] | Role, sub = 'owasp-tester') =>
  sign(hsKey, 'HS256', { roles: Array.isArray(roles) ? roles : [roles], sub });

/** A request with a bearer token (null: none); PATCH and DELETE carry the ETag read with an admin token. */
const send = async (
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  bearer: string | null,
  payload?: unknown,
  headers: Record<string, string> = {},
) => sendRequest(app, method, url, { bearer, payload, headers, etagWith: await tokenAs('admin') });

async function make(app: FastifyInstance, resource: string, body: Record<string, unknown>): Promise<any> {
  const response = await send(app, 'POST', `/v1/${resource}`, await tokenAs('admin'), body);
  if (response.statusCode !== 201) throw new Error(`POST /v1/${resource} → ${response.statusCode}: ${response.body}`);
  return response.data;
}

function assertProblem(t: Test, response: Response, status: number, code: string, label: string) {
  t.equal(response.statusCode, status, `${label}: ${status}`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
  t.equal(response.data?.code, code, `${label}: ${code}`);
}

// ---- the shared app, its log captured --------------------------------------------------------------

/** Sends everything the app logs (root logger and every child) to `lines`, from now on. */
function captureLog(app: FastifyInstance): string[] {
  const lines: string[] = [];
  let owner: any = app.log;
  const isStream = (symbol: symbol) => symbol.description === 'pino.stream';
  while (owner && !Object.getOwnPropertySymbols(owner).some(isStream)) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('cannot find the pino destination of app.log');
  owner[Object.getOwnPropertySymbols(owner).find(isStream)!] = { write: (line: string) => lines.push(line) };
  return lines;
}

let sharedApp: Promise<{ app: FastifyInstance; log: string[] }> | undefined;

/** Default configuration, LOG_LEVEL info, a 4 KiB body limit. */
function shared() {
  sharedApp ??= (async () => {
    const database = await createTestDatabase(t);
    const app = await buildApp(testConfig({ ...quiet, LOG_LEVEL: 'info', BODY_LIMIT_BYTES: '4096' }), { database });
    const log = captureLog(app);
    await app.ready();
    t.teardown(() => app.close());
    return { app, log };
  })();
  return sharedApp;
}

let rateLimitedApp: Promise<FastifyInstance> | undefined;

/** RATE_LIMIT_MAX=3 per minute; tests isolate themselves by client address. */
function rateLimited() {
  rateLimitedApp ??= buildTestApp(t, { ...quiet, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  return rateLimitedApp;
}

/** Valid bodies for the building blocks, unique by `n`. */
function bodies(n: number, organisationId: string): Record<string, Record<string, unknown>> {
  return {
    'processing-activities': { name: `Activity ${n}` },
    organisations: { name: `Organisation ${n}` },
    purposes: { name: `Purpose ${n}` },
    'legal-bases': { code: `own-basis-${n}`, name: `Basis ${n}`, kind: 'lawful-basis', article: 'Art. 1', jurisdiction: 'NL' },
    'data-subject-categories': { name: `Subjects ${n}` },
    'data-categories': { name: `Data ${n}` },
    'collection-channels': { name: `Channel ${n}`, sourceType: 'data-subject', mechanism: 'email' },
    recipients: { name: `Recipient ${n}`, kind: 'processor', category: 'hosting-provider' },
    'retention-rules': { name: `Retention ${n}`, duration: 'P30D', startEvent: 'collection' },
    'security-measures': { name: `Measure ${n}`, type: 'technical' },
    'privacy-policies': { name: `Policy ${n}`, organisationId, language: 'nl' },
    systems: { name: `System ${n}` },
  };
}

// ---- remote JWKS: an identity provider and an attacker on the loopback ----------------------------

let remote: ReturnType<typeof buildRemote> | undefined;

/** An app verifying against a remote JWKS (cache 1 s on a clock the test moves, timeout 300 ms), and an attacker's server. */
function remoteJwks() {
  remote ??= buildRemote();
  return remote;
}

async function buildRemote() {
  const key = await edKey('idp-key');
  const attackerKey = await edKey('attacker-key');
  const idp = await jwksServer(t, { keys: [key.jwk] });
  const attacker = await jwksServer(t, { keys: [attackerKey.jwk] });
  const { app, clock } = await remoteJwksApp(t, idp.url);
  const token = await sign(key.privateKey, 'EdDSA', {}, { kid: 'idp-key' });
  /** Past the key set's cache age (1 s) and cooldown: the next token fetches it again. */
  const staleKeys = () => clock.advance(1000);
  return { app, idp, attacker, key, attackerKey, token, staleKeys };
}

// ---- API1 ----------------------------------------------------------------------------------------

t.test(
  'API1:2023 Broken Object Level Authorization: random ids, a reader cannot change any object, unknown ids are 404 not 500',
  async (t) => {
    const { app } = await shared();
    const admin = await tokenAs('admin');
    const reader = await tokenAs('reader');
    const organisation = await make(app, 'organisations', { name: 'API1 organisation' });
    const made: Array<[string, any]> = [];
    for (const [resource, body] of Object.entries(bodies(1, organisation.id))) {
      const entry = resource === 'organisations' ? organisation : await make(app, resource, body);
      t.match(entry.id, uuidV4, `${resource}: the id is a random (v4) UUID, not guessable`);
      made.push([resource, entry]);
    }
    const second = await make(app, 'purposes', { name: 'API1 second purpose' });
    t.not(second.id.slice(0, 8), made.find(([r]) => r === 'purposes')![1].id.slice(0, 8), 'ids are not sequential');

    for (const [resource, entry] of made) {
      const url = `/v1/${resource}/${entry.id}`;
      const patched = await send(app, 'PATCH', url, reader, { name: `${entry.name} (taken over)` });
      assertProblem(t, patched, 403, 'FORBIDDEN', `reader PATCH ${resource}`);
      const deleted = await send(app, 'DELETE', url, reader);
      assertProblem(t, deleted, 403, 'FORBIDDEN', `reader DELETE ${resource}`);
      const after = await send(app, 'GET', url, admin);
      t.equal(after.statusCode, 200, `${resource}: still there`);
      t.equal(after.data.version, entry.version, `${resource}: unchanged (version ${entry.version})`);

      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const unknown = await send(app, method, `/v1/${resource}/${missing}`, admin, method === 'PATCH' ? { name: 'x' } : undefined, {
          'if-match': '"x"',
        });
        assertProblem(t, unknown, 404, 'NOT_FOUND', `${method} ${resource} with an unknown id`);
      }
      for (const id of ['1', '0', 'not-a-uuid', '1%20OR%201%3D1', '%27%3B--', '..%2F..%2Fetc%2Fpasswd']) {
        const malformed = await send(app, 'GET', `/v1/${resource}/${id}`, admin);
        t.ok([400, 404].includes(malformed.statusCode), `GET ${resource}/${decodeURIComponent(id)}: ${malformed.statusCode}, not 500`);
        t.match(malformed.headers['content-type'], /^application\/problem\+json/);
      }
    }
    const rights = await send(app, 'GET', `/v1/data-subject-rights/${missing}`, reader);
    assertProblem(t, rights, 404, 'NOT_FOUND', 'unknown data subject right');
  },
);

// ---- API2 ----------------------------------------------------------------------------------------

t.test(
  'API2:2023 Broken Authentication: missing, expired, unsigned and forged tokens are 401; tokens are never echoed or logged',
  async (t) => {
    const { app, log } = await shared();
    const logStart = log.length;
    const valid = await tokenAs('admin', 'api2-user');
    const [h, p] = valid.split('.') as [string, string, string];
    const bad: Array<[string, string | null]> = [
      ['no token', null],
      ['expired', await sign(hsKey, 'HS256', { iat: now() - 3600, exp: now() - 120 })],
      ['alg none', `${encode({ alg: 'none', typ: 'JWT' })}.${p}.`],
      ['alg none, original signature kept', `${encode({ alg: 'none', typ: 'JWT' })}.${p}.${valid.split('.')[2]}`],
      ['forged signature', `${h}.${p}.${base64url.encode(new Uint8Array(32))}`],
      ['signed with a guessable secret', await sign(new TextEncoder().encode('secret'.padEnd(32, '!')), 'HS256')],
      ['no expiry (a token for ever)', await sign(hsKey, 'HS256', { exp: undefined })],
      ['another audience', await sign(hsKey, 'HS256', { aud: 'another-api' })],
      ['garbage', 'eyJhbGciOiJIUzI1NiJ9.garbage.garbage'],
    ];
    const sent: string[] = [valid];
    for (const [label, token] of bad) {
      if (token) sent.push(token);
      const read = await send(app, 'GET', '/v1/processing-activities', token);
      assertProblem(t, read, 401, 'UNAUTHENTICATED', `${label}: read`);
      t.match(read.headers['www-authenticate'], /^Bearer realm="processing-register"/, `${label}: Bearer challenge`);
      const write = await send(app, 'POST', '/v1/processing-activities', token, { name: `API2 ${label}` });
      assertProblem(t, write, 401, 'UNAUTHENTICATED', `${label}: write`);
      for (const response of [read, write]) {
        const echoed = token !== null && (response.body.includes(token) || JSON.stringify(response.headers).includes(token));
        t.notOk(echoed, `${label}: the token is not echoed`);
      }
    }
    const stored = await send(app, 'GET', '/v1/processing-activities?q=API2', valid);
    t.equal(stored.data.total, 0, 'nothing was stored by any refused request');

    // Tokens are accepted in the Authorization header only. (A client that puts one in the URL
    // has leaked it already: URLs are logged, so that token is not among those checked below.)
    const inQuery = await send(app, 'GET', `/v1/purposes?access_token=${await tokenAs('admin', 'api2-url')}`, null);
    t.equal(inQuery.statusCode, 401, 'a token in the query string is not accepted');
    const inCookie = await send(app, 'GET', '/v1/purposes', null, undefined, { cookie: `access_token=${valid}` });
    t.equal(inCookie.statusCode, 401, 'a token in a cookie is not accepted');
    const forbidden = await send(app, 'POST', '/v1/organisations', await tokenAs('reader', 'api2-reader'), { name: 'x' });
    t.equal(forbidden.statusCode, 403);

    // The log says why authentication failed, and never holds a token or the secret.
    const lines = log.slice(logStart);
    t.ok(
      lines.some((line) => /authentication failed/.test(line) && /expired/.test(line)),
      'refusals are logged with their reason',
    );
    t.ok(
      lines.some((line) => /forbidden/.test(line) && /api2-reader/.test(line)),
      '403s are logged with the subject',
    );
    for (const token of sent) {
      const signature = token.split('.')[2] ?? '';
      const leaked = lines.filter((line) => line.includes(token) || (signature.length > 20 && line.includes(signature)));
      t.same(leaked, [], `token ${token.slice(0, 16)}… is not in the log`);
    }
    t.notOk(
      lines.some((line) => line.includes(testSecret)),
      'the secret is not in the log',
    );
    t.notOk(
      lines.some((line) => /authorization/i.test(line) && /Bearer /.test(line)),
      'no Authorization header is logged',
    );
  },
);

t.test('API2:2023 Broken Authentication: repeated failed authentication is throttled by the rate limit', async (t) => {
  const app = await rateLimited();
  const remoteAddress = '198.51.100.21';
  const statuses: number[] = [];
  let last: LightMyRequestResponse | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    last = await app.inject({ method: 'GET', url: '/v1/purposes', remoteAddress, headers: { authorization: `Bearer guess-${attempt}` } });
    statuses.push(last.statusCode);
  }
  t.same(statuses.slice(0, 3), [401, 401, 401], 'the first attempts are answered 401');
  t.equal(statuses[4], 429, `a client guessing tokens is throttled after RATE_LIMIT_MAX attempts (got ${statuses.join(', ')})`);
  t.ok(last?.headers['retry-after'], 'with Retry-After');
});

// ---- API3 ----------------------------------------------------------------------------------------

/** The documented response schema of GET <path> (200), $refs resolved. */
function responseSchema(spec: any, path: string): any {
  const schema = spec.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
  const resolve = (node: any): any => (node?.$ref ? resolve(spec.components.schemas[node.$ref.split('/').pop()]) : node);
  return resolve(schema);
}

function undocumentedKeys(spec: any, schema: any, value: any, path = ''): string[] {
  const resolve = (node: any): any => (node?.$ref ? resolve(spec.components.schemas[node.$ref.split('/').pop()]) : node);
  const node = resolve(schema);
  if (value === null || typeof value !== 'object' || !node) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => undocumentedKeys(spec, node.items, item, `${path}/${i}`));
  const properties = node.properties ?? {};
  return Object.entries(value).flatMap(([key, child]) =>
    key in properties ? undocumentedKeys(spec, properties[key], child, `${path}/${key}`) : [`${path}/${key}`],
  );
}

t.test(
  'API3:2023 Broken Object Property Level Authorization: server-managed fields cannot be assigned; responses expose only documented fields',
  async (t) => {
    const { app } = await shared();
    const admin = await tokenAs('admin');
    const organisation = await make(app, 'organisations', { name: 'API3 organisation' });
    const entries: Array<[string, any]> = [['organisations', organisation]];
    const managed = {
      id: missing,
      version: 99,
      createdAt: '2000-01-01T00:00:00.000Z',
      updatedAt: '2000-01-01T00:00:00.000Z',
      builtIn: true,
    };
    for (const [resource, body] of Object.entries(bodies(3, organisation.id))) {
      const before = (await send(app, 'GET', `/v1/${resource}?limit=1`, admin)).data.total;
      const assigned = await send(app, 'POST', `/v1/${resource}`, admin, { ...body, ...managed });
      assertProblem(t, assigned, 400, 'VALIDATION_FAILED', `POST ${resource} with id/version/createdAt/updatedAt/builtIn`);
      const paths = (assigned.data.errors ?? []).map((error: any) => error.path).sort();
      t.same(
        paths,
        Object.keys(managed)
          .map((key) => `/${key}`)
          .sort(),
        `${resource}: each server-managed field is named`,
      );
      t.equal((await send(app, 'GET', `/v1/${resource}?limit=1`, admin)).data.total, before, `${resource}: nothing stored`);

      const entry = resource === 'organisations' ? organisation : await make(app, resource, body);
      entries.push([resource, entry]);
      for (const [field, value] of Object.entries(managed)) {
        const patched = await send(app, 'PATCH', `/v1/${resource}/${entry.id}`, admin, { [field]: value });
        assertProblem(t, patched, 400, 'VALIDATION_FAILED', `PATCH ${resource} ${field}`);
      }
      const fetched = await send(app, 'GET', `/v1/${resource}/${entry.id}`, admin);
      t.equal(fetched.data.version, entry.version, `${resource}: version untouched`);
      t.equal(fetched.data.id, entry.id);
    }
    const ownBasis = entries.find(([resource]) => resource === 'legal-bases')![1];
    t.equal(ownBasis.builtIn, false, 'an own legal basis is never built in');

    const spec = (await send(app, 'GET', '/docs/json', admin)).data;
    entries.push(['data-subject-rights', (await send(app, 'GET', '/v1/data-subject-rights?limit=1', admin)).data.items[0]]);
    for (const [resource, entry] of entries) {
      const one = await send(app, 'GET', `/v1/${resource}/${entry.id}`, admin);
      const schema = responseSchema(spec, `/v1/${resource}/{id}`);
      t.ok(schema?.properties, `${resource}: response schema documented`);
      t.same(undocumentedKeys(spec, schema, one.data), [], `${resource}: GET returns documented fields only`);
      const page = await send(app, 'GET', `/v1/${resource}?limit=100`, admin);
      t.same(
        undocumentedKeys(spec, responseSchema(spec, `/v1/${resource}`), page.data),
        [],
        `${resource}: list returns documented fields only`,
      );
      t.notOk(/"[a-z]+_[a-z_]+":/.test(one.body), `${resource}: no database column names`);
    }
  },
);

// ---- API4 ----------------------------------------------------------------------------------------

t.test('API4:2023 Unrestricted Resource Consumption: page size, body size, field sizes and request rate are bounded', async (t) => {
  const { app } = await shared();
  const admin = await tokenAs('admin');
  assertProblem(t, await send(app, 'GET', '/v1/purposes?limit=101', admin), 400, 'VALIDATION_FAILED', 'limit=101');
  assertProblem(t, await send(app, 'GET', '/v1/purposes?limit=1000000', admin), 400, 'VALIDATION_FAILED', 'limit=1000000');
  t.equal((await send(app, 'GET', '/v1/purposes?limit=100', admin)).statusCode, 200, 'limit=100 is the maximum');
  t.equal((await send(app, 'GET', '/v1/purposes', admin)).data.limit, 20, 'pages are 20 by default');

  const before = (await send(app, 'GET', '/v1/purposes?limit=1', admin)).data.total;
  const big = await send(app, 'POST', '/v1/purposes', admin, { name: 'Big', description: 'x'.repeat(5000) });
  assertProblem(t, big, 413, 'BODY_TOO_LARGE', 'a body over BODY_LIMIT_BYTES (4 KiB here)');
  const declared = await app.inject({
    method: 'POST',
    url: '/v1/purposes',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'content-length': '10000000' },
    payload: '{"name":"Liar"}',
  });
  t.ok([400, 413].includes(declared.statusCode), `a false Content-Length is refused (${declared.statusCode})`);
  const long = await send(app, 'POST', '/v1/purposes', admin, { name: 'n'.repeat(301) });
  assertProblem(t, long, 400, 'VALIDATION_FAILED', 'a name over its maximum length');
  const organisation = await make(app, 'organisations', { name: 'API4 organisation' });
  const manyRights = Array.from({ length: 21 }, () => ({ right: 'access', description: 'x' }));
  const policy = await send(app, 'POST', '/v1/privacy-policies', admin, {
    name: 'Long policy',
    organisationId: organisation.id,
    language: 'en',
    rights: manyRights,
  });
  assertProblem(t, policy, 400, 'VALIDATION_FAILED', 'an array over its maximum size');
  t.equal((await send(app, 'GET', '/v1/purposes?limit=1', admin)).data.total, before, 'nothing stored');

  const limited = await rateLimited();
  const remoteAddress = '198.51.100.41';
  const reader = `Bearer ${await tokenAs('reader')}`;
  const answers: LightMyRequestResponse[] = [];
  for (let i = 0; i < 4; i++)
    answers.push(await limited.inject({ method: 'GET', url: '/v1/purposes', remoteAddress, headers: { authorization: reader } }));
  t.same(
    answers.map((a) => a.statusCode),
    [200, 200, 200, 429],
    'RATE_LIMIT_MAX=3: the 4th request is refused',
  );
  t.equal(answers[0]!.headers['x-ratelimit-limit'], '3', 'the limit is announced');
  const refused = answers[3]!;
  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.equal(JSON.parse(refused.body).code, 'RATE_LIMITED');
  t.ok(Number(refused.headers['retry-after']) > 0, `Retry-After: ${refused.headers['retry-after']}`);
});

// ---- API5 ----------------------------------------------------------------------------------------

t.test(
  'API5:2023 Broken Function Level Authorization: readers and auditors cannot write, editors cannot delete or touch organisations and legal bases',
  async (t) => {
    const { app } = await shared();
    const admin = await tokenAs('admin');
    const spec = (await send(app, 'GET', '/docs/json', admin)).data;
    const organisation = await make(app, 'organisations', { name: 'API5 organisation' });
    // The entries are the unit's every token below names: this is about roles (units: test/auth/bola.test.ts).
    const unit = await make(app, 'organisational-units', { name: 'API5 unit', key: 'api5-unit' });
    const body = bodies(5, organisation.id);
    const targets: Record<string, any> = {};
    for (const [resource, create] of Object.entries(body))
      targets[resource] = resource === 'organisations' ? organisation : await make(app, resource, { ...create, ownerUnitId: unit.id });

    const writes = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['post', 'patch', 'delete', 'put'].includes(method) && path.startsWith('/v1/'))
        .map(([method, operation]) => ({ method: method.toUpperCase() as 'POST' | 'PATCH' | 'DELETE', path, operation })),
    );
    t.ok(writes.length >= 32, `${writes.length} write operations`);
    for (const role of ['reader', 'auditor', 'editor'] as const) {
      const bearer = await sign(hsKey, 'HS256', { roles: [role], units: ['api5-unit'] });
      for (const { method, path, operation } of writes) {
        const resource = path.split('/')[2]!;
        const url = path.replace('{id}', targets[resource]?.id ?? missing);
        const documented = (operation['x-roles'] as string[]).includes(role);
        const adminOnly = method === 'DELETE' || ['organisations', 'legal-bases'].includes(resource);
        // The register's own entries: readers and auditors never write, editors never delete or touch
        // organisations and legal bases. (Other write routes, e.g. audit snapshots, follow their x-roles.)
        if (resource in body && (role !== 'editor' || adminOnly))
          t.notOk(documented, `${role} ${method} ${path}: not granted by the table`);
        const payload =
          method === 'DELETE'
            ? undefined
            : method === 'POST'
              ? { ...body[resource], name: `${role} ${resource}` }
              : { description: `by ${role}` };
        const response = await send(app, method, url, bearer, payload);
        if (!documented) {
          assertProblem(t, response, 403, 'FORBIDDEN', `${role} ${method} ${path}`);
        } else if (resource in body && !/\{id\}\/[a-z-]+$/.test(path)) {
          // (An entry's own step, e.g. submitting an activity for review, is sent without If-Match: the else branch.)
          t.ok([200, 201].includes(response.statusCode), `${role} ${method} ${path}: allowed (${response.statusCode})`);
        } else {
          t.ok(
            ![401, 403].includes(response.statusCode) && response.statusCode < 500,
            `${role} ${method} ${path}: allowed (${response.statusCode})`,
          );
        }
      }
    }
    const untouched = await send(app, 'GET', `/v1/organisations/${organisation.id}`, admin);
    t.equal(untouched.data.version, organisation.version, 'the organisation was not changed by any of them');

    // Automatic HEAD routes and method-override headers do not bypass the checks.
    t.equal((await send(app, 'HEAD', '/v1/purposes', null)).statusCode, 401, 'HEAD needs a token too');
    const override = await send(app, 'GET', `/v1/purposes/${targets.purposes.id}`, await tokenAs('reader'), undefined, {
      'x-http-method-override': 'DELETE',
    });
    t.equal(override.statusCode, 200);
    t.equal((await send(app, 'GET', `/v1/purposes/${targets.purposes.id}`, admin)).statusCode, 200, 'X-HTTP-Method-Override is ignored');

    // Deny by default: a route that declares no permission is refused even to an admin.
    const request = {
      headers: { authorization: `Bearer ${admin}` },
      routeOptions: { config: {} },
      log: app.log,
      principal: null,
    } as unknown as FastifyRequest;
    await t.rejects(app.authorize(request), { code: 'FORBIDDEN' }, 'a route without a declared permission is forbidden to every role');
    t.same(rolesAllowed({ resource: 'organisations', operation: 'delete' }), ['admin']);
  },
);

// ---- API6 ----------------------------------------------------------------------------------------

t.test(
  'API6:2023 Unrestricted Access to Sensitive Business Flows: linked entries cannot be deleted, reference data is read-only even for admins, no lost updates',
  async (t) => {
    const { app } = await shared();
    const admin = await tokenAs('admin');
    const purpose = await make(app, 'purposes', { name: 'API6 purpose' });
    const consent = (await send(app, 'GET', '/v1/legal-bases?code=gdpr-6-1-a', admin)).data.items[0];
    const activity = await make(app, 'processing-activities', {
      name: 'API6 activity',
      purposes: [{ purposeId: purpose.id, legalBasisIds: [consent.id] }],
    });
    const blocked = await send(app, 'DELETE', `/v1/purposes/${purpose.id}`, admin);
    assertProblem(t, blocked, 409, 'STILL_REFERENCED', 'deleting a purpose an activity links to');
    t.same(
      blocked.data.referencedBy?.map((r: any) => r.id),
      [activity.id],
      'the problem names what links to it',
    );
    t.equal((await send(app, 'GET', `/v1/purposes/${purpose.id}`, admin)).statusCode, 200, 'still there');

    const organisation = await make(app, 'organisations', { name: 'API6 organisation' });
    await make(app, 'privacy-policies', { name: 'API6 policy', organisationId: organisation.id, language: 'en' });
    assertProblem(
      t,
      await send(app, 'DELETE', `/v1/organisations/${organisation.id}`, admin),
      409,
      'STILL_REFERENCED',
      'deleting an organisation with a privacy policy',
    );

    for (const [method, payload] of [
      ['PATCH', { name: 'Agreement' }],
      ['DELETE', undefined],
    ] as const) {
      assertProblem(
        t,
        await send(app, method, `/v1/legal-bases/${consent.id}`, admin, payload),
        409,
        'READ_ONLY',
        `admin ${method} of a built-in legal basis`,
      );
    }
    assertProblem(
      t,
      await send(app, 'PATCH', `/v1/legal-bases/${consent.id}`, await tokenAs('editor'), { name: 'x' }),
      403,
      'FORBIDDEN',
      'editor PATCH of a legal basis',
    );
    const after = await send(app, 'GET', `/v1/legal-bases/${consent.id}`, admin);
    t.same([after.data.name, after.data.version], [consent.name, consent.version], 'the built-in basis is unchanged');
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      const url = method === 'POST' ? '/v1/data-subject-rights' : `/v1/data-subject-rights/${missing}`;
      t.equal(
        (await send(app, method, url, admin, method === 'DELETE' ? undefined : { name: 'x' })).statusCode,
        404,
        `no ${method} route for data subject rights`,
      );
    }

    // Concurrent editors cannot silently overwrite each other.
    assertProblem(
      t,
      await send(app, 'PATCH', `/v1/purposes/${purpose.id}`, admin, { description: 'blind' }, { 'if-match': '' }),
      428,
      'PRECONDITION_REQUIRED',
      'PATCH without If-Match',
    );
    assertProblem(
      t,
      await send(app, 'PATCH', `/v1/purposes/${purpose.id}`, admin, { description: 'stale' }, { 'if-match': '"stale"' }),
      412,
      'PRECONDITION_FAILED',
      'PATCH with a stale ETag',
    );
  },
);

// ---- API7 ----------------------------------------------------------------------------------------

t.test(
  'API7:2023 Server Side Request Forgery: jku/x5u/jwk headers are not followed, the JWKS URL only comes from configuration, redirects are not followed',
  async (t) => {
    const { app, idp, attacker, attackerKey, token, staleKeys } = await remoteJwks();
    t.equal((await send(app, 'GET', '/v1/purposes', token)).statusCode, 200, 'a token by the configured identity provider is accepted');
    const headers: Array<Record<string, unknown>> = [
      { kid: 'attacker-key', jku: attacker.url },
      { kid: 'attacker-key', x5u: attacker.url },
      { kid: attacker.url },
      { kid: '../../../../etc/passwd' },
      { kid: 'attacker-key', jwk: attackerKey.jwk },
      { jwk: attackerKey.jwk },
    ];
    for (const header of headers) {
      const forged = await sign(attackerKey.privateKey, 'EdDSA', {}, header);
      const response = await send(app, 'GET', '/v1/purposes', forged);
      assertProblem(t, response, 401, 'UNAUTHENTICATED', `attacker token with ${JSON.stringify(Object.keys(header))}`);
    }
    const idpKey = (await remoteJwks()).key;
    const genuine = await sign(idpKey.privateKey, 'EdDSA', {}, { kid: 'idp-key', jku: attacker.url, x5u: attacker.url });
    t.equal((await send(app, 'GET', '/v1/purposes', genuine)).statusCode, 200, 'a genuine token naming jku/x5u: the headers are ignored');
    t.same(attacker.state.requests, [], 'the attacker’s server received no request');
    t.ok(
      idp.state.requests.every((request) => request === 'GET /.well-known/jwks.json'),
      'only the configured JWKS URL was fetched',
    );

    // A redirect from the configured URL is not followed.
    staleKeys();
    idp.state.mode = 'redirect';
    idp.state.redirectTo = attacker.url;
    assertProblem(t, await send(app, 'GET', '/v1/purposes', token), 503, 'AUTH_KEYS_UNAVAILABLE', 'JWKS URL answering with a redirect');
    t.same(attacker.state.requests, [], 'the redirect target received no request');
    idp.state.mode = 'ok';
    t.equal((await send(app, 'GET', '/v1/purposes', token)).statusCode, 200, 'back to normal');

    for (const url of [
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_FLUSHALL',
      'ftp://example.org/jwks.json',
      '//evil.example/jwks.json',
      'javascript:alert(1)',
    ]) {
      t.throws(() => testConfig({ JWT_SECRET: '', JWT_JWKS_URL: url }), ConfigError, `JWT_JWKS_URL ${url} is refused`);
    }
  },
);

// ---- API8 ----------------------------------------------------------------------------------------

t.test('API8:2023 Security Misconfiguration: security headers everywhere, CORS only for configured origins, 5xx masked', async (t) => {
  const { app } = await shared();
  const admin = await tokenAs('admin');
  const probes: Array<[string, Response]> = [
    ['GET /v1/purposes 200', await send(app, 'GET', '/v1/purposes', admin)],
    ['GET /v1/purposes 401', await send(app, 'GET', '/v1/purposes', null)],
    ['GET /v1/purposes 403', await send(app, 'POST', '/v1/purposes', await tokenAs('reader'), { name: 'x' })],
    ['GET /v1/nothing 404', await send(app, 'GET', '/v1/nothing', admin)],
    [
      'POST malformed JSON 400',
      (await app.inject({
        method: 'POST',
        url: '/v1/purposes',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        payload: '{"name":',
      })) as Response,
    ],
    ['GET /docs/', await send(app, 'GET', '/docs/', null)],
    ['GET /docs/json', await send(app, 'GET', '/docs/json', null)],
    ['GET /health/live', await send(app, 'GET', '/health/live', null)],
  ];
  for (const [label, response] of probes) {
    const csp = String(response.headers['content-security-policy'] ?? '');
    t.match(csp, /default-src 'self'/, `${label}: CSP default-src 'self'`);
    t.match(csp, /frame-ancestors 'none'/, `${label}: CSP frame-ancestors 'none'`);
    t.equal(response.headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
    t.notOk(response.headers['x-powered-by'], `${label}: no X-Powered-By`);
    t.notOk(response.headers.server, `${label}: no Server header`);
    t.ok(response.headers['strict-transport-security'], `${label}: HSTS`);
    t.equal(response.headers['referrer-policy'], 'no-referrer', `${label}: Referrer-Policy`);
    t.notOk(response.headers['access-control-allow-origin'], `${label}: no CORS header (CORS_ORIGINS unset)`);
    t.notMatch(response.body, /\bat [\w.<>]+ \(|node_modules/, `${label}: no stack trace`);
    t.notOk(response.body.includes(repositoryRoot), `${label}: no path of the installation`);
  }
  const withOrigin = await send(app, 'GET', '/v1/purposes', admin, undefined, { origin: 'https://dpo.example' });
  t.notOk(withOrigin.headers['access-control-allow-origin'], 'CORS off: no Access-Control-Allow-Origin for any origin');
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/purposes',
    headers: { origin: 'https://dpo.example', 'access-control-request-method': 'POST' },
  });
  t.notOk(preflight.headers['access-control-allow-origin'], 'CORS off: preflight is not granted');
  t.equal((await app.inject({ method: 'TRACE', url: '/v1/purposes' })).statusCode, 404, 'TRACE is not served');

  // CORS_ORIGINS: only that origin, never a wildcard, never credentials.
  const cors = await buildTestApp(t, { ...quiet, CORS_ORIGINS: 'https://dpo.example' });
  const allowed = await send(cors, 'GET', '/v1/purposes', admin, undefined, { origin: 'https://dpo.example' });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://dpo.example', 'the configured origin is allowed');
  t.match(allowed.headers['access-control-expose-headers'], /Retry-After/i);
  t.notOk(allowed.headers['access-control-allow-credentials'], 'no credentials');
  const allowedPreflight = await cors.inject({
    method: 'OPTIONS',
    url: '/v1/purposes',
    headers: {
      origin: 'https://dpo.example',
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'authorization,if-match',
    },
  });
  t.equal(allowedPreflight.statusCode, 204, 'preflight from the configured origin');
  t.match(allowedPreflight.headers['access-control-allow-methods'], /PATCH/);
  t.match(allowedPreflight.headers['access-control-allow-headers'], /Authorization/i);
  for (const origin of ['https://evil.example', 'https://dpo.example.evil.example', 'http://dpo.example', 'null']) {
    const other = await send(cors, 'GET', '/v1/purposes', admin, undefined, { origin });
    t.notOk(other.headers['access-control-allow-origin'], `origin ${origin}: not allowed`);
    const otherPreflight = await cors.inject({
      method: 'OPTIONS',
      url: '/v1/purposes',
      headers: { origin, 'access-control-request-method': 'DELETE' },
    });
    t.notOk(otherPreflight.headers['access-control-allow-origin'], `origin ${origin}: preflight not granted`);
  }

  // Server errors are masked: no SQL, no stack, a request id.
  await app.dataSource.query('ALTER TABLE purposes RENAME COLUMN description TO description_api8');
  try {
    const broken = await send(app, 'GET', '/v1/purposes', admin);
    assertProblem(t, broken, 500, 'INTERNAL', 'a failing query');
    t.match(broken.data.detail, /request id/);
    t.notMatch(broken.body, /description|SELECT|column|relation|at \/|node_modules/, 'no internals in the 500');
  } finally {
    await app.dataSource.query('ALTER TABLE purposes RENAME COLUMN description_api8 TO description');
  }
  t.equal((await send(app, 'GET', '/v1/purposes', admin)).statusCode, 200, 'restored');
});

// ---- API9 ----------------------------------------------------------------------------------------

t.test(
  'API9:2023 Improper Inventory Management: every /v1 route is documented and every documented route is served; nothing else answers',
  async (t) => {
    const { app } = await shared();
    const admin = await tokenAs('admin');
    const spec = (await send(app, 'GET', '/docs/json', null)).data;
    const documented = Object.entries(spec.paths as Record<string, Record<string, any>>)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    const served = servedRoutes(app)
      .map(({ method, url }) => `${method} ${url}`)
      .filter((route) => route.split(' ')[1]!.startsWith('/v1/'))
      .sort();
    t.ok(served.length >= 57, `${served.length} /v1 routes served`);
    t.same(served, documented, 'the served /v1 routes are exactly the documented ones');
    for (const route of documented) {
      const [method, url] = route.split(' ') as [string, string];
      t.ok(app.hasRoute({ method: method as 'GET', url }), `${route} is served`);
      const operation = spec.paths[url.replace(/:(\w+)/g, '{$1}')][method.toLowerCase()];
      t.same(operation.security, [{ bearerAuth: [] }], `${route}: documents bearer authentication`);
      t.ok(Array.isArray(operation['x-roles']) && operation['x-roles'].length > 0, `${route}: documents its roles`);
    }
    t.ok(spec.info?.version, 'the API is versioned');

    for (const [method, url] of [
      ['GET', '/v1/unknown'],
      ['GET', '/v2/purposes'],
      ['GET', '/v0/purposes'],
      ['GET', '/api/purposes'],
      ['GET', '/v1/purposes/x/y'],
      ['PUT', '/v1/purposes/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/v1/purposes'],
      ['GET', '/admin'],
      ['GET', '/.env'],
      ['GET', '/debug'],
      ['GET', '/metrics'],
      ['GET', '/v1/internal/users'],
    ] as const) {
      const response = await send(app, method, url, admin);
      assertProblem(t, response, 404, 'ROUTE_NOT_FOUND', `${method} ${url}`);
    }
  },
);

// ---- API10 ---------------------------------------------------------------------------------------

t.test(
  'API10:2023 Unsafe Consumption of APIs: a failing or hostile JWKS endpoint gives 503, never a crash or a wrongly accepted token',
  async (t) => {
    const { app, idp, key, token, staleKeys } = await remoteJwks();
    t.equal((await send(app, 'GET', '/v1/purposes', token)).statusCode, 200);
    const privateJwk = {
      ...(await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).privateKey)),
      kid: 'idp-key',
      alg: 'EdDSA',
    };
    const junkJwk = { ...key.jwk, x: 'not-a-valid-key' };
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;

    const hostile: Array<[JwksMode, string, string]> = [
      ['500', '', 'HTTP 500'],
      ['html', '', 'an HTML page'],
      ['not-a-jwks', '', 'JSON that is not a key set'],
      ['body', JSON.stringify({ keys: [privateJwk] }), 'a key set with private key material'],
      ['body', JSON.stringify({ keys: [junkJwk] }), 'a key that is not a key'],
      ['body', `{"keys":${deep}}`, '5000 levels of nesting'],
      ['hang', '', 'no answer within JWT_JWKS_TIMEOUT_MS'],
      ['trickle', '', 'headers, then a body that never ends'],
    ];
    for (const [mode, body, label] of hostile) {
      idp.state.mode = mode;
      idp.state.body = body;
      staleKeys(); // past the cache age of whatever the last fetch brought
      const fetches = idp.state.requests.length;
      // hang and trickle never finish an answer: the 503 comes from JWT_JWKS_TIMEOUT_MS ending the fetch.
      const response = await send(app, 'GET', '/v1/purposes', token);
      assertProblem(t, response, 503, 'AUTH_KEYS_UNAVAILABLE', label);
      t.equal(idp.state.requests.length, fetches + 1, `${label}: fetched once`);
      t.equal((await send(app, 'GET', '/health/live', null)).statusCode, 200, `${label}: the app still answers`);
    }
    idp.state.mode = 'body';
    idp.state.body = '{"keys":[]}';
    staleKeys();
    assertProblem(
      t,
      await send(app, 'GET', '/v1/purposes', token),
      401,
      'UNAUTHENTICATED',
      'an empty key set: the token cannot be verified',
    );

    idp.state.mode = 'ok';
    staleKeys(); // past the cache age and cooldown after the empty set
    t.equal((await send(app, 'GET', '/v1/purposes', token)).statusCode, 200, 'recovers once the key set is sane again');
  },
);
