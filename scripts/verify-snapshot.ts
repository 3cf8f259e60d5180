import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';

const usage = `usage: npm run verify-snapshot -- <snapshot.jws | snapshot.json> (--jwks <jwks.json> | --url <https://…/v1/register/snapshots/jwks.json> [--token <bearer token>]) [--sha256 <hex>]

Verifies a register snapshot offline: its EdDSA signature against the service's public keys (a
saved JWKS file, or fetched from --url), and its SHA-256 when --sha256 (or the snapshot's JSON
form) names one. Exit code 0: valid; 1: invalid or tampered; 2: usage or I/O error.`;

class UsageError extends Error {}

async function loadJwks(values: { jwks?: string; url?: string; token?: string }): Promise<JSONWebKeySet> {
  if (values.jwks && values.url) throw new UsageError('give --jwks or --url, not both');
  if (values.jwks) return JSON.parse(readFileSync(values.jwks, 'utf8')) as JSONWebKeySet;
  if (values.url) {
    const response = await fetch(values.url, { headers: values.token ? { authorization: `Bearer ${values.token}` } : {} });
    if (!response.ok)
      throw new UsageError(`GET ${values.url} answered ${response.status}${response.status === 401 ? ' (pass --token)' : ''}`);
    return (await response.json()) as JSONWebKeySet;
  }
  throw new UsageError('the public keys are needed: --jwks <file> or --url <jwks url>');
}

/** The file as saved by `Accept: application/jose` (the bare JWS) or as the JSON snapshot ({ jws, sha256, … }). */
function readSnapshot(file: string): { jws: string; sha256?: string } {
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { jws?: unknown; sha256?: unknown };
    if (typeof parsed.jws !== 'string') throw new UsageError(`${file} is JSON without a "jws" string`);
    return { jws: parsed.jws, sha256: typeof parsed.sha256 === 'string' ? parsed.sha256 : undefined };
  }
  return { jws: text };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      jwks: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      sha256: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('name exactly one snapshot file');
  const snapshot = readSnapshot(positionals[0]!);
  const jwks = await loadJwks(values);
  const expectedSha256 = (values.sha256 ?? snapshot.sha256)?.toLowerCase();

  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Uint8Array;
  try {
    header = decodeProtectedHeader(snapshot.jws);
    ({ payload } = await compactVerify(snapshot.jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] }));
  } catch (error) {
    console.error(`INVALID: the signature does not verify (${(error as Error).message})`);
    return 1;
  }
  const sha256 = createHash('sha256').update(payload).digest('hex');
  if (expectedSha256 && expectedSha256 !== sha256) {
    console.error(`INVALID: the payload's SHA-256 is ${sha256}, not the expected ${expectedSha256}`);
    return 1;
  }
  console.log(`valid: signed with ${header.alg} key "${header.kid}"`);
  console.log(`sha256: ${sha256}${expectedSha256 ? ' (as expected)' : ''}`);
  console.log(`payload: ${payload.length} bytes`);
  try {
    const register = JSON.parse(Buffer.from(payload).toString('utf8'));
    const totals = register.totals ?? {};
    console.log(`register generated at: ${register.generatedAt}`);
    console.log(
      `activities: ${totals.activities} (controller ${totals.controllerActivities}, processor ${totals.processorActivities}); organisations: ${register.organisations?.length}; legal bases: ${register.legalBases?.length}`,
    );
  } catch {
    console.log('payload is not a register export (not JSON)');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${usage}` : `error: ${(error as Error).message}`);
    process.exit(2);
  },
);
