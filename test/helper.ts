import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { buildApp, type BuildOptions } from '../src/app';
import type { Role } from '../src/auth/permissions';
import { mintToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config';
import { connectPGlite, openDatabase, openPGlite, type Database } from '../src/db/data-source';
import { bringDocumentsUpToDate } from '../src/processing-activities/document-upkeep';
import { migrations } from '../migrations';
import { postgresServerUrl } from './support/requires';

type Test = { teardown(fn: () => unknown): void };

/** Where the test database lives: real PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export const testDatabaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const cacheDir = join(__dirname, '..', '.cache');
const migrationsDir = join(__dirname, '..', 'migrations');

/**
 * What a migrated template is keyed by: every migration's name and source, so a template made
 * before a migration was added or edited is never used.
 */
const templateKey = createHash('sha256')
  .update(migrations.map((m) => m.name).join(','))
  .update(
    readdirSync(migrationsDir)
      .sort()
      .map((file) => readFileSync(join(migrationsDir, file), 'utf8'))
      .join('\0'),
  )
  .digest('hex')
  .slice(0, 12);

/**
 * A migrated PGlite data directory, dumped once and loaded by every test file: loading takes
 * ~1 s where creating and migrating takes ~6 s. Written under a temporary name and renamed, so
 * test files starting together never read half a file.
 */
async function pgliteTemplate(): Promise<Blob> {
  const file = join(cacheDir, `pglite-template-${templateKey}.tar`);
  if (!existsSync(file)) {
    const db = await openPGlite({ dataDir: 'memory://' });
    const database = await connectPGlite(db, true);
    await database.dataSource.runMigrations({ transaction: 'each' });
    await bringDocumentsUpToDate(database.dataSource);
    await database.dataSource.destroy();
    // Uncompressed (~40 MB): loading skips gunzip, ~0.5 s of every test database.
    const dump = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
    await db.close();
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, dump);
    renameSync(temporary, file);
  }
  return new Blob([readFileSync(file)]);
}

const postgresTemplateName = `register_template_${templateKey}`;
let postgresTemplate: Promise<void> | undefined;

/**
 * A migrated database on the test server to copy test databases from (CREATE DATABASE …
 * TEMPLATE): copying takes a fraction of what migrating takes. Made once per server and
 * migration list — under an advisory lock, so test files starting together make it once — and
 * kept for the next run, like PGlite's template in .cache.
 */
function ensurePostgresTemplate(): Promise<void> {
  postgresTemplate ??= (async () => {
    const admin = new Client({ connectionString: postgresServerUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [postgresTemplateName]);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [postgresTemplateName]);
      if (rowCount) return;
      // Built under another name and renamed once migrated: a run stopped halfway leaves no
      // half-migrated template behind under the name the others copy.
      const building = `${postgresTemplateName}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const database = await openDatabase({
        DATABASE_URL: databaseUrl(building),
        DATA_DIR: '',
        DATABASE_POOL_SIZE: 1,
        DATABASE_CONNECT_TIMEOUT_MS: 5000,
      });
      try {
        await database.dataSource.runMigrations({ transaction: 'each' });
        await bringDocumentsUpToDate(database.dataSource);
      } finally {
        await database.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${postgresTemplateName}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [postgresTemplateName]).catch(() => undefined);
      await admin.end();
    }
  })();
  return postgresTemplate;
}

/** The URL of database `name` on the test server. */
function databaseUrl(name: string): string {
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh PostgreSQL database on the test server, migrated (a copy of the template), dropped at
 * teardown. Returns its URL.
 */
export async function createPostgresDatabase(t: Test): Promise<string> {
  await ensurePostgresTemplate();
  const name = `register_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName}`);
  } finally {
    await admin.end();
  }
  t.teardown(async () => {
    const cleanup = new Client({ connectionString: postgresServerUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return databaseUrl(name);
}

/** A fresh, migrated database of its own for one test file; dropped again at teardown. */
export async function createTestDatabase(t: Test): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const url = await createPostgresDatabase(t);
    const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: '', DATABASE_POOL_SIZE: 5, DATABASE_CONNECT_TIMEOUT_MS: 5000 });
    t.teardown(() => database.close());
    return database;
  }
  const db = await openPGlite({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
  const database = await connectPGlite(db, true);
  t.teardown(() => database.close());
  return database;
}

/** The HS256 secret test apps accept (unless a test configures other keys). */
export const testSecret = 'test-secret-that-is-long-enough-for-hs256!';

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    DATA_DIR: 'memory://',
    JWT_SECRET: testSecret,
    RATE_LIMIT_MAX: '100000',
    // A loaded test machine lags; load shedding is tested on its own (test/resilience/overload).
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    // The webhook worker's polls would run between a test's statements (and count in
    // test/perf/query-counts); webhook tests run it themselves (services.webhooks.deliverDue).
    WEBHOOK_DELIVERY_INTERVAL_MS: '0',
    // Likewise the review due check (review tests call services.reviews.emitDue).
    REVIEW_DUE_CHECK_INTERVAL_MS: '0',
    ...overrides,
  });

/** Who a test request is from: roles, or roles with the organisational units (keys or ids) its token names. */
export type Caller = Role[] | Role | { roles: Role[] | Role; units?: string[]; sub?: string };

/** A token the test app accepts, for the given roles (and units). */
export function tokenFor(
  app: FastifyInstance,
  caller: Caller = 'admin',
  claims: { sub?: string; ttlSeconds?: number; units?: string[] } = {},
) {
  const secret = app.auth.keys.secret;
  if (!secret) throw new Error('this app does not use an HS256 secret');
  const { roles, units, sub } =
    typeof caller === 'object' && !Array.isArray(caller) ? caller : { roles: caller, units: undefined, sub: undefined };
  return mintToken(secret, app.auth.settings, {
    sub: claims.sub ?? sub ?? 'test-user',
    roles: Array.isArray(roles) ? roles : [roles],
    ...((claims.units ?? units) ? { units: claims.units ?? units } : {}),
    ttlSeconds: claims.ttlSeconds ?? 600,
  });
}

/** Authorization header for inject(). */
export async function authHeader(app: FastifyInstance, caller: Caller = 'admin') {
  return { authorization: `Bearer ${await tokenFor(app, caller)}` };
}

/** The app on a fresh database of its own, ready for inject(); closed at teardown. `options`: e.g. a clock the test moves. */
export async function buildTestApp(
  t: Test,
  overrides: Record<string, string> = {},
  options: Omit<BuildOptions, 'database'> = {},
): Promise<FastifyInstance> {
  const database = await createTestDatabase(t);
  const app = await buildApp(testConfig(overrides), { ...options, database });
  await app.ready();
  t.teardown(() => app.close());
  return app;
}

/**
 * inject() with a JSON body, returning the parsed body too. Requests carry an admin token unless
 * `as` names other roles, or is null for no token at all. PATCH and DELETE send the entry's
 * current ETag as If-Match (read just before), unless `headers` brings its own If-Match.
 */
export async function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
  as: Caller | null = 'admin',
  extraHeaders: Record<string, string> = {},
): Promise<LightMyRequestResponse & { body: string; data: any }> {
  const headers: Record<string, string> = { ...(as === null ? {} : await authHeader(app, as)), ...extraHeaders };
  if ((method === 'PATCH' || method === 'DELETE') && !('if-match' in extraHeaders)) {
    const current = await app.inject({ method: 'GET', url, headers });
    const etag = current.headers.etag;
    if (typeof etag === 'string') headers['if-match'] = etag;
  }
  const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const data = response.body ? JSON.parse(response.body) : undefined;
  return Object.assign(response, { data });
}

/** Creates an entry and returns its body, failing loudly if that did not work. */
export async function create(app: FastifyInstance, path: string, body: Record<string, unknown>): Promise<any> {
  const response = await call(app, 'POST', `/v1/${path}`, body);
  if (response.statusCode !== 201) throw new Error(`POST /v1/${path} → ${response.statusCode}: ${response.body}`);
  return response.data;
}

/** The id of a built-in legal basis by its code. */
export async function legalBasisId(app: FastifyInstance, code: string): Promise<string> {
  const response = await call(app, 'GET', `/v1/legal-bases?code=${code}`);
  if (response.data.items.length !== 1) throw new Error(`no legal basis ${code}`);
  return response.data.items[0].id;
}

/**
 * A moment on the database's clock — the audit trail's (`occurred_at` is its clock_timestamp()) —
 * at millisecond precision, after everything written so far and before anything written next:
 * the clock is read, rounded up to the next millisecond, and read again until it has passed it.
 * Nothing is timed by Node's clock, and nothing sleeps.
 */
export async function databaseMoment(app: FastifyInstance): Promise<string> {
  const [{ at }] = await app.dataSource.query(
    `SELECT to_char((date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  for (;;) {
    const [{ past }] = await app.dataSource.query(`SELECT clock_timestamp() > $1::timestamptz AS past`, [at]);
    if (past) return at;
  }
}
