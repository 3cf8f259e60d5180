import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import t from 'tap';
import { buildApp } from '../../src/app';
import { ConfigError } from '../../src/config';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, call, createTestDatabase, testConfig, tokenFor } from '../helper';
import { registerSchemaValidator, sharedWoktronApp } from '../support/register-fixtures';

// Signed snapshots: POST freezes the register export as a JWS (EdDSA, kid), GET lists and fetches
// them, the JWKS verifies them — and fails on any changed byte — also from the command line.

const cli = join(__dirname, '..', '..', 'dist', 'scripts', 'verify-snapshot.js');

/** One app with the Woktron register for the tests that only read it. */
const seeded = sharedWoktronApp(t);

async function snapshot(app: FastifyInstance, sub = 'auditor@example.com') {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/register/snapshots',
    headers: { authorization: `Bearer ${await tokenFor(app, 'auditor', { sub })}` },
  });
  if (response.statusCode !== 201) throw new Error(`${response.statusCode}: ${response.body}`);
  return Object.assign(response, { data: JSON.parse(response.body) });
}

async function jwksOf(app: FastifyInstance): Promise<JSONWebKeySet> {
  const response = await call(app, 'GET', '/v1/register/snapshots/jwks.json', undefined, 'reader');
  if (response.statusCode !== 200) throw new Error(`${response.statusCode}: ${response.body}`);
  return response.data;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** The JWS with one byte of its payload (or signature) changed. */
function tamper(jws: string, part: 'payload' | 'signature', index = 10): string {
  const parts = jws.split('.');
  const which = part === 'payload' ? 1 : 2;
  const bytes = Buffer.from(parts[which]!, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  parts[which] = b64(bytes);
  return parts.join('.');
}

t.test('a snapshot is the signed JSON export, with its SHA-256, and verifies with the JWKS', async (t) => {
  const app = await seeded();
  const created = await snapshot(app);
  t.equal(created.statusCode, 201);
  const body = created.data;
  t.equal(created.headers.location, `/v1/register/snapshots/${body.id}`);
  t.match(body, {
    id: String,
    createdBy: 'auditor@example.com',
    kid: String,
    sha256: /^[0-9a-f]{64}$/,
    jws: String,
    activityCount: woktronRegister.activities.length,
  });
  t.ok(Math.abs(Date.parse(body.createdAt) - Date.now()) < 60_000, 'createdAt is now');

  const header = decodeProtectedHeader(body.jws);
  t.equal(header.alg, 'EdDSA');
  t.equal(header.kid, body.kid, 'kid in the protected header');

  const jwks = await jwksOf(app);
  t.same(
    jwks.keys.map((key) => key.kid),
    [body.kid],
  );
  t.match(jwks.keys[0], { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', x: String });
  t.notOk('d' in jwks.keys[0]!, 'no private key material in the JWKS');

  const keys = createLocalJWKSet(jwks);
  const { payload } = await compactVerify(body.jws, keys, { algorithms: ['EdDSA'] });
  t.equal(createHash('sha256').update(payload).digest('hex'), body.sha256, 'sha256 is the hex digest of the payload bytes');
  t.equal(payload.length, body.byteSize);
  const register = JSON.parse(Buffer.from(payload).toString('utf8'));
  t.ok(registerSchemaValidator()(register), 'the payload is a valid register export');
  t.equal(register.generatedAt, body.generatedAt);
  t.equal(register.controllerRegister.activities.length, woktronRegister.activities.length, 'every activity is in it');

  // The payload is what GET /v1/register says, but for the time it was made.
  const live = (await call(app, 'GET', '/v1/register?state=working', undefined, 'auditor')).data;
  t.same({ ...register, generatedAt: null }, { ...live, generatedAt: null });

  // One changed byte anywhere and it no longer verifies.
  for (const part of ['payload', 'signature'] as const) {
    for (const index of [0, 10, 40]) {
      await t.rejects(
        compactVerify(tamper(body.jws, part, index), keys, { algorithms: ['EdDSA'] }),
        `one byte of the ${part} changed (byte ${index}): rejected`,
      );
    }
  }
  const [protectedHeader, encodedPayload, signature] = body.jws.split('.');
  const otherPayload = b64(Buffer.from(JSON.stringify({ ...register, totals: { ...register.totals, activities: 0 } })));
  await t.rejects(
    compactVerify(`${protectedHeader}.${otherPayload}.${signature}`, keys),
    'another payload under the same signature: rejected',
  );
  await t.rejects(
    compactVerify(`${b64(Buffer.from(JSON.stringify({ alg: 'none', kid: body.kid })))}.${encodedPayload}.`, keys, {
      algorithms: ['EdDSA'],
    }),
    'alg none: rejected',
  );
});

t.test('snapshots are listed without payloads and fetched as JSON or as the bare JWS', async (t) => {
  const app = await seeded();
  const first = (await snapshot(app, 'first@example.com')).data;
  const second = (await snapshot(app, 'second@example.com')).data;
  t.not(first.id, second.id);

  const list = await call(app, 'GET', '/v1/register/snapshots?limit=2', undefined, 'auditor');
  t.equal(list.statusCode, 200);
  t.ok(list.data.total >= 2);
  t.same(
    list.data.items.map((item: any) => item.id),
    [second.id, first.id],
    'newest first',
  );
  t.notOk('jws' in list.data.items[0], 'no payloads in the list');
  const { jws: _jws, ...summary } = second;
  t.same(list.data.items[0], summary, 'the snapshot without its JWS');
  const mine = await call(app, 'GET', '/v1/register/snapshots?createdBy=first@example.com', undefined, 'admin');
  t.same(
    mine.data.items.map((item: any) => item.id),
    [first.id],
  );

  const one = await call(app, 'GET', `/v1/register/snapshots/${first.id}`, undefined, 'auditor');
  t.equal(one.statusCode, 200);
  t.same(one.data, first, 'the same snapshot, JWS and SHA-256 included');

  const raw = await app.inject({
    method: 'GET',
    url: `/v1/register/snapshots/${first.id}`,
    headers: { ...(await authHeader(app, 'auditor')), accept: 'application/jose' },
  });
  t.equal(raw.statusCode, 200);
  t.match(raw.headers['content-type'], /^application\/jose/);
  t.equal(raw.headers['content-disposition'], `attachment; filename="register-snapshot-${first.createdAt.slice(0, 10)}-${first.id}.jws"`);
  t.equal(raw.body, first.jws, 'the bare compact JWS');

  t.equal((await call(app, 'GET', '/v1/register/snapshots/00000000-0000-4000-8000-000000000000', undefined, 'auditor')).statusCode, 404);
  t.equal((await call(app, 'GET', '/v1/register/snapshots/not-a-uuid', undefined, 'auditor')).statusCode, 400);
  const withBody = await call(app, 'POST', '/v1/register/snapshots', { label: 'x' }, 'auditor');
  t.equal(withBody.statusCode, 400, 'a snapshot takes no parameters');
  t.equal(withBody.data.code, 'VALIDATION_FAILED');
  t.equal((await call(app, 'POST', '/v1/register/snapshots', {}, 'auditor')).statusCode, 201, 'an empty JSON object is no parameters');
});

t.test('who may: auditors and admins make and read snapshots; every role fetches the JWKS', async (t) => {
  const app = await seeded();
  for (const role of ['reader', 'editor'] as const) {
    const created = await call(app, 'POST', '/v1/register/snapshots', undefined, role);
    t.equal(created.statusCode, 403, `${role} may not make a snapshot`);
    t.equal(created.data.code, 'FORBIDDEN');
    t.equal((await call(app, 'GET', '/v1/register/snapshots', undefined, role)).statusCode, 403, `${role} may not list snapshots`);
  }
  for (const role of ['auditor', 'admin'] as const) {
    t.equal((await call(app, 'POST', '/v1/register/snapshots', undefined, role)).statusCode, 201, `${role} makes a snapshot`);
    t.equal((await call(app, 'GET', '/v1/register/snapshots', undefined, role)).statusCode, 200, `${role} lists snapshots`);
  }
  for (const role of ['reader', 'auditor', 'editor', 'admin'] as const) {
    t.equal((await call(app, 'GET', '/v1/register/snapshots/jwks.json', undefined, role)).statusCode, 200, `${role} fetches the JWKS`);
  }
  t.equal((await call(app, 'GET', '/v1/register/snapshots/jwks.json', undefined, null)).statusCode, 401, 'not without a token');
  const spec = (await call(app, 'GET', '/docs/json')).data;
  t.same(spec.paths['/v1/register/snapshots'].post['x-roles'], ['auditor', 'admin', 'dpo']);
  t.same(spec.paths['/v1/register'].get['x-roles'], ['reader', 'auditor', 'editor', 'admin', 'dpo', 'approver']);
});

t.test('the signing key is kept in the database: another instance signs with it and verifies old snapshots', async (t) => {
  const database = await createTestDatabase(t);
  const first = await buildApp(testConfig(), { database });
  await first.ready();
  const old = (await snapshot(first)).data;
  await first.close();

  const second = await buildApp(testConfig(), { database });
  await second.ready();
  t.teardown(() => second.close());
  const again = (await snapshot(second)).data;
  t.equal(again.kid, old.kid, 'the same generated key after a restart');
  const keys = createLocalJWKSet(await jwksOf(second));
  await compactVerify(old.jws, keys, { algorithms: ['EdDSA'] });
  t.pass('the old snapshot verifies with the new instance’s JWKS');
  const [{ privateKeyPem }] = await database.dataSource.query(`SELECT private_key_pem AS "privateKeyPem" FROM register_signing_keys`);
  t.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----/, 'stored as PKCS8 PEM');

  // A configured key takes over; the generated one stays in the JWKS so old snapshots still verify.
  const configured = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const third = await buildApp(
    testConfig({ SNAPSHOT_SIGNING_KEY: configured.replace(/\n/g, '\\n'), SNAPSHOT_SIGNING_KID: 'register-2026-11' }),
    { database },
  );
  await third.ready();
  t.teardown(() => third.close());
  const signed = (await snapshot(third)).data;
  t.equal(signed.kid, 'register-2026-11');
  t.equal(decodeProtectedHeader(signed.jws).kid, 'register-2026-11');
  const jwks = await jwksOf(third);
  t.same(
    jwks.keys.map((key) => key.kid),
    [old.kid, 'register-2026-11'],
    'both keys in the JWKS',
  );
  const all = createLocalJWKSet(jwks);
  await compactVerify(old.jws, all, { algorithms: ['EdDSA'] });
  await compactVerify(signed.jws, all, { algorithms: ['EdDSA'] });
  t.pass('old and new snapshots verify');
  const [{ stored }] = await database.dataSource.query(
    `SELECT private_key_pem AS stored FROM register_signing_keys WHERE kid = 'register-2026-11'`,
  );
  t.equal(stored, null, 'a configured private key is never written to the database');

  // The same kid for another key is refused: it would break verification of the old snapshots.
  const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await t.rejects(
    buildApp(testConfig({ SNAPSHOT_SIGNING_KEY: other, SNAPSHOT_SIGNING_KID: 'register-2026-11' }), { database }),
    /SNAPSHOT_SIGNING_KID "register-2026-11" already names another public key/,
    'start-up refuses it',
  );
});

t.test('a signing key that is not Ed25519, or a kid without a key, stops start-up', async (t) => {
  const database = await createTestDatabase(t);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await t.rejects(buildApp(testConfig({ SNAPSHOT_SIGNING_KEY: rsa }), { database }), ConfigError);
  await t.rejects(
    buildApp(testConfig({ SNAPSHOT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' }), { database }),
    /SNAPSHOT_SIGNING_KEY/,
  );
  await t.rejects(
    buildApp(testConfig({ SNAPSHOT_SIGNING_KID: 'lonely' }), { database }),
    /SNAPSHOT_SIGNING_KID is set but SNAPSHOT_SIGNING_KEY is not/,
  );
});

t.test(
  'npm run verify-snapshot: exit 0 with the sha256 for a valid file, non-zero when one byte changed',
  { skip: existsSync(cli) ? false : `${cli} missing: run npm run build` },
  async (t) => {
    const app = await seeded();
    const made = (await snapshot(app)).data;
    const dir = mkdtempSync(join(tmpdir(), 'verify-snapshot-'));
    const file = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const jwks = file('jwks.json', JSON.stringify(await jwksOf(app)));
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });

    const valid = run(file('snapshot.jws', `${made.jws}\n`), '--jwks', jwks);
    t.equal(valid.status, 0, `valid: ${valid.stderr}`);
    t.match(valid.stdout, new RegExp(`sha256: ${made.sha256}`));
    t.match(valid.stdout, new RegExp(`signed with EdDSA key "${made.kid}"`));
    t.match(
      valid.stdout,
      new RegExp(`activities: ${woktronRegister.activities.length} \\(controller ${woktronRegister.activities.length}, processor 0\\)`),
    );

    const asJson = run(file('snapshot.json', JSON.stringify(made)), '--jwks', jwks);
    t.equal(asJson.status, 0, 'the JSON form (with its sha256) verifies too');
    t.match(asJson.stdout, /\(as expected\)/);

    for (const part of ['payload', 'signature'] as const) {
      const tampered = run(file(`tampered-${part}.jws`, tamper(made.jws, part)), '--jwks', jwks);
      t.equal(tampered.status, 1, `one byte of the ${part} changed: exit 1`);
      t.match(tampered.stderr, /^INVALID/);
    }
    const wrongHash = run(file('hash.jws', made.jws), '--jwks', jwks, '--sha256', '0'.repeat(64));
    t.equal(wrongHash.status, 1, 'a different expected sha256: exit 1');
    const impostor = { ...(await jwksOf(app)).keys[0], x: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x };
    const otherKey = run(file('other.jws', made.jws), '--jwks', file('other-jwks.json', JSON.stringify({ keys: [impostor] })));
    t.equal(otherKey.status, 1, 'another key under the same kid: exit 1');
    const usage = run(file('x.jws', made.jws));
    t.equal(usage.status, 2, 'no keys given: usage error, exit 2');
    t.match(usage.stderr, /--jwks/);
  },
);
