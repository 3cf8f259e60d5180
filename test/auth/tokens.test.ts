import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import t, { type Test } from 'tap';
import { resolveVerificationKeys } from '../../src/auth/keys';
import { verifyToken } from '../../src/auth/tokens';
import { ConfigError } from '../../src/config';
import { buildTestApp, call, testConfig, testSecret } from '../helper';
import { manualClock } from '../support/clock';
import { edKey, jwksServer, remoteJwksApp } from '../support/jwks-server';

/**
 * Bearer-token verification: what is rejected (and how: 401 problem+json with a
 * WWW-Authenticate challenge, nothing stored), what is accepted, and where the keys come from:
 * an HS256 secret, a PEM public key, an inline JWKS and a remote JWKS (rotation, failures, SSRF).
 */

const issuer = 'processing-register';
const audience = 'processing-register-api';
const hsKey = new TextEncoder().encode(testSecret);
/** The event-loop check of under-pressure trips while PGlite loads on a busy machine; not under test here. */
const quiet = { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' };

const now = () => Math.floor(Date.now() / 1000);

type Claims = Record<string, unknown>;

/** The claims of a good token, with `overrides` applied; an `undefined` override removes the claim. */
function claims(overrides: Claims = {}): Claims {
  const all: Claims = { sub: 'token-tester', iss: issuer, aud: audience, iat: now(), exp: now() + 600, roles: ['admin'], ...overrides };
  for (const key of Object.keys(all)) if (all[key] === undefined) delete all[key];
  return all;
}

/** A signed JWT; the header defaults to { alg, typ: 'JWT' } and may carry anything else (kid, jku, …). */
function sign(key: Uint8Array | CryptoKey, alg: string, overrides: Claims = {}, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims(overrides)).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);
}

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
const decode = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));

async function get(app: FastifyInstance, url: string, authorization?: string): Promise<LightMyRequestResponse & { data: any }> {
  const response = await app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });
  return Object.assign(response, { data: response.body ? JSON.parse(response.body) : undefined });
}

/** A 401 as the API promises it: problem+json, a stable code and a Bearer challenge. */
function assertUnauthenticated(t: Test, response: LightMyRequestResponse & { data: any }, label: string, tokenSent = true) {
  t.equal(response.statusCode, 401, `${label}: 401`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
  t.equal(response.data?.code, 'UNAUTHENTICATED', `${label}: code UNAUTHENTICATED`);
  const challenge = String(response.headers['www-authenticate'] ?? '');
  t.match(challenge, /^Bearer realm="processing-register"/, `${label}: WWW-Authenticate Bearer challenge`);
  if (tokenSent) t.match(challenge, /error="invalid_token"/, `${label}: error="invalid_token"`);
  else t.notMatch(challenge, /error=/, `${label}: no error code when no token was sent`);
}

t.test(
  'HS256 secret: bad tokens are 401 problem+json with a challenge and change nothing; skew within tolerance is accepted',
  async (t) => {
    const app = await buildTestApp(t, quiet);
    const good = await sign(hsKey, 'HS256', { roles: ['reader'] });
    const [goodHeader, goodPayload, goodSignature] = good.split('.') as [string, string, string];
    const tampered = `${goodHeader}.${encode({ ...decode(goodPayload), roles: ['admin'] })}.${goodSignature}`;
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`;

    const bad: Array<[string, string | undefined]> = [
      ['no Authorization header', undefined],
      ['expired 2 minutes ago', `Bearer ${await sign(hsKey, 'HS256', { iat: now() - 600, exp: now() - 120 })}`],
      ['expired beyond the 30 s clock tolerance', `Bearer ${await sign(hsKey, 'HS256', { iat: now() - 600, exp: now() - 45 })}`],
      ['not valid before 10 minutes from now', `Bearer ${await sign(hsKey, 'HS256', { nbf: now() + 600 })}`],
      ['no exp', `Bearer ${await sign(hsKey, 'HS256', { exp: undefined })}`],
      ['no sub', `Bearer ${await sign(hsKey, 'HS256', { sub: undefined })}`],
      ['wrong issuer', `Bearer ${await sign(hsKey, 'HS256', { iss: 'https://evil.example' })}`],
      ['no issuer', `Bearer ${await sign(hsKey, 'HS256', { iss: undefined })}`],
      ['wrong audience', `Bearer ${await sign(hsKey, 'HS256', { aud: 'some-other-api' })}`],
      ['no audience', `Bearer ${await sign(hsKey, 'HS256', { aud: undefined })}`],
      ['HS512 with the same secret (algorithm not pinned)', `Bearer ${await sign(hsKey, 'HS512')}`],
      ['alg none, unsigned', `Bearer ${unsigned}`],
      ['alg none with a signature part', `Bearer ${unsigned}${goodSignature}`],
      ['payload tampered after signing (roles → admin)', `Bearer ${tampered}`],
      ['signed with another secret', `Bearer ${await sign(new TextEncoder().encode('x'.repeat(48)), 'HS256')}`],
      ['garbage token', 'Bearer not-a-jwt'],
      ['three garbage parts', 'Bearer a.b.c'],
      ['Basic scheme', 'Basic xyz'],
      ['Basic scheme carrying a valid JWT', `Basic ${good}`],
      ['Bearer without a token', 'Bearer'],
      ['Bearer with two tokens', `Bearer ${good} ${good}`],
      ['empty header', ''],
    ];

    for (const [index, [label, authorization]] of bad.entries()) {
      const read = await get(app, '/v1/purposes', authorization);
      assertUnauthenticated(t, read, label, Boolean(authorization));
      t.notOk(authorization && authorization.length > 20 && read.body.includes(authorization.split(' ')[1]!), `${label}: token not echoed`);

      const name = `Written with a bad token ${index}`;
      const write = await app.inject({
        method: 'POST',
        url: '/v1/purposes',
        headers: authorization === undefined ? {} : { authorization },
        payload: { name },
      });
      t.equal(write.statusCode, 401, `${label}: write refused`);
    }
    const stored = await call(app, 'GET', '/v1/purposes?limit=100');
    t.equal(stored.statusCode, 200);
    t.equal(stored.data.total, 0, 'no write with a bad token stored anything');

    // Small clock skew is tolerated (JWT_CLOCK_TOLERANCE_S, default 30).
    const skewed = await sign(hsKey, 'HS256', { iat: now() - 600, exp: now() - 10, roles: ['reader'] });
    const tolerated = await get(app, '/v1/purposes', `Bearer ${skewed}`);
    t.equal(tolerated.statusCode, 200, 'exp 10 s ago is within the clock tolerance');
    const nbfSoon = await sign(hsKey, 'HS256', { nbf: now() + 10, roles: ['reader'] });
    t.equal((await get(app, '/v1/purposes', `Bearer ${nbfSoon}`)).statusCode, 200, 'nbf 10 s ahead is within the clock tolerance');

    // The good token and scheme variants that are legitimate.
    t.equal((await get(app, '/v1/purposes', `Bearer ${good}`)).statusCode, 200, 'the untampered token is accepted');
    t.equal((await get(app, '/v1/purposes', `bearer ${good}`)).statusCode, 200, 'the scheme is case-insensitive (RFC 9110)');
    const roleString = await sign(hsKey, 'HS256', { roles: 'reader' });
    t.equal((await get(app, '/v1/purposes', `Bearer ${roleString}`)).statusCode, 200, 'a roles string is accepted');
    const readerWrite = await app.inject({
      method: 'POST',
      url: '/v1/purposes',
      headers: { authorization: `Bearer ${good}` },
      payload: { name: 'x' },
    });
    t.equal(readerWrite.statusCode, 403, 'the untampered reader token is still only a reader');

    const reasons = await get(app, '/v1/purposes', `Bearer ${await sign(hsKey, 'HS256', { iat: now() - 600, exp: now() - 120 })}`);
    t.match(reasons.headers['www-authenticate'], /error_description="The token has expired\."/, 'the challenge says why, in general terms');
  },
);

/** Gives the running app another HS256 verification key; returns (and registers at teardown) the way back. */
async function swapVerificationKey(t: Test, app: FastifyInstance): Promise<() => void> {
  const { key } = app.auth.keys;
  app.auth.keys.key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode('y'.repeat(48)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const restore = () => {
    app.auth.keys.key = key;
  };
  t.teardown(restore);
  return restore;
}

t.test('a verified token is remembered for JWT_VERIFY_CACHE_MAX_AGE_MS, never past its expiry; a bad one never', async (t) => {
  const clock = manualClock();
  const app = await buildTestApp(t, { ...quiet, JWT_CLOCK_TOLERANCE_S: '0', JWT_VERIFY_CACHE_MAX_AGE_MS: '600' }, { clock });
  const longLived = await sign(hsKey, 'HS256', { roles: ['reader'] });
  const shortLived = await sign(hsKey, 'HS256', { roles: ['reader'], exp: now() + 2 });
  t.equal((await get(app, '/v1/purposes', `Bearer ${longLived}`)).statusCode, 200);
  t.equal((await get(app, '/v1/purposes', `Bearer ${shortLived}`)).statusCode, 200);
  for (const bad of ['a.b.c', await sign(new TextEncoder().encode('x'.repeat(48)), 'HS256')]) {
    assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${bad}`), 'a bad token');
  }
  t.equal(app.auth.verified.size, 2, 'the two good tokens are remembered, the bad ones are not');

  // The verification key changes under the running app: only tokens verified before still pass,
  // which shows they are not checked again (and that the cache is keyed by the whole token).
  const restoreKey = await swapVerificationKey(t, app);
  t.equal((await get(app, '/v1/purposes', `Bearer ${longLived}`)).statusCode, 200, 'a remembered token is not verified again');
  const fresh = await sign(hsKey, 'HS256', { roles: ['reader'], jti: 'another' });
  assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${fresh}`), 'a token not seen before is verified (against the new key)');
  const readerWrite = await app.inject({
    method: 'POST',
    url: '/v1/purposes',
    headers: { authorization: `Bearer ${longLived}` },
    payload: { name: 'x' },
  });
  t.equal(readerWrite.statusCode, 403, 'a remembered token keeps its roles, no more');

  clock.advance(700);
  assertUnauthenticated(
    t,
    await get(app, '/v1/purposes', `Bearer ${longLived}`),
    'after JWT_VERIFY_CACHE_MAX_AGE_MS the token is verified again',
  );
  restoreKey();
  t.equal((await get(app, '/v1/purposes', `Bearer ${longLived}`)).statusCode, 200, 'and passes again with the right key');

  t.equal((await get(app, '/v1/purposes', `Bearer ${shortLived}`)).statusCode, 200, 'the short-lived token, remembered');
  clock.advance((decode(shortLived.split('.')[1]!).exp as number) * 1000 - clock() + 1); // just past its exp
  const expired = await get(app, '/v1/purposes', `Bearer ${shortLived}`);
  assertUnauthenticated(t, expired, 'a remembered token past its exp');
  t.match(expired.headers['www-authenticate'], /The token has expired/);
});

t.test('JWT_VERIFY_CACHE_MAX_AGE_MS=0: every request verifies its token', async (t) => {
  const app = await buildTestApp(t, { ...quiet, JWT_VERIFY_CACHE_MAX_AGE_MS: '0' });
  const token = await sign(hsKey, 'HS256', { roles: ['reader'] });
  t.equal((await get(app, '/v1/purposes', `Bearer ${token}`)).statusCode, 200);
  t.equal(app.auth.verified.size, 0);
  await swapVerificationKey(t, app);
  assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${token}`), 'verified again, against the new key');
});

t.test('key configuration is validated when the app starts', async (t) => {
  const base = { NODE_ENV: 'development' as const, DATA_DIR: 'memory://', JWT_JWKS_TIMEOUT_MS: 3000, JWT_JWKS_CACHE_MAX_AGE_MS: 600000 };
  const { publicKey } = await generateKeyPair('RS256');
  const pem = await exportSPKI(publicKey);
  await t.rejects(resolveVerificationKeys({ ...base, JWT_PUBLIC_KEY: pem }, Date.now), ConfigError, 'a public key needs JWT_ALGORITHMS');
  await t.rejects(
    resolveVerificationKeys({ ...base, JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'HS256' }, Date.now),
    ConfigError,
    'a public key with HS256 is refused',
  );
  await t.rejects(
    resolveVerificationKeys({ ...base, JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'RS256,EdDSA' }, Date.now),
    ConfigError,
    'exactly one algorithm',
  );
  await t.rejects(
    resolveVerificationKeys({ ...base, JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'EdDSA' }, Date.now),
    ConfigError,
    'an RSA key is not an EdDSA key',
  );
  await t.rejects(resolveVerificationKeys({ ...base, JWT_JWKS: '{not json' }, Date.now), ConfigError, 'an inline JWKS must be JSON');
  await t.rejects(
    resolveVerificationKeys({ ...base, JWT_JWKS: '{"keys":"none"}' }, Date.now),
    ConfigError,
    'an inline JWKS must be a key set',
  );
  t.throws(() => testConfig({ JWT_SECRET: 'too-short' }), ConfigError, 'a secret under 32 characters is refused');
  t.throws(() => testConfig({ JWT_JWKS_URL: 'file:///etc/passwd' }), ConfigError, 'a JWKS URL must be http(s)');
  t.throws(() => testConfig({ JWT_ALGORITHMS: 'none' }), ConfigError, 'alg none cannot be configured');
  t.throws(() => testConfig({ JWT_ALGORITHMS: 'HS512' }), ConfigError, 'only the listed algorithms can be configured');
  const secret = await resolveVerificationKeys({ ...base, JWT_SECRET: testSecret, JWT_ALGORITHMS: 'RS256' }, Date.now);
  t.same(secret.algorithms, ['HS256'], 'a secret only ever verifies HS256');
});

t.test('PEM public key (RS256): RS256 tokens are accepted, the HS256/RS256 key confusion attack is not', async (t) => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const pem = await exportSPKI(publicKey);
  const app = await buildTestApp(t, { ...quiet, JWT_SECRET: '', JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'RS256' });
  t.equal(app.auth.keys.source, 'public-key');

  const good = await sign(privateKey, 'RS256');
  t.equal((await get(app, '/v1/purposes', `Bearer ${good}`)).statusCode, 200, 'an RS256 token by the configured key is accepted');
  const created = await app.inject({
    method: 'POST',
    url: '/v1/purposes',
    headers: { authorization: `Bearer ${good}` },
    payload: { name: 'By RS256' },
  });
  t.equal(created.statusCode, 201, 'and its roles apply');

  const pemBytes = new TextEncoder().encode(pem);
  const pemTrimmed = new TextEncoder().encode(pem.trim());
  const other = await generateKeyPair('RS256');
  const attacks: Array<[string, string]> = [
    ['HS256 signed with the PEM text as HMAC secret', await sign(pemBytes, 'HS256')],
    ['HS256 signed with the trimmed PEM text as HMAC secret', await sign(pemTrimmed, 'HS256')],
    ['HS256 signed with the test secret', await sign(hsKey, 'HS256')],
    ['RS256 signed by another key', await sign(other.privateKey, 'RS256')],
    ['PS256 (not configured)', await sign((await generateKeyPair('PS256')).privateKey, 'PS256')],
    ['RS256 but expired', await sign(privateKey, 'RS256', { iat: now() - 600, exp: now() - 120 })],
  ];
  for (const [label, token] of attacks) {
    assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${token}`), label);
    const write = await app.inject({
      method: 'POST',
      url: '/v1/purposes',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: label },
    });
    t.equal(write.statusCode, 401, `${label}: write refused`);
  }
  const list = await get(app, '/v1/purposes?limit=100', `Bearer ${good}`);
  t.same(
    list.data.items.map((p: any) => p.name),
    ['By RS256'],
    'only the legitimate write was stored',
  );
});

t.test('inline JWKS (EdDSA, two keys): both kids are accepted, unknown or missing kids are not', async (t) => {
  const a = await generateKeyPair('EdDSA');
  const b = await generateKeyPair('EdDSA');
  const c = await generateKeyPair('EdDSA');
  const jwks = {
    keys: [
      { ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'EdDSA', use: 'sig' },
      { ...(await exportJWK(b.publicKey)), kid: 'b', alg: 'EdDSA', use: 'sig' },
    ],
  };
  const app = await buildTestApp(t, { ...quiet, JWT_SECRET: '', JWT_JWKS: JSON.stringify(jwks), JWT_ALGORITHMS: 'EdDSA' });
  t.equal(app.auth.keys.source, 'jwks');

  t.equal(
    (await get(app, '/v1/purposes', `Bearer ${await sign(a.privateKey, 'EdDSA', {}, { kid: 'a' })}`)).statusCode,
    200,
    'kid a accepted',
  );
  t.equal(
    (await get(app, '/v1/purposes', `Bearer ${await sign(b.privateKey, 'EdDSA', {}, { kid: 'b' })}`)).statusCode,
    200,
    'kid b accepted',
  );

  const rejected: Array<[string, string]> = [
    ['unknown kid c', await sign(c.privateKey, 'EdDSA', {}, { kid: 'c' })],
    ['kid a but signed by key b', await sign(b.privateKey, 'EdDSA', {}, { kid: 'a' })],
    ['kid a but signed by an unknown key', await sign(c.privateKey, 'EdDSA', {}, { kid: 'a' })],
    ['no kid with two keys in the set', await sign(a.privateKey, 'EdDSA')],
    ['HS256 token', await sign(hsKey, 'HS256', {}, { kid: 'a' })],
    ['embedded jwk header with the attacker key', await sign(c.privateKey, 'EdDSA', {}, { jwk: await exportJWK(c.publicKey) })],
  ];
  for (const [label, token] of rejected) {
    assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${token}`), label);
  }
  const unknownKid = await get(app, '/v1/purposes', `Bearer ${rejected[0]![1]}`);
  t.match(unknownKid.data.detail, /key that is not known/);
});

// ---- remote JWKS ------------------------------------------------------------------------------

t.test('remote JWKS: keys by kid, rotation after the cache age, failures are 503 and never a crash, jku/x5u not followed', async (t) => {
  const key1 = await edKey('key-1');
  const key2 = await edKey('key-2');
  const attackerKey = await edKey('attacker');
  const idp = await jwksServer(t, { keys: [key1.jwk] });
  const attacker = await jwksServer(t, { keys: [attackerKey.jwk] });
  const { app, clock } = await remoteJwksApp(t, idp.url);
  t.equal(app.auth.keys.source, 'remote-jwks');
  t.same(idp.state.requests, [], 'nothing is fetched before a token needs it');

  const token1 = await sign(key1.privateKey, 'EdDSA', {}, { kid: 'key-1' });
  const token2 = await sign(key2.privateKey, 'EdDSA', {}, { kid: 'key-2' });
  t.equal((await get(app, '/v1/purposes', `Bearer ${token1}`)).statusCode, 200, 'token by key 1 accepted');
  t.equal((await get(app, '/v1/purposes', `Bearer ${token1}`)).statusCode, 200, 'and again');
  t.equal(idp.state.requests.length, 1, 'the key set is cached');
  t.match(idp.state.requests[0], /^GET \/\.well-known\/jwks\.json$/);

  // Rotation: the identity provider now publishes key 2 only.
  idp.state.jwks = { keys: [key2.jwk] };
  assertUnauthenticated(
    t,
    await get(app, '/v1/purposes', `Bearer ${token2}`),
    'key 2 within the cache age: the cached set has no such key',
  );
  t.equal(idp.state.requests.length, 1, 'and within the cooldown the unknown kid does not refetch');
  clock.advance(1000); // the cache age (and the cooldown, min(30 s, cache age)) is over
  t.equal((await get(app, '/v1/purposes', `Bearer ${token2}`)).statusCode, 200, 'token by key 2 accepted after the rotation');
  assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${token1}`), 'token by the retired key 1');

  // Header-named key locations are never followed (SSRF): not the attacker's, not even for a valid signature.
  for (const header of [{ jku: attacker.url }, { x5u: attacker.url }, { jku: attacker.url, x5u: attacker.url }]) {
    const forged = await sign(attackerKey.privateKey, 'EdDSA', {}, { kid: 'attacker', ...header });
    assertUnauthenticated(t, await get(app, '/v1/purposes', `Bearer ${forged}`), `attacker token with ${Object.keys(header).join('+')}`);
    const genuine = await sign(key2.privateKey, 'EdDSA', {}, { kid: 'key-2', ...header });
    t.equal(
      (await get(app, '/v1/purposes', `Bearer ${genuine}`)).statusCode,
      200,
      `genuine token with ${Object.keys(header).join('+')}: header ignored`,
    );
  }
  t.same(attacker.state.requests, [], 'the server named in jku/x5u received no request');

  // The key set failing: 503 AUTH_KEYS_UNAVAILABLE, not 401 and not 500.
  clock.advance(1000); // the cached set goes stale: every request fetches
  idp.state.redirectTo = attacker.url;
  for (const mode of ['500', 'html', 'not-a-jwks', 'hang', 'redirect'] as const) {
    idp.state.mode = mode;
    const before = idp.state.requests.length;
    const response = await get(app, '/v1/purposes', `Bearer ${token2}`);
    t.equal(response.statusCode, 503, `${mode}: 503`);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${mode}: problem+json`);
    t.equal(response.data.code, 'AUTH_KEYS_UNAVAILABLE', `${mode}: AUTH_KEYS_UNAVAILABLE`);
    t.ok(idp.state.requests.length > before, `${mode}: the key set was fetched`);
    t.equal((await get(app, '/health/live')).statusCode, 200, `${mode}: the app still answers`);
  }
  t.same(attacker.state.requests, [], 'a redirect from the JWKS URL is not followed');
  assertUnauthenticated(t, await get(app, '/v1/purposes', 'Bearer a.b.c'), 'a malformed token is still 401 while the keys are down');

  idp.state.mode = 'ok';
  t.equal((await get(app, '/v1/purposes', `Bearer ${token2}`)).statusCode, 200, 'recovers once the key set answers again');

  // A stale key set is fetched once, however many requests need it at the same moment.
  clock.advance(1000);
  const before = idp.state.requests.length;
  const together = await Promise.all(Array.from({ length: 5 }, () => get(app, '/v1/purposes', `Bearer ${token2}`)));
  t.same(
    together.map((response) => response.statusCode),
    [200, 200, 200, 200, 200],
  );
  t.equal(idp.state.requests.length, before + 1, 'five concurrent requests, one fetch');
});

t.test('the units claim: an array or a space-separated string of keys, under the configured name only', async (t) => {
  const config = testConfig({ JWT_UNITS_CLAIM: 'departments' });
  t.equal(config.JWT_UNITS_CLAIM, 'departments');
  t.equal(testConfig().JWT_UNITS_CLAIM, 'units', 'the default name');
  const keys = await resolveVerificationKeys(config, Date.now);
  const settings = { issuer, audience, clockToleranceSeconds: 30, rolesClaim: 'roles', unitsClaim: 'departments', clock: Date.now };
  const cases: [unknown, string[]][] = [
    [
      ['hr', 'sales', 'hr'],
      ['hr', 'sales'],
    ],
    ['hr  sales', ['hr', 'sales']],
    [['hr', 7, null, ''], ['hr']],
    [undefined, []],
    [42, []],
  ];
  for (const [value, expected] of cases) {
    const token = await sign(hsKey, 'HS256', { departments: value });
    t.same((await verifyToken(token, keys, settings)).principal.units, expected, `departments: ${JSON.stringify(value)}`);
  }
  const other = await sign(hsKey, 'HS256', { units: ['hr'] });
  t.same((await verifyToken(other, keys, settings)).principal.units, [], 'another claim is not read');
});
