/**
 * A server process of `npm run bench`, driven by bench/run.ts over IPC:
 *
 *   node dist/bench/server.js service    the service (buildApp) on PostgreSQL (BENCH_DATABASE_URL)
 *                                        or on PGlite (BENCH_PGLITE_DIR) — and then, in the same
 *                                        process, the baseline on that same PGlite instance
 *   node dist/bench/server.js baseline   the raw baseline on PostgreSQL (BENCH_DATABASE_URL)
 *   node dist/bench/server.js grow       generates activities up to BENCH_SIZE on that database,
 *                                        vacuums and checkpoints it, and exits
 *
 * The register is grown in a process of its own, so the servers' memory is what serving costs,
 * not what a bulk load of 10,000 activities left behind. The servers count the SQL statements
 * they send at the driver (pg Client#query; PGlite query/exec) and sample their RSS every 10 ms.
 * Messages: fixtures (ids for the create body), cleanup (drop what the create scenario made),
 * reset / stats, memory (process.memoryUsage() and PGlite's WebAssembly memory, optionally after
 * a collection), stop.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { mintToken } from '../src/auth/tokens';
import { etagOf } from '../src/http/etag';
import { loadConfig } from '../src/config';
import { applyProcessSettings } from '../src/runtime';
import { connectPGlite, openPGlite, type Database } from '../src/db/data-source';
import { loadRegister } from '../src/seed/seed-loader';
import { woktronRegister } from '../src/seed/woktron-register';
import { generateActivities } from '../test/support/register-fixtures';
import { buildBaseline, type BaselineCounters, type Query, type RawDatabase } from './baseline';

export const benchSecret = 'bench-secret-that-is-long-enough-for-hs256!!';

type Message = { id: number; cmd: string; [key: string]: unknown };

const service = { queries: 0 };
const baseline: BaselineCounters = { queries: 0 };
let peakRss = process.memoryUsage.rss();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10).unref();

/** A Promise-chain mutex: PGlite is one session, so the baseline's transactions take turns (as the service's pool does). */
function serialize() {
  let tail = Promise.resolve();
  return () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const granted = tail.then(() => release);
    tail = tail.then(() => released);
    return granted;
  };
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

async function startService() {
  const url = process.env.BENCH_DATABASE_URL;
  let pglite: PGlite | undefined;
  let database: Database | undefined;
  let rawQuery: Query | undefined;
  if (url) {
    // Every statement the service sends, counted where it leaves for the server.
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      service.queries += 1;
      return query.apply(this, args);
    } as never;
  } else {
    pglite = await openPGlite({
      dataDir: process.env.BENCH_PGLITE_DIR,
      sharedBuffersMb: Number(process.env.PGLITE_SHARED_BUFFERS_MB) || undefined,
    });
    const db = pglite;
    const query = db.query.bind(db);
    const exec = db.exec.bind(db);
    rawQuery = async (sql, params) => (await query(sql, params)).rows as any[];
    db.query = ((...args: Parameters<typeof query>) => {
      service.queries += 1;
      return query(...args);
    }) as typeof db.query;
    db.exec = ((...args: Parameters<typeof exec>) => {
      service.queries += 1;
      return exec(...args);
    }) as typeof db.exec;
    database = await connectPGlite(db, true);
  }
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    SEED_ON_EMPTY: 'false',
    ...(url ? { DATABASE_URL: url } : {}),
    JWT_SECRET: benchSecret,
    // The limiters stay on (their cost is part of the figures) but above what a benchmark sends.
    RATE_LIMIT_MAX: '1000000',
    EXPORT_RATE_LIMIT_MAX: '100000',
  });
  applyProcessSettings(config);
  const app = await buildApp(config, { database });
  await app.ready();
  const token = await mintToken(app.auth.keys.secret!, app.auth.settings, { sub: 'bench', roles: ['admin'], ttlSeconds: 24 * 3600 });
  const port = await listen(app);
  let baselinePort: number | undefined;
  if (pglite) {
    // The baseline on the same PGlite instance, bypassing the counters above (it counts its own).
    const lock = serialize();
    const raw: RawDatabase = {
      query: async (sql, params) => {
        const release = await lock();
        try {
          return await rawQuery!(sql, params);
        } finally {
          release();
        }
      },
      session: async () => {
        const release = await lock();
        return { query: rawQuery!, release };
      },
    };
    baselinePort = await listen(await buildBaseline(raw, baseline));
  }
  return { app, database, pglite, port, baselinePort, token };
}

async function startBaseline() {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  const raw: RawDatabase = {
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    session: async () => {
      const client = await pool.connect();
      // A named statement (the document refresh) as the service sends it: prepared once per connection.
      const query: Query = async (sql, params, name) =>
        (name ? await client.query({ name, text: sql, values: params ?? [] }) : await client.query(sql, params)).rows;
      return { query, release: () => client.release() };
    },
  };
  const app = await buildBaseline(raw, baseline);
  return { port: await listen(app) };
}

async function activityCount(app: FastifyInstance): Promise<number> {
  return (await app.dataSource.query('SELECT count(*)::int AS n FROM processing_activities'))[0].n;
}

/** The Woktron register plus generated activities up to `size`, as autovacuum would leave it. */
async function grow(size: number) {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? undefined : await connectPGlite(await openPGlite({ dataDir: process.env.BENCH_PGLITE_DIR }), true);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    JWT_SECRET: benchSecret,
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const app = await buildApp(config, { database });
  await app.ready();
  try {
    const count = () => activityCount(app);
    if ((await count()) === 0) await loadRegister(app.services, woktronRegister);
    const present = await count();
    if (size > present) {
      await generateActivities(app.dataSource, size - present, `Generated ${present} `);
      // Planner statistics and visibility maps for the grown tables, then a checkpoint, so that
      // writing the load out does not overlap the timed runs.
      await app.dataSource.query('VACUUM (ANALYZE)');
      await app.dataSource.query('CHECKPOINT');
    }
    const [{ n: purposes }] = await app.dataSource.query('SELECT count(*)::int AS n FROM purposes');
    return { activities: await count(), purposes };
  } finally {
    await app.close();
    await database?.close();
  }
}

async function main() {
  const role = process.argv[2];
  const send = (message: object) => process.send!(message);
  if (role === 'baseline') {
    const { port } = await startBaseline();
    send({ ready: true, port });
    // 'reset' answers the figures so far, then starts counting again.
    process.on('message', (message: Message) => {
      const result = { queries: baseline.queries, peakRss };
      if (message.cmd === 'stop') {
        send({ id: message.id, result });
        setImmediate(() => process.exit(0));
        return;
      }
      if (message.cmd === 'reset') {
        baseline.queries = 0;
        (globalThis as { gc?: () => void }).gc?.();
        peakRss = process.memoryUsage.rss();
      }
      send({ id: message.id, result });
    });
    return;
  }
  if (role === 'grow') {
    const result = await grow(Number(process.env.BENCH_SIZE));
    process.send!({ ready: true, result }, () => process.exit(0));
    return;
  }
  const { app, database, pglite, port, baselinePort, token } = await startService();
  const count = () => activityCount(app);
  const handlers: Record<string, (message: Message) => Promise<unknown>> = {
    async fixtures() {
      const ids = async (table: string, n: number, where = 'TRUE') =>
        (await app.dataSource.query(`SELECT id FROM ${table} WHERE ${where} ORDER BY lower(name), id LIMIT ${n}`)).map(
          (row: { id: string }) => row.id,
        );
      const code = async (value: string) =>
        (await app.dataSource.query('SELECT id FROM legal_bases WHERE code = $1', [value]))[0].id as string;
      return {
        activityIds: await ids('processing_activities', 200),
        purposeIds: await ids('purposes', 200),
        // A controller: the service refuses any other organisation as one.
        organisations: await ids('organisations', 1, `'controller' = ANY(roles)`),
        purposes: await ids('purposes', 2),
        dataSubjectCategories: await ids('data_subject_categories', 3),
        dataCategories: await ids('data_categories', 4),
        retentionRules: await ids('retention_rules', 1),
        collectionChannels: await ids('collection_channels', 2),
        recipients: await ids('recipients', 2),
        securityMeasures: await ids('security_measures', 3),
        purposeBasis: await code('gdpr-6-1-b'),
        transferMechanism: await code('gdpr-45'),
      };
    },
    /**
     * The write amplification of the stored read model: renaming the purpose the most activities
     * link (the generator links the first two to every one) against renaming one no activity
     * links, through the service as the API does it, a few times each; names restored after.
     */
    async rename() {
      const [linked] = await app.dataSource.query(
        `SELECT p.id, p.name, count(*)::int AS activities FROM purposes p JOIN activity_purposes ap ON ap.purpose_id = p.id
         GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
      );
      const lone = await app.services.purposes.create({ name: 'Bench rename, linked nowhere' }, { sub: 'bench' });
      const time = async (id: string, name: string) => {
        const ms: number[] = [];
        for (let i = 0; i < 6; i++) {
          const current = await app.services.purposes.get(id);
          const started = process.hrtime.bigint();
          await app.services.purposes.update(id, { name: i % 2 === 0 ? `${name} (renamed)` : name }, etagOf(current), { sub: 'bench' });
          ms.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        return ms.sort((a, b) => a - b)[ms.length >> 1]!;
      };
      const linkedMs = await time(linked.id, linked.name);
      const loneMs = await time(lone.id, lone.name);
      await app.services.purposes.remove(lone.id, etagOf(await app.services.purposes.get(lone.id)), { sub: 'bench' });
      return { activities: linked.activities, linkedMs, loneMs, amplificationMs: linkedMs - loneMs };
    },
    async cleanup() {
      await app.dataSource.query(`DELETE FROM processing_activities WHERE name LIKE 'Bench %'`);
      return { activities: await count() };
    },
    async reset() {
      service.queries = 0;
      baseline.queries = 0;
      (globalThis as { gc?: () => void }).gc?.();
      peakRss = process.memoryUsage.rss();
      return {};
    },
    async stats() {
      return { queries: service.queries, baselineQueries: baseline.queries, peakRss };
    },
    /** The process's memory now (after a collection if `gc`), and the embedded database's WebAssembly memory. */
    async memory(message) {
      if (message.gc) {
        for (let i = 0; i < 3; i++) {
          (globalThis as { gc?: () => void }).gc?.();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      const usage = process.memoryUsage();
      // PGlite's Emscripten module: the WebAssembly.Memory that holds PostgreSQL's own memory (grows, never shrinks).
      const wasm = (pglite as unknown as { Module?: { HEAPU8?: Uint8Array } } | undefined)?.Module?.HEAPU8?.byteLength;
      return { ...usage, wasmBytes: wasm ?? null };
    },
    async stop() {
      await app.close();
      // The embedded database is the bench's own (not the app's): shut it down cleanly for the next process.
      await database?.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  };
  process.on('message', (message: Message) => {
    handlers[message.cmd]!(message).then(
      (result) => send({ id: message.id, result }),
      (error: unknown) => send({ id: message.id, error: String((error as Error)?.stack ?? error) }),
    );
  });
  send({ ready: true, port, baselinePort, token, database: app.database.kind });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
