import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { calculateJwkThumbprint, CompactSign } from 'jose';
import type { DataSource } from 'typeorm';
import { ConfigError, type Config } from '../config';
import { notFound } from '../errors';
import type { RegisterSigningJwk, RegisterSigningJwks, RegisterSnapshotResponse, RegisterSnapshotSummary } from './snapshot-dto';
import { openRegister } from './reader';
import { renderJson } from './render-json';
import type { JsonObject } from '../http/dto';

export type SigningConfig = Pick<Config, 'SNAPSHOT_SIGNING_KEY' | 'SNAPSHOT_SIGNING_KID' | 'NODE_ENV'>;

export interface SnapshotListInput {
  limit?: number;
  offset?: number;
  createdBy?: string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

const algorithm = 'EdDSA';

/** The public half of an Ed25519 key as the JWK members that identify it (kty, crv, x). */
function publicJwk(key: KeyObject): { kty: string; crv: string; x: string } {
  const { kty, crv, x } = createPublicKey(key).export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return { kty, crv, x };
}

/** SNAPSHOT_SIGNING_KEY as a key object, or a ConfigError naming what is wrong with it. */
export function configuredSigningKey(config: SigningConfig): KeyObject | undefined {
  if (!config.SNAPSHOT_SIGNING_KEY) {
    if (config.SNAPSHOT_SIGNING_KID)
      throw new ConfigError('Invalid configuration: SNAPSHOT_SIGNING_KID is set but SNAPSHOT_SIGNING_KEY is not');
    return undefined;
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(config.SNAPSHOT_SIGNING_KEY.replace(/\\n/g, '\n'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration: SNAPSHOT_SIGNING_KEY is not a PKCS8 PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`Invalid configuration: SNAPSHOT_SIGNING_KEY must be an Ed25519 key (got ${key.asymmetricKeyType})`);
  }
  return key;
}

/**
 * Signed snapshots of the register: the JSON export, frozen, stored and signed as a compact JWS
 * (EdDSA, `kid` in the protected header). The signing key is SNAPSHOT_SIGNING_KEY when
 * configured; otherwise an Ed25519 key pair generated once and kept in the database, so every
 * instance and every restart signs with the same key. Every key that ever signed stays in the
 * JWKS, so old snapshots keep verifying after a key changes.
 */
export class SnapshotService {
  private active: Promise<SigningKey> | undefined;
  private readonly configured: KeyObject | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SigningConfig,
    private readonly log: FastifyBaseLogger,
  ) {
    this.configured = configuredSigningKey(config);
  }

  /** The key that signs new snapshots (resolved once per app instance). */
  signingKey(): Promise<SigningKey> {
    this.active ??= this.resolveKey().catch((error: unknown) => {
      this.active = undefined;
      throw error;
    });
    return this.active;
  }

  private async resolveKey(): Promise<SigningKey> {
    if (this.configured) {
      const jwk = publicJwk(this.configured);
      const kid = this.config.SNAPSHOT_SIGNING_KID ?? (await calculateJwkThumbprint(jwk));
      await this.dataSource.query(
        `INSERT INTO register_signing_keys (kid, algorithm, public_jwk, private_key_pem, source) VALUES ($1, $2, $3::jsonb, NULL, 'configured')
         ON CONFLICT (kid) DO NOTHING`,
        [kid, algorithm, JSON.stringify(jwk)],
      );
      const [stored] = await this.dataSource.query(`SELECT public_jwk AS "publicJwk" FROM register_signing_keys WHERE kid = $1`, [kid]);
      if (stored?.publicJwk?.x !== jwk.x) {
        throw new ConfigError(
          `Invalid configuration: SNAPSHOT_SIGNING_KID "${kid}" already names another public key; give the new key a new kid, so snapshots signed with the old one still verify`,
        );
      }
      return { kid, privateKey: this.configured };
    }
    return this.dataSource.transaction(async (manager) => {
      // One generated key for all instances: the first to get here makes it, the others wait and read it.
      await manager.query('LOCK TABLE register_signing_keys IN SHARE ROW EXCLUSIVE MODE');
      const [existing] = await manager.query(
        `SELECT kid, private_key_pem AS "privateKeyPem" FROM register_signing_keys
          WHERE source = 'generated' AND private_key_pem IS NOT NULL ORDER BY created_at DESC, kid LIMIT 1`,
      );
      if (existing) return { kid: existing.kid as string, privateKey: createPrivateKey(existing.privateKeyPem as string) };
      const { privateKey } = generateKeyPairSync('ed25519');
      const jwk = publicJwk(privateKey);
      const kid = await calculateJwkThumbprint(jwk);
      await manager.query(
        `INSERT INTO register_signing_keys (kid, algorithm, public_jwk, private_key_pem, source) VALUES ($1, $2, $3::jsonb, $4, 'generated')`,
        [kid, algorithm, JSON.stringify(jwk), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
      );
      (this.config.NODE_ENV === 'production' ? this.log.warn : this.log.info).call(
        this.log,
        { kid },
        'generated a snapshot signing key and stored it in the database (set SNAPSHOT_SIGNING_KEY to sign with a key kept elsewhere)',
      );
      return { kid, privateKey };
    });
  }

  /** Freezes the whole register (unfiltered JSON export), signs it and stores it. */
  async create(createdBy: string): Promise<RegisterSnapshotResponse> {
    const key = await this.signingKey();
    const reader = await openRegister(this.dataSource, {});
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of renderJson(reader)) chunks.push(Buffer.from(chunk, 'utf8'));
    } finally {
      await reader.close();
    }
    const payload = Buffer.concat(chunks);
    const sha256 = createHash('sha256').update(payload).digest('hex');
    const jws = await new CompactSign(payload).setProtectedHeader({ alg: algorithm, kid: key.kid, cty: 'json' }).sign(key.privateKey);
    const [row] = await this.dataSource.query(
      `INSERT INTO register_snapshots (created_by, kid, sha256, byte_size, activity_count, generated_at, jws)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at AS "createdAt"`,
      [createdBy, key.kid, sha256, payload.length, reader.totals.activities, reader.generatedAt, jws],
    );
    return {
      id: row.id,
      createdAt: new Date(row.createdAt).toISOString(),
      createdBy,
      kid: key.kid,
      sha256,
      byteSize: payload.length,
      activityCount: reader.totals.activities,
      generatedAt: reader.generatedAt,
      jws,
    };
  }

  private static readonly columns = `id, created_at AS "createdAt", created_by AS "createdBy", kid, sha256, byte_size AS "byteSize",
    activity_count AS "activityCount", generated_at AS "generatedAt"`;

  private static summary(row: JsonObject): RegisterSnapshotSummary {
    return {
      id: row.id,
      createdAt: new Date(row.createdAt).toISOString(),
      createdBy: row.createdBy,
      kid: row.kid,
      sha256: row.sha256,
      byteSize: row.byteSize,
      activityCount: row.activityCount,
      generatedAt: new Date(row.generatedAt).toISOString(),
    };
  }

  /** Newest first, without the payloads. */
  async list(input: SnapshotListInput) {
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const where = input.createdBy === undefined ? '' : 'WHERE created_by = $1';
    const params = input.createdBy === undefined ? [] : [input.createdBy];
    const rows = await this.dataSource.query(
      `SELECT ${SnapshotService.columns} FROM register_snapshots ${where} ORDER BY created_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM register_snapshots ${where}`, params);
    return { items: rows.map(SnapshotService.summary), total, limit, offset };
  }

  async get(id: string): Promise<RegisterSnapshotResponse> {
    const [row] = await this.dataSource.query(`SELECT ${SnapshotService.columns}, jws FROM register_snapshots WHERE id = $1`, [id]);
    if (!row) throw notFound('register snapshot', id);
    return { ...SnapshotService.summary(row), jws: row.jws };
  }

  /** Every key that signed or signs snapshots (the current one is made first if there is none yet). */
  async jwks(): Promise<RegisterSigningJwks> {
    await this.signingKey();
    const rows: { kid: string; publicJwk: { kty: string; crv: string; x: string } }[] = await this.dataSource.query(
      `SELECT kid, public_jwk AS "publicJwk" FROM register_signing_keys ORDER BY created_at, kid`,
    );
    return {
      keys: rows.map(({ kid, publicJwk }): RegisterSigningJwk => ({
        kty: publicJwk.kty,
        crv: publicJwk.crv,
        x: publicJwk.x,
        kid,
        alg: algorithm,
        use: 'sig',
      })),
    };
  }
}
