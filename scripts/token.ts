import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { developmentSecret } from '../src/auth/keys';
import { roles, type Role } from '../src/auth/permissions';
import { mintToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config';

const usage = `usage: npm run token -- --role <${roles.join('|')}> [--role …] [--ttl 1h] [--sub name]`;

/** Parses 90, 90s, 30m, 12h or 7d into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new Error(`--ttl must look like 3600, 30m, 1h or 7d (got "${text}")`);
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}

/**
 * `npm run token -- --role auditor --ttl 1h` prints a token the service accepts: signed with
 * JWT_SECRET, or with the development secret the service generated in DATA_DIR.
 */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({
    options: { role: { type: 'string', multiple: true }, ttl: { type: 'string', default: '1h' }, sub: { type: 'string' } },
  });
  const wanted = values.role ?? [];
  const unknown = wanted.filter((role) => !roles.includes(role as Role));
  if (wanted.length === 0 || unknown.length > 0) throw new Error(`${unknown.length ? `unknown role ${unknown.join(', ')}; ` : ''}${usage}`);
  const config = loadConfig();
  if (config.JWT_JWKS_URL || config.JWT_JWKS || config.JWT_PUBLIC_KEY) {
    throw new Error('The service verifies tokens with public keys: get tokens from the identity provider that holds the private key.');
  }
  if (!config.JWT_SECRET && config.NODE_ENV === 'production') throw new Error('No JWT_SECRET configured.');
  if (!config.JWT_SECRET && config.DATA_DIR === 'memory://')
    throw new Error('DATA_DIR=memory:// keeps the development secret in memory only: set JWT_SECRET.');
  const secret = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : developmentSecret(config.DATA_DIR);
  const token = await mintToken(
    secret,
    { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, rolesClaim: config.JWT_ROLES_CLAIM },
    { sub: values.sub ?? `cli-${wanted.join('-')}`, roles: wanted as Role[], ttlSeconds: parseTtl(values.ttl!) },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
