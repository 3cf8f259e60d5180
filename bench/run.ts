/**
 * `npm run bench`: the service against a raw baseline, at 100, 1,000 and 10,000 processing
 * activities (~25 links each), over loopback HTTP.
 *
 *   npm run bench                                        # embedded PGlite (a fresh temporary data directory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench    # PostgreSQL: a fresh database on that server, dropped after
 *   npm run bench -- 100 1000                            # other sizes; BENCH_DURATION_S (5), BENCH_CONNECTIONS (10)
 *   BENCH_SCENARIOS=get,list npm run bench -- 100        # some scenarios only (no start-up timing unless 'startup' is named)
 *   BENCH_SCENARIOS=soak npm run bench -- 1000           # the soak (bench/soak.ts), only when named; BENCH_SOAK_REQUESTS (100,000)
 *
 * For each size a grower process (bench/server.ts grow) brings the database up to it, then two
 * freshly started server processes serve it: the service as `npm start` builds it (every plugin,
 * JWT auth, schemas, rate limits, its process settings) and the baseline (bench/baseline.ts: bare
 * Fastify + the bare driver, the same SQL). On PGlite the baseline runs inside the service's
 * process on the same PGlite instance — an embedded database belongs to one process. Scenarios,
 * after a 1 s warm-up each, service and baseline in BENCH_ROUNDS (6) interleaved rounds that add
 * up to BENCH_DURATION_S each (the export: one window of BENCH_DURATION_S per server). On
 * PostgreSQL the peer (bench/peer.ts: Platformatic DB 2.x, automatic REST + GraphQL over the same
 * database, its own process, no auth) takes its turn in the same rounds where it has a counterpart:
 *
 *   purpose   GET /v1/purposes/:id, cycling through 200 (peer: GET /purposes/:id)
 *   purposes  GET /v1/purposes?limit=50&offset=… (peer: GET /purposes?limit=50&offset=…)
 *   get       GET /v1/processing-activities/:id (admin JWT), cycling through 200 activities
 *             (peer: its GraphQL for the activity with its purposes and data categories)
 *   list      GET /v1/processing-activities?limit=50&offset=… (pages across the register; peer: its flat page)
 *   export    GET /v1/register, whole documents, one at a time (Node's own HTTP client)
 *   export-xlsx  GET /v1/register?format=xlsx, whole workbooks, one at a time, service only
 *             (bench/xlsx-export.ts): time, size and peak RSS against the export's memory bound
 *   create    POST /v1/processing-activities with 20 links (no Idempotency-Key); removed afterwards
 *             (peer: POST /processingActivities, the row alone)
 *   update    PATCH /v1/processing-activities/:id (description and security measures, If-Match with
 *             the ETag the last update answered), ten activities per target (peer: PUT, no precondition)
 *   rename    renaming the purpose every generated activity links, in the service's process (its
 *           stored documents rewritten in the same transaction), against one no activity links: median ms
 *   soak      only when named: 100,000 mixed requests, memory sampled, idle RSS before and after (bench/soak.ts)
 *   data-map GET /v1/register/data-map as JSON and as the Graphviz SVG, whole and filtered, in a process
 *           of its own (bench/data-map-scenario.ts) at 1,000 activities or the sizes given: ms per request
 *
 * Figures: requests/s (2xx only; any other status is reported, by status), p50/p99 latency, SQL statements
 * per request as counted at the driver, peak RSS of the server process, bytes per response (body), and
 * service ÷ baseline and ÷ peer (a second table).
 * Then the embedded start-to-ready time of `node dist/src/server.js` on an existing data directory.
 * Prints a table and writes bench/results/latest-<postgres|pglite>.json (partial-… for a partial run).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { peerRequests, peerScenarios, peerTable, startPeer, type Peer } from './peer';
import { soak } from './soak';
import { benchDataMap } from './data-map-scenario';
import { benchXlsxExport, describeXlsxExport, xlsxExportPath, type XlsxExportRow } from './xlsx-export';

const root = join(__dirname, '..', '..');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const durationS = Number(process.env.BENCH_DURATION_S ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const databaseUrl = process.env.DATABASE_URL;
const allScenarios = [
  'purpose',
  'purposes',
  'get',
  'list',
  'export',
  'export-xlsx',
  'create',
  'update',
  'rename',
  'startup',
  'soak',
  'data-map',
] as const;
const chosen = (process.env.BENCH_SCENARIOS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknownScenarios = chosen.filter((name) => !(allScenarios as readonly string[]).includes(name));
if (unknownScenarios.length > 0) {
  console.error(`BENCH_SCENARIOS: unknown ${unknownScenarios.join(', ')} (known: ${allScenarios.join(', ')})`);
  process.exit(2);
}
// The soak runs only when named (minutes per database).
const runs = (scenario: (typeof allScenarios)[number]) => (chosen.length === 0 ? scenario !== 'soak' : chosen.includes(scenario));

interface Server {
  child: ChildProcess;
  port: number;
  call(cmd: string, args?: object): Promise<any>;
  /** Closes the server (and its database) and waits for the process to exit. */
  stop(): Promise<void>;
}

function startServer(role: 'service' | 'baseline' | 'grow', env: Record<string, string>): Promise<Server & { ready: any }> {
  // --expose-gc: each timed run starts from a collected heap, so its peak RSS is its own, not what
  // the previous scenario left for the collector.
  const child = fork(join(__dirname, 'server.js'), [role], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const error = new Error(`${role} exited with ${code}`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
    });
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
          async stop() {
            child.send({ id: ++next, cmd: 'stop' });
            await exited;
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

export interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Status of every non-2xx answer, counted ("0" for a failed connection or timeout). */
  errorStatuses?: Record<string, number>;
  queriesPerRequest: number;
  peakRssMb: number;
  bytesPerResponse?: number;
  /** Median latency (ms) of requests sent one at a time. */
  oneAtATimeMs?: number;
}

/** Whole exports, one after another, for `seconds` (at least 2): time to the last byte each. */
async function exportLoop(
  port: number,
  token: string,
  seconds: number,
  path = '/v1/register?state=working',
): Promise<Omit<Figures, 'queriesPerRequest' | 'peakRssMb'>> {
  const latencies: number[] = [];
  let errors = 0;
  const errorStatuses: Record<string, number> = {};
  let bytes = 0;
  const started = Date.now();
  while (latencies.length + errors < 2 || Date.now() - started < seconds * 1000) {
    const t0 = process.hrtime.bigint();
    const result = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
          let count = 0;
          response.on('data', (chunk: Buffer) => (count += chunk.length));
          response.on('end', () => resolve({ status: response.statusCode!, bytes: count }));
          response.on('error', reject);
        })
        .on('error', reject);
    });
    if (result.status !== 200) {
      errors += 1;
      errorStatuses[result.status] = (errorStatuses[result.status] ?? 0) + 1;
    } else {
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      bytes = result.bytes;
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors,
    errorStatuses,
    bytesPerResponse: bytes,
  };
}

type Fixtures = Record<string, string[]> & { purposeBasis: string; transferMechanism: string };

function scenarios(fixtures: Fixtures, size: number, purposes: number) {
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
  const purposePages = Math.max(1, Math.floor(purposes / 50));
  // The update: each request PATCHes an activity no other request in flight holds, with the ETag
  // its last update answered (all read again before each round). Checked out and back in through
  // autocannon's per-request context, which it clears after every request of a one-request list.
  const etags = new Map<string, string>();
  const update = (owned: string[]) => {
    let free = [...owned];
    let next = 0;
    return {
      request: (i: number, context: Record<string, any>) => {
        context.id = free.shift() ?? owned[next++ % owned.length];
        return {
          method: 'PATCH' as const,
          path: `/v1/processing-activities/${context.id}`,
          headers: { 'content-type': 'application/json', 'if-match': etags.get(context.id) ?? '' },
          body: JSON.stringify({ description: `Updated by the bench ${i}`, securityMeasureIds: fixtures.securityMeasures!.slice(i % 2) }),
        };
      },
      onResponse: (status: number, _body: string, context: Record<string, any>, headers?: Record<string, string>) => {
        if (status === 200 && headers?.etag) etags.set(context.id, headers.etag);
        free.push(context.id);
      },
      beforeRound: async (port: number, token: string) => {
        // A run's end abandons its requests in flight, which the server may still commit: let them
        // land before reading the ETags again.
        if (free.length < owned.length) await new Promise((resolve) => setTimeout(resolve, 3000));
        free = [...owned];
        for (const id of owned) {
          const etag = await new Promise<string>((resolve, reject) =>
            http
              .get(
                { host: '127.0.0.1', port, path: `/v1/processing-activities/${id}`, headers: { authorization: `Bearer ${token}` } },
                (response) => {
                  response.resume();
                  resolve(String(response.headers.etag));
                },
              )
              .on('error', reject),
          );
          etags.set(id, etag);
        }
      },
    };
  };
  return {
    update,
    purpose: (i: number) => ({ method: 'GET' as const, path: `/v1/purposes/${fixtures.purposeIds![i % fixtures.purposeIds!.length]}` }),
    purposes: (i: number) => ({ method: 'GET' as const, path: `/v1/purposes?limit=50&offset=${((i * 7) % purposePages) * 50}` }),
    get: (i: number) => ({
      method: 'GET' as const,
      path: `/v1/processing-activities/${fixtures.activityIds![i % fixtures.activityIds!.length]}`,
    }),
    list: (i: number) => ({ method: 'GET' as const, path: `/v1/processing-activities?limit=50&offset=${((i * 7) % pages) * 50}` }),
    create: (_i: number, prefix: string) => ({
      method: 'POST' as const,
      path: '/v1/processing-activities',
      headers: { 'content-type': 'application/json' },
      body: createBody(prefix),
    }),
  };
}

/** One timed autocannon run: every 2xx latency kept, so runs can be combined exactly. */
interface Sample {
  ok: number;
  seconds: number;
  latencies: number[];
  errors: number;
  errorStatuses: Record<string, number>;
}

type MakeRequest = (i: number, context: Record<string, any>) => autocannon.Request;
type OnResponse = (status: number, body: string, context: Record<string, any>, headers?: Record<string, string>) => void;

async function cannon(port: number, token: string, seconds: number, request: MakeRequest, onResponse?: OnResponse): Promise<Sample> {
  let i = 0;
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (base, context) => {
              const next = request(i++, context as Record<string, any>);
              return { ...base, ...next, headers: { ...base.headers, ...next.headers } } as autocannon.Request;
            },
            // Only where a scenario needs the answer (an ETag): it makes autocannon keep every body.
            ...(onResponse ? { onResponse: onResponse as never } : {}),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await finished;
  const errorStatuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith('2')) errorStatuses[status] = count ?? 0;
  }
  if (result.errors + result.timeouts > 0) errorStatuses['0'] = result.errors + result.timeouts;
  return { ok: result['2xx'], seconds: result.duration, latencies, errors: result.non2xx + result.errors + result.timeouts, errorStatuses };
}

const roundsPerScenario = Number(process.env.BENCH_ROUNDS ?? 6);

/** Service and baseline in alternating order, ABBA…, `roundsPerScenario` rounds each. */
function interleavedRounds<T>(targets: T[]): T[] {
  const order: T[] = [];
  for (let round = 0; round < roundsPerScenario; round++) order.push(...(round % 2 === 0 ? targets : [...targets].reverse()));
  return order;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

function combine(samples: Sample[]): Omit<Figures, 'queriesPerRequest' | 'peakRssMb'> {
  const ok = samples.reduce((sum, s) => sum + s.ok, 0);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const errorStatuses: Record<string, number> = {};
  for (const sample of samples)
    for (const [status, count] of Object.entries(sample.errorStatuses)) errorStatuses[status] = (errorStatuses[status] ?? 0) + count;
  return {
    requests: ok,
    rps: ok / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    errorStatuses,
  };
}

/**
 * `count` requests one after another (nothing in flight before or after): for exact SQL
 * statements per request, and the body's bytes (of the last 2xx answer).
 */
async function sequential(
  port: number,
  token: string,
  count: number,
  request: MakeRequest,
  onResponse?: OnResponse,
): Promise<{ ok: number; bytes: number; p50: number }> {
  let ok = 0;
  let bytes = NaN;
  const context: Record<string, any> = {};
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const { method, path, headers, body } = request(i, context);
    const started = process.hrtime.bigint();
    const answer = await new Promise<{ status: number; body: Buffer; headers: Record<string, string> }>((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port, method, path, headers: { ...headers, authorization: `Bearer ${token}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, body: Buffer.concat(chunks), headers: response.headers as Record<string, string> }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    onResponse?.(answer.status, answer.body.toString(), context, answer.headers);
    if (answer.status >= 200 && answer.status < 300) {
      ok += 1;
      bytes = answer.body.length;
      ms.push(elapsed);
    }
  }
  return {
    ok,
    bytes,
    p50: percentile(
      [...ms].sort((a, b) => a - b),
      0.5,
    ),
  };
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
        http
          .get({ host: '127.0.0.1', port, path: '/health/ready' }, (response) => {
            response.resume();
            resolve(response.statusCode!);
          })
          .on('error', () => resolve(0));
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

/** Embedded start-up on an existing data directory: a first start creates and seeds it, then three timed restarts. */
async function measureStartup(cleanups: (() => Promise<unknown> | unknown)[]) {
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
  return startup;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

async function main() {
  const began = Date.now();
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  try {
    let env: Record<string, string>;
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
      env = { BENCH_DATABASE_URL: url.toString() };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'register-bench-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { BENCH_PGLITE_DIR: dir };
    }
    // The servers of the current size (each size gets freshly started ones); stopped at the end.
    let running: Server[] = [];
    const stopServers = async () => {
      for (const server of running) if (server.child.exitCode === null) await server.stop();
      running = [];
    };
    cleanups.push(stopServers);
    console.log(`database: ${kind}; node ${process.version}; ${durationS} s per scenario, ${connections} connections (export: 1)`);

    const rows: any[] = [];
    const renames: any[] = [];
    const soaks: any[] = [];
    const xlsxExports: XlsxExportRow[] = [];
    // The served scenarios need a grown database and servers at each size; data-map and startup bring their own.
    const served = (['purpose', 'purposes', 'get', 'list', 'export', 'export-xlsx', 'create', 'update', 'rename', 'soak'] as const).some(
      runs,
    );
    for (const size of served ? (sizes.length > 0 ? sizes : [100, 1000, 10000]) : []) {
      // Grown in a process of its own (an embedded database belongs to one process at a time), then
      // served by fresh processes: their memory is what serving costs, not what the bulk load left.
      await stopServers();
      const grown = (await startServer('grow', { ...env, BENCH_SIZE: String(size) })).ready.result;
      const service = await startServer('service', env);
      const baseline = databaseUrl ? await startServer('baseline', env) : undefined;
      running = baseline ? [service, baseline] : [service];
      const token: string = service.ready.token;
      const baselinePort: number = baseline ? baseline.port : service.ready.baselinePort;
      const fixtures: Fixtures = await service.call('fixtures');
      // Activities the update scenario writes, ten per target, apart from the first the reads cycle through.
      const [updateService, updateBaseline, updatePeer] = [0, 1, 2].map((k) => fixtures.activityIds!.slice(-10 * (k + 1)).slice(0, 10));
      Object.assign(fixtures, { updateService, updateBaseline, updatePeer });
      const purposeCount: number = grown.purposes;
      const make = scenarios(fixtures, grown.activities, purposeCount);
      const timedScenarios = (['purpose', 'purposes', 'get', 'list', 'export', 'create', 'update'] as const).filter(runs);
      // The peer (Platformatic DB) on the same PostgreSQL database, a process of its own; started once per size.
      let peer: Peer | undefined;
      if (timedScenarios.some((name) => (peerScenarios as readonly string[]).includes(name))) {
        const started = await startPeer(env.BENCH_DATABASE_URL);
        if ('skipped' in started) console.log(`peer: skipped — ${started.skipped}`);
        else {
          peer = started;
          cleanups.push(() => started.stop());
        }
      }
      const peerMake = peer ? peerRequests(fixtures, grown.activities, purposeCount) : undefined;
      for (const scenario of timedScenarios) {
        const row: any = { size: grown.activities, scenario };
        const targets: {
          target: 'service' | 'baseline' | 'peer';
          port: number;
          request: MakeRequest;
          onResponse?: OnResponse;
          beforeRound?: () => Promise<void>;
        }[] = (['service', 'baseline'] as const).map((target) => {
          const port = target === 'service' ? service.port : baselinePort;
          if (scenario === 'update') {
            const load = make.update(target === 'service' ? updateService! : updateBaseline!);
            return { target, port, request: load.request, onResponse: load.onResponse, beforeRound: () => load.beforeRound(port, token) };
          }
          return {
            target,
            port,
            request:
              scenario === 'export'
                ? () => ({ method: 'GET' as const, path: '/v1/register?state=working' })
                : scenario === 'create'
                  ? (i: number) => make.create(i, target)
                  : make[scenario],
          };
        });
        if (peer && peerMake && scenario !== 'export') {
          if (scenario === 'update') await peerMake.prepareUpdate(peer.port);
          targets.push({ target: 'peer', port: peer.port, request: peerMake[scenario] });
        }
        const resetAll = async () => {
          await service.call('reset');
          await baseline?.call('reset');
          await peer?.reset();
        };
        const timed: Record<string, Omit<Figures, 'queriesPerRequest' | 'peakRssMb'>> = {};
        const peakRss: Record<string, number> = {};
        const settle = (p99: number) => new Promise((resolve) => setTimeout(resolve, Math.min(5000, Math.max(500, 2 * p99))));
        if (scenario === 'export') {
          // Whole documents one after another, one window per target (each export is seconds long at 10,000).
          for (const { target, port } of targets) {
            await exportLoop(port, token, 1); // warm-up
            await service.call('reset');
            await baseline?.call('reset');
            timed[target] = await exportLoop(port, token, durationS);
            await settle(timed[target]!.p99);
            peakRss[target] =
              target === 'service' ? (await service.call('stats')).peakRss : baseline ? (await baseline.call('reset')).peakRss : NaN;
          }
        } else {
          // Interleaved rounds (service, baseline, baseline, service, …) so that drift on a shared
          // machine — autovacuum, a checkpoint, another process — falls on both alike.
          for (const t of targets) {
            await t.beforeRound?.();
            await cannon(t.port, token, 1, t.request, t.onResponse); // warm-up
          }
          await resetAll();
          const rounds = interleavedRounds(targets);
          const samples = new Map(targets.map((t) => [t.target, [] as Sample[]]));
          for (const t of rounds) {
            await t.beforeRound?.();
            samples.get(t.target)!.push(await cannon(t.port, token, durationS / roundsPerScenario, t.request, t.onResponse));
          }
          for (const { target } of targets) timed[target] = combine(samples.get(target)!);
          await settle(Math.max(...targets.map((t) => timed[t.target]!.p99)));
          peakRss.service = (await service.call('stats')).peakRss;
          peakRss.baseline = baseline ? (await baseline.call('reset')).peakRss : NaN; // PGlite: one process for both
          if (peer) peakRss.peer = await peer.reset();
        }
        // SQL statements per request, counted over requests sent one at a time.
        for (const { target, port, request, onResponse, beforeRound } of targets) {
          await resetAll();
          await beforeRound?.();
          const counted = scenario === 'export' ? 2 : 20;
          const { ok, bytes, p50: oneAtATimeMs } = await sequential(port, token, counted, request, onResponse);
          const stats = await service.call('stats');
          const queries =
            target === 'peer'
              ? NaN // not counted: the peer's driver is its own
              : target === 'service'
                ? stats.queries
                : baseline
                  ? (await baseline.call('reset')).queries
                  : stats.baselineQueries;
          const figures = timed[target]!;
          row[target] = {
            ...figures,
            errors: figures.errors + (counted - ok),
            queriesPerRequest: queries / counted,
            peakRssMb: peakRss[target]! / 1024 / 1024,
            bytesPerResponse: figures.bytesPerResponse ?? bytes,
            // The median latency of those requests sent one at a time (nothing else in flight).
            oneAtATimeMs,
          };
        }
        row.ratio = row.service.rps / row.baseline.rps;
        if (row.peer) row.peerRatio = row.service.rps / row.peer.rps;
        rows.push(row);
        const s = row.service as Figures;
        const b = row.baseline as Figures;
        console.log(
          `${String(row.size).padStart(6)} ${scenario.padEnd(7)} service ${fmt(s.rps, s.rps < 10 ? 2 : 0).padStart(6)} req/s p50 ${fmt(s.p50, 1)} p99 ${fmt(s.p99, 1)} ms ` +
            `${fmt(s.queriesPerRequest, 2)} q/req RSS ${fmt(s.peakRssMb)} MB${s.errors ? ` ERRORS ${s.errors} ${JSON.stringify(s.errorStatuses ?? {})}` : ''} | baseline ${fmt(b.rps, b.rps < 10 ? 2 : 0)} req/s ` +
            `p50 ${fmt(b.p50, 1)} p99 ${fmt(b.p99, 1)} ms ${fmt(b.queriesPerRequest, 2)} q/req${b.errors ? ` ERRORS ${b.errors} ${JSON.stringify(b.errorStatuses ?? {})}` : ''} | ratio ${fmt(row.ratio, 2)}` +
            (row.peer
              ? ` | peer ${fmt(row.peer.rps, 0)} req/s p50 ${fmt(row.peer.p50, 1)} ms RSS ${fmt(row.peer.peakRssMb)} MB${row.peer.errors ? ` ERRORS ${row.peer.errors} ${JSON.stringify(row.peer.errorStatuses ?? {})}` : ''} ÷ peer ${fmt(row.peerRatio, 2)}`
              : '') +
            ` | bytes ${s.bytesPerResponse} / ${b.bytesPerResponse}${row.peer ? ` / ${row.peer.bytesPerResponse}` : ''}` +
            ` | one at a time p50 ${fmt(s.oneAtATimeMs ?? NaN, 1)} / ${fmt(b.oneAtATimeMs ?? NaN, 1)}${row.peer ? ` / ${fmt(row.peer.oneAtATimeMs, 1)}` : ''} ms`,
        );
        if (scenario === 'create' || scenario === 'update') await service.call('cleanup');
      }
      if (runs('export-xlsx')) {
        const row = await benchXlsxExport({
          size: grown.activities,
          seconds: durationS,
          loop: (seconds) => exportLoop(service.port, token, seconds, xlsxExportPath),
          call: (cmd) => service.call(cmd),
        });
        xlsxExports.push(row);
        console.log(describeXlsxExport(row));
      }
      await peer?.stop();
      if (runs('rename')) {
        const rename = await service.call('rename');
        renames.push({ size: grown.activities, ...rename });
        console.log(
          `${String(grown.activities).padStart(6)} rename  a purpose linked by ${rename.activities} activities: ${fmt(rename.linkedMs, 1)} ms, ` +
            `one linked by none: ${fmt(rename.loneMs, 1)} ms (write amplification ${fmt(rename.amplificationMs, 1)} ms)`,
        );
      }
      if (runs('soak')) soaks.push(await soak(service, token, fixtures, grown.activities, connections));
    }

    const startup = runs('startup') ? await measureStartup(cleanups) : undefined;
    const dataMap = runs('data-map') ? await benchDataMap(sizes) : undefined;

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
    if (rows.length > 0) console.log(`\n${table}\n`);
    const peerRows = peerTable(rows);
    if (peerRows) console.log(`${peerRows}\n`);
    for (const row of xlsxExports) console.log(describeXlsxExport(row));

    const results = {
      database: kind,
      node: process.version,
      date: new Date().toISOString(),
      durationS,
      connections,
      rows,
      renames,
      soaks,
      xlsxExports,
      startup,
      dataMap,
      benchSeconds: Math.round((Date.now() - began) / 1000),
    };
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    // Only a full run replaces the published figures; a partial one (BENCH_SCENARIOS, other sizes) is kept aside.
    const partial = chosen.length > 0 || sizes.length > 0;
    const file = join(dir, `${partial ? 'partial' : 'latest'}-${kind}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    console.log(`written: bench/results/${partial ? 'partial' : 'latest'}-${kind}.json (${results.benchSeconds} s in all)`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
