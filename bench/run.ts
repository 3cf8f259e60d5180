/**
 * `npm run bench`: the service against a raw baseline, at 100, 1,000 and 10,000 processing
 * activities (~25 links each), over loopback HTTP.
 *
 *   npm run bench                                        # embedded PGlite (a fresh temporary data directory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench    # PostgreSQL: a fresh database on that server, dropped after
 *   npm run bench -- 100 1000                            # other sizes; BENCH_DURATION_S (5), BENCH_CONNECTIONS (10)
 *
 * Two server processes (bench/server.ts): the service as `npm start` builds it (every plugin,
 * JWT auth, schemas, rate limits) and the baseline (bench/baseline.ts: bare Fastify + the bare
 * driver, the same SQL). On PGlite the baseline runs inside the service's process on the same
 * PGlite instance — an embedded database belongs to one process. Scenarios, each for
 * BENCH_DURATION_S after a 1 s warm-up, service then baseline:
 *
 *   get     GET /v1/processing-activities/:id (admin JWT), cycling through 200 activities
 *   list    GET /v1/processing-activities?limit=50&offset=… (pages across the register)
 *   export  GET /v1/register, whole documents, one at a time (Node's own HTTP client)
 *   create  POST /v1/processing-activities with 20 links (no Idempotency-Key); removed afterwards
 *
 * Figures: requests/s (2xx only; any other status is reported), p50/p99 latency, SQL statements
 * per request as counted at the driver, peak RSS of the server process, and service ÷ baseline.
 * Then the embedded start-to-ready time of `node dist/src/server.js` on an existing data directory.
 * Prints a table and writes bench/results/latest-<postgres|pglite>.json.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = join(__dirname, '..', '..');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const durationS = Number(process.env.BENCH_DURATION_S ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const databaseUrl = process.env.DATABASE_URL;

interface Server {
  child: ChildProcess;
  port: number;
  call(cmd: string, args?: object): Promise<any>;
}

function startServer(role: 'service' | 'baseline', env: Record<string, string>): Promise<Server & { ready: any }> {
  // --expose-gc: each timed run starts from a collected heap, so its peak RSS is its own, not what
  // the previous scenario left for the collector.
  const child = fork(join(__dirname, 'server.js'), [role], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    child.on('message', (message: any) => {
      if (message.ready) {
        resolve({
          child,
          port: message.port,
          ready: message,
          call(cmd, args = {}) {
            const id = ++next;
            child.send({ id, cmd, ...args });
            return new Promise((res, rej) => pending.set(id, { resolve: res, reject: rej }));
          },
        });
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
  });
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  queriesPerRequest: number;
  peakRssMb: number;
  bytesPerResponse?: number;
}

/** Whole exports, one after another, for `seconds` (at least 2): time to the last byte each. */
async function exportLoop(port: number, token: string, seconds: number): Promise<Omit<Figures, 'queriesPerRequest' | 'peakRssMb'>> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const started = Date.now();
  while (latencies.length + errors < 2 || Date.now() - started < seconds * 1000) {
    const t0 = process.hrtime.bigint();
    const result = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/v1/register', headers: { authorization: `Bearer ${token}` } }, (response) => {
          let count = 0;
          response.on('data', (chunk: Buffer) => (count += chunk.length));
          response.on('end', () => resolve({ status: response.statusCode!, bytes: count }));
          response.on('error', reject);
        })
        .on('error', reject);
    });
    if (result.status !== 200) errors += 1;
    else {
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      bytes = result.bytes;
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, bytesPerResponse: bytes };
}

type Fixtures = Record<string, string[]> & { purposeBasis: string; transferMechanism: string };

function scenarios(fixtures: Fixtures, size: number) {
  let n = 0;
  const createBody = (prefix: string) => {
    n += 1;
    const f = fixtures;
    return JSON.stringify({
      name: `Bench ${prefix} ${process.pid}-${n}`,
      role: 'controller',
      status: 'active',
      owner: 'Bench',
      controllerIds: f.organisations,
      purposes: f.purposes!.map((purposeId) => ({ purposeId, legalBasisIds: [f.purposeBasis] })),
      dataSubjectCategoryIds: f.dataSubjectCategories,
      dataCategories: f.dataCategories!.map((dataCategoryId) => ({
        dataCategoryId,
        retentionRuleId: f.retentionRules![0],
        sourceChannelIds: [f.collectionChannels![0]],
      })),
      collectionChannelIds: f.collectionChannels,
      recipients: f.recipients!.map((recipientId) => ({ recipientId, dataCategoryIds: [f.dataCategories![0]] })),
      transfers: [{ recipientId: f.recipients![0], country: 'US', mechanismId: f.transferMechanism, safeguard: 'Data Privacy Framework' }],
      securityMeasureIds: f.securityMeasures,
    });
  };
  const pages = Math.max(1, Math.floor(size / 50));
  return {
    get: (i: number) => ({ method: 'GET' as const, path: `/v1/processing-activities/${fixtures.activityIds![i % fixtures.activityIds!.length]}` }),
    list: (i: number) => ({ method: 'GET' as const, path: `/v1/processing-activities?limit=50&offset=${((i * 7) % pages) * 50}` }),
    create: (_i: number, prefix: string) => ({
      method: 'POST' as const,
      path: '/v1/processing-activities',
      headers: { 'content-type': 'application/json' },
      body: createBody(prefix),
    }),
  };
}

async function cannon(port: number, token: string, seconds: number, request: (i: number) => autocannon.Request): Promise<Omit<Figures, 'queriesPerRequest' | 'peakRssMb'>> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (base) => {
          const next = request(i++);
          return { ...base, ...next, headers: { ...base.headers, ...next.headers } } as autocannon.Request;
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requests: ok,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** `count` requests one after another (nothing in flight before or after): for exact SQL statements per request. */
async function sequential(port: number, token: string, count: number, request: (i: number) => autocannon.Request): Promise<number> {
  let ok = 0;
  for (let i = 0; i < count; i++) {
    const { method, path, headers, body } = request(i);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port, method, path, headers: { ...headers, authorization: `Bearer ${token}` } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode!));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    if (status >= 200 && status < 300) ok += 1;
  }
  return ok;
}

/** CPU time (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return NaN;
  }
}

/**
 * Time from `node dist/src/server.js` to /health/ready answering 200, on the embedded database in
 * `dataDir`, and the CPU time the server used to get there (steadier than the wall clock on a
 * shared machine).
 */
async function startToReady(dataDir: string): Promise<{ ms: number; cpuMs: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'server.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      const status = await new Promise<number>((resolve) => {
        http.get({ host: '127.0.0.1', port, path: '/health/ready' }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', () => resolve(0));
      });
      if (status === 200) return { ms: Date.now() - started, cpuMs: cpuMs(child.pid!) };
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (Date.now() - started > 120_000) throw new Error('the server did not get ready within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

async function main() {
  const began = Date.now();
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  let service: Server & { ready: any };
  let baseline: Server | undefined;
  try {
    if (databaseUrl) {
      const name = `bench_register_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      cleanups.push(async () => {
        const dropper = new pg.Client({ connectionString: databaseUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      });
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      service = await startServer('service', { BENCH_DATABASE_URL: url.toString() });
      cleanups.push(() => service.child.kill());
      baseline = await startServer('baseline', { BENCH_DATABASE_URL: url.toString() });
      cleanups.push(() => baseline!.child.kill());
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'register-bench-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      service = await startServer('service', { BENCH_PGLITE_DIR: dir });
      cleanups.push(() => service.child.kill());
    }
    const token: string = service.ready.token;
    const baselinePort: number = baseline ? baseline.port : service.ready.baselinePort;
    console.log(`database: ${kind}; node ${process.version}; ${durationS} s per scenario, ${connections} connections (export: 1)`);

    const rows: any[] = [];
    for (const size of sizes.length > 0 ? sizes : [100, 1000, 10000]) {
      const grown = await service.call('grow', { size });
      const fixtures: Fixtures = await service.call('fixtures');
      const make = scenarios(fixtures, grown.activities);
      for (const scenario of ['get', 'list', 'export', 'create'] as const) {
        const row: any = { size: grown.activities, scenario };
        for (const target of ['service', 'baseline'] as const) {
          const port = target === 'service' ? service.port : baselinePort;
          const request = scenario === 'export' ? () => ({ method: 'GET' as const, path: '/v1/register' }) : scenario === 'create' ? (i: number) => make.create(i, target) : make[scenario];
          const run = (seconds: number) => (scenario === 'export' ? exportLoop(port, token, seconds) : cannon(port, token, seconds, request));
          await run(1); // warm-up
          await service.call('reset');
          await baseline?.call('reset');
          const figures = await run(durationS);
          // Let what was still in flight when the client stopped finish before counting anew.
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, Math.max(500, 2 * figures.p99))));
          // Peak RSS of the timed run; then SQL statements per request, counted over requests sent one at a time.
          const rssStats = await service.call('stats');
          const baselineRss = baseline ? (await baseline.call('reset')).peakRss : NaN; // PGlite: one process for both
          await service.call('reset');
          const counted = scenario === 'export' ? 2 : 20;
          const ok = await sequential(port, token, counted, request);
          const stats = await service.call('stats');
          const queries = target === 'service' ? stats.queries : baseline ? (await baseline.call('reset')).queries : stats.baselineQueries;
          row[target] = {
            ...figures,
            errors: figures.errors + (counted - ok),
            queriesPerRequest: queries / counted,
            peakRssMb: (target === 'service' ? rssStats.peakRss : baselineRss) / 1024 / 1024,
          };
        }
        row.ratio = row.service.rps / row.baseline.rps;
        rows.push(row);
        const s = row.service as Figures;
        const b = row.baseline as Figures;
        console.log(
          `${String(row.size).padStart(6)} ${scenario.padEnd(7)} service ${fmt(s.rps, s.rps < 10 ? 2 : 0).padStart(6)} req/s p50 ${fmt(s.p50, 1)} p99 ${fmt(s.p99, 1)} ms ` +
            `${fmt(s.queriesPerRequest, 2)} q/req RSS ${fmt(s.peakRssMb)} MB${s.errors ? ` ERRORS ${s.errors}` : ''} | baseline ${fmt(b.rps, b.rps < 10 ? 2 : 0)} req/s ` +
            `p50 ${fmt(b.p50, 1)} p99 ${fmt(b.p99, 1)} ms ${fmt(b.queriesPerRequest, 2)} q/req${b.errors ? ` ERRORS ${b.errors}` : ''} | ratio ${fmt(row.ratio, 2)}`,
        );
        if (scenario === 'create') await service.call('cleanup');
      }
    }

    // Embedded start-up on an existing data directory: a first start creates and seeds it, then three timed restarts.
    const dataDir = mkdtempSync(join(tmpdir(), 'register-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const firstStart = await startToReady(dataDir);
    const restarts = [await startToReady(dataDir), await startToReady(dataDir), await startToReady(dataDir)];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
    const startup = {
      firstStartMs: firstStart.ms,
      restartsMs: restarts.map((r) => r.ms),
      restartsCpuMs: restarts.map((r) => r.cpuMs),
      medianMs: median(restarts.map((r) => r.ms)),
      medianCpuMs: median(restarts.map((r) => r.cpuMs)),
    };
    console.log(
      `embedded start-to-ready: first start (create + seed) ${firstStart.ms} ms; existing data directory ${startup.restartsMs.join(', ')} ms ` +
        `(median ${startup.medianMs} ms; CPU ${startup.restartsCpuMs.join(', ')} ms)`,
    );

    const table = [
      '| Activities | Scenario | Service req/s | p50 / p99 ms | SQL/req | Peak RSS MB | Baseline req/s | p50 / p99 ms | SQL/req | Baseline RSS MB | Ratio |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((row) => {
        const s = row.service as Figures;
        const b = row.baseline as Figures;
        const rps = (f: Figures) => fmt(f.rps, f.rps < 10 ? 2 : 0);
        return `| ${row.size.toLocaleString('en')} | ${row.scenario} | ${rps(s)} | ${fmt(s.p50, 1)} / ${fmt(s.p99, 1)} | ${fmt(s.queriesPerRequest, 1)} | ${fmt(s.peakRssMb)} | ${rps(b)} | ${fmt(b.p50, 1)} / ${fmt(b.p99, 1)} | ${fmt(b.queriesPerRequest, 1)} | ${Number.isFinite(b.peakRssMb) ? fmt(b.peakRssMb) : 'shared'} | ${fmt(row.ratio, 2)} |`;
      }),
    ].join('\n');
    console.log(`\n${table}\n`);

    const results = {
      database: kind,
      node: process.version,
      date: new Date().toISOString(),
      durationS,
      connections,
      rows,
      startup,
      benchSeconds: Math.round((Date.now() - began) / 1000),
    };
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `latest-${kind}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    console.log(`written: bench/results/latest-${kind}.json (${results.benchSeconds} s in all)`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
