import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, importSPKI, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock';
import { ConfigError, type Config } from '../config';
import { remoteKeySet } from './remote-key-set';

export type AuthConfig = Pick<
  Config,
  | 'NODE_ENV'
  | 'DATA_DIR'
  | 'JWT_SECRET'
  | 'JWT_PUBLIC_KEY'
  | 'JWT_JWKS'
  | 'JWT_JWKS_URL'
  | 'JWT_ALGORITHMS'
  | 'JWT_JWKS_TIMEOUT_MS'
  | 'JWT_JWKS_CACHE_MAX_AGE_MS'
>;

/** What tokens are checked against: one key, or a key set chosen by the token's `kid`. */
export interface VerificationKeys {
  source: 'secret' | 'public-key' | 'jwks' | 'remote-jwks' | 'development-secret';
  key: Uint8Array | CryptoKey | JWTVerifyGetKey;
  algorithms: string[];
  /** Only for HS256 secrets (configured or development): lets the service mint tokens. */
  secret?: Uint8Array;
}

const asymmetric = ['EdDSA', 'ES256', 'RS256'];

function algorithmsFrom(config: AuthConfig, fallback: string[]): string[] {
  const algorithms =
    config.JWT_ALGORITHMS?.split(',')
      .map((a) => a.trim())
      .filter(Boolean) ?? fallback;
  return algorithms;
}

/** The development secret lives in DATA_DIR, so `npm run token` mints tokens the server accepts. */
export function developmentSecret(dataDir: string): Uint8Array {
  if (dataDir === 'memory://') return randomBytes(32);
  const file = join(dataDir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
}

/**
 * Picks the verification keys from the configuration, most specific first: a remote JWKS URL,
 * an inline JWKS, a public key, an HS256 secret. With none of them, development mode uses a
 * generated secret; production refuses to start. A remote key set's cache runs on `clock`.
 */
export async function resolveVerificationKeys(config: AuthConfig, clock: Clock): Promise<VerificationKeys> {
  if (config.JWT_JWKS_URL) {
    const key = remoteKeySet(new URL(config.JWT_JWKS_URL), {
      timeoutMs: config.JWT_JWKS_TIMEOUT_MS,
      cacheMaxAgeMs: config.JWT_JWKS_CACHE_MAX_AGE_MS,
      cooldownMs: Math.min(30_000, config.JWT_JWKS_CACHE_MAX_AGE_MS),
      clock,
    });
    return { source: 'remote-jwks', key, algorithms: algorithmsFrom(config, asymmetric) };
  }
  if (config.JWT_JWKS) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(config.JWT_JWKS);
      return { source: 'jwks', key: createLocalJWKSet(jwks as never), algorithms: algorithmsFrom(config, asymmetric) };
    } catch (error) {
      throw new ConfigError(`Invalid configuration: JWT_JWKS is not a JSON Web Key Set (${(error as Error).message})`);
    }
  }
  if (config.JWT_PUBLIC_KEY) {
    const algorithms = algorithmsFrom(config, []);
    if (algorithms.length !== 1 || !asymmetric.includes(algorithms[0]!)) {
      throw new ConfigError('Invalid configuration: JWT_PUBLIC_KEY needs JWT_ALGORITHMS set to exactly one of EdDSA, ES256, RS256');
    }
    try {
      const key = await importSPKI(config.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), algorithms[0]!);
      return { source: 'public-key', key, algorithms };
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration: JWT_PUBLIC_KEY is not a PEM public key for ${algorithms[0]} (${(error as Error).message})`,
      );
    }
  }
  if (config.JWT_SECRET) {
    const secret = new TextEncoder().encode(config.JWT_SECRET);
    return { source: 'secret', key: await hmacKey(secret), algorithms: ['HS256'], secret };
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration: NODE_ENV is production but no token key is configured (set JWT_JWKS_URL, JWT_JWKS, JWT_PUBLIC_KEY or JWT_SECRET)',
    );
  }
  const secret = developmentSecret(config.DATA_DIR);
  return { source: 'development-secret', key: await hmacKey(secret), algorithms: ['HS256'], secret };
}

/** The secret as a verification key, imported once: given raw bytes, jose imports them anew on every request. */
function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}
