/**
 * The soak of `npm run bench` (BENCH_SCENARIOS=soak; not in a default run): BENCH_SOAK_REQUESTS
 * (100,000) mixed requests against the service, 10 connections, and its memory sampled every
 * second — RSS, V8 heap, external and array buffers, and on PGlite the WebAssembly memory that
 * holds PostgreSQL itself. The mix, per 1,000 requests:
 *
 *   about 600 GET one activity, 50 list pages of 50, 150 GET one purpose, 50 purpose pages,
 *   50 creates, each followed by the delete of what it made (If-Match, the ETag the create
 *   answered), 50 updates (PATCH with the ETag the last update of that activity answered), 1
 *   whole export (GET /v1/register) and 2 imports (POST /v1/register/import, a register document
 *   in YAML with one activity; the same ten names over and over, so matched after the first)
 *
 * Idle memory is read after a collection (--expose-gc) three times: fresh (the server just
 * started), warmed (after a warm-up of BENCH_SOAK_WARMUP, 2,000, requests of the same mix) and
 * after the soak. It passes when idle RSS after is within 20 % of warmed: what serving leaves
 * behind, not what a first request of each kind loads once (code, plans, caches).
 */
import autocannon from 'autocannon';

interface SoakServer {
  port: number;
  call(cmd: string, args?: object): Promise<any>;
}

type Fixtures = Record<string, string[]> & { purposeBasis: string };

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  wasmBytes: number | null;
}

const mb = (bytes: number | null | undefined) => (bytes == null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10);
const inMb = (m: Memory) => ({
  rssMb: mb(m.rss),
  heapUsedMb: mb(m.heapUsed),
  heapTotalMb: mb(m.heapTotal),
  externalMb: mb(m.external),
  arrayBuffersMb: mb(m.arrayBuffers),
  wasmMb: mb(m.wasmBytes),
});

/** The mixed load: `amount` requests, each connection keeping its own ETags and what it created. */
async function mixed(
  server: SoakServer,
  token: string,
  fixtures: Fixtures,
  size: number,
  amount: number,
  connections: number,
  progress = { sent: 0 },
) {
  let i = 0;
  let created = 0;
  const pages = Math.max(1, Math.floor(size / 50));
  const activities = fixtures.activityIds!;
  const purposes = fixtures.purposeIds!;
  // Activities the soak updates, one per connection, checked out by a request and back in by its
  // answer (autocannon clears a connection's context after each request of a one-request list).
  const owned = activities.slice(-connections);
  const free = [...owned];
  const etags = new Map<string, string>();
  // What the creates made, deleted by the next requests sent (with the ETag the create answered).
  const toDelete: { id: string; etag: string }[] = [];
  const json = { 'content-type': 'application/json' };
  const createBody = () =>
    JSON.stringify({
      name: `Bench soak ${process.pid}-${++created}`,
      role: 'controller',
      status: 'active',
      owner: 'Bench',
      controllerIds: fixtures.organisations,
      purposes: fixtures.purposes!.map((purposeId) => ({ purposeId, legalBasisIds: [fixtures.purposeBasis] })),
      dataSubjectCategoryIds: fixtures.dataSubjectCategories,
      dataCategories: fixtures.dataCategories!.map((dataCategoryId) => ({ dataCategoryId, retentionRuleId: fixtures.retentionRules![0] })),
      securityMeasureIds: fixtures.securityMeasures,
    });
  const importBody = (k: number) =>
    `documentType: processing-register-document\nactivities:\n  - name: Bench import ${k % 10}\n    role: controller\n    status: active\n    owner: Bench\n`;
  const kinds: Record<string, number> = {};
  const request = (context: Record<string, any>): autocannon.Request => {
    const n = i++;
    progress.sent = i;
    const pick = (): [string, autocannon.Request] => {
      const made = toDelete.shift();
      if (made) return ['delete', { method: 'DELETE', path: `/v1/processing-activities/${made.id}`, headers: { 'if-match': made.etag } }];
      if (n % 1000 === 500) return ['export', { method: 'GET', path: '/v1/register?state=working' }];
      if (n % 1000 === 250 || n % 1000 === 750)
        return [
          'import',
          { method: 'POST', path: '/v1/register/import', headers: { 'content-type': 'application/yaml' }, body: importBody(n) },
        ];
      const slot = n % 100;
      if (slot < 60) return ['get', { method: 'GET', path: `/v1/processing-activities/${activities[n % activities.length]}` }];
      if (slot < 65) return ['list', { method: 'GET', path: `/v1/processing-activities?limit=50&offset=${((n * 7) % pages) * 50}` }];
      if (slot < 80) return ['purpose', { method: 'GET', path: `/v1/purposes/${purposes[n % purposes.length]}` }];
      if (slot < 85)
        return ['purposes', { method: 'GET', path: `/v1/purposes?limit=50&offset=${(n * 7) % Math.max(1, purposes.length - 50)}` }];
      if (slot < 90) return ['create', { method: 'POST', path: '/v1/processing-activities', headers: json, body: createBody() }];
      const owner = free.shift();
      if (!owner) return ['get', { method: 'GET', path: `/v1/processing-activities/${activities[n % activities.length]}` }];
      context.owner = owner;
      if (!etags.has(owner)) return ['read-for-update', { method: 'GET', path: `/v1/processing-activities/${owner}` }];
      return [
        'update',
        {
          method: 'PATCH',
          path: `/v1/processing-activities/${owner}`,
          headers: { ...json, 'if-match': etags.get(owner)! },
          body: JSON.stringify({ description: `Soaked ${n}`, securityMeasureIds: fixtures.securityMeasures!.slice(n % 2) }),
        },
      ];
    };
    const [kind, outgoing] = pick();
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    context.kind = kind;
    return outgoing;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${server.port}`,
        connections,
        amount,
        timeout: 120,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (base, context) => {
              const next = request(context as Record<string, any>);
              return { ...base, ...next, headers: { ...base.headers, ...next.headers } } as autocannon.Request;
            },
            onResponse: (status, body, ctx, headers) => {
              const context = ctx as Record<string, any>;
              const etag = headers?.etag as string | undefined;
              if (context.kind === 'create' && status === 201 && etag) toDelete.push({ id: JSON.parse(body).id, etag });
              if (context.owner) {
                if (status === 200 && etag) etags.set(context.owner, etag);
                else etags.delete(context.owner); // read it again
                free.push(context.owner);
              }
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  if (result.errors + result.timeouts > 0) statuses['0'] = result.errors + result.timeouts;
  return {
    seconds: result.duration,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    kinds,
  };
}

/** One soak against `server` (the service's bench process), memory sampled throughout. */
export async function soak(server: SoakServer, token: string, fixtures: Fixtures, size: number, connections: number) {
  const amount = Number(process.env.BENCH_SOAK_REQUESTS ?? 100_000);
  const warmup = Number(process.env.BENCH_SOAK_WARMUP ?? 2_000);
  const idle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return (await server.call('memory', { gc: true })) as Memory;
  };
  const fresh = await idle();
  await mixed(server, token, fixtures, size, warmup, connections);
  const warmed = await idle();
  const samples: (Memory & { s: number })[] = [];
  const started = Date.now();
  let sampling = true;
  const progress = { sent: 0 };
  const sampler = (async () => {
    while (sampling) {
      samples.push({ s: (Date.now() - started) / 1000, ...((await server.call('memory')) as Memory) });
      if (samples.length % 60 === 0) {
        const last = samples[samples.length - 1]!;
        console.log(
          `       soak: ${progress.sent} of ${amount} sent after ${Math.round(last.s)} s; RSS ${mb(last.rss)} MB, heap ${mb(last.heapUsed)} MB${last.wasmBytes ? `, WASM ${mb(last.wasmBytes)} MB` : ''}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const load = await mixed(server, token, fixtures, size, amount, connections, progress);
  sampling = false;
  await sampler;
  const after = await idle();
  await server.call('cleanup');
  const peak = (key: keyof Memory) => Math.max(...samples.map((s) => Number(s[key] ?? 0)));
  const growth = after.rss / warmed.rss - 1;
  const result = {
    size,
    ...load,
    memory: {
      fresh: inMb(fresh),
      warmed: inMb(warmed),
      after: inMb(after),
      peak: { rssMb: mb(peak('rss')), heapUsedMb: mb(peak('heapUsed')), externalMb: mb(peak('external')), wasmMb: mb(peak('wasmBytes')) },
    },
    rssGrowthVsWarmed: growth,
    rssGrowthVsFresh: after.rss / fresh.rss - 1,
    pass: growth <= 0.2,
    // Every tenth sample, enough to see the curve.
    samples: samples.filter((_, k) => k % 10 === 0).map((s) => ({ s: Math.round(s.s), ...inMb(s) })),
  };
  const m = result.memory;
  const wasm = (x: { wasmMb: number | null }) => (x.wasmMb == null ? '' : `, WASM ${x.wasmMb} MB`);
  console.log(
    `${String(size).padStart(6)} soak    ${load.requests} requests in ${load.seconds.toFixed(0)} s (${load.rps.toFixed(0)} req/s, p50 ${load.p50} p99 ${load.p99} ms) ` +
      `statuses ${JSON.stringify(load.statuses)} kinds ${JSON.stringify(load.kinds)}\n` +
      `       idle RSS fresh ${m.fresh.rssMb} MB (heap ${m.fresh.heapUsedMb}${wasm(m.fresh)}), warmed ${m.warmed.rssMb} MB (heap ${m.warmed.heapUsedMb}${wasm(m.warmed)}), ` +
      `after ${m.after.rssMb} MB (heap ${m.after.heapUsedMb}, external ${m.after.externalMb}, array buffers ${m.after.arrayBuffersMb}${wasm(m.after)}); ` +
      `peak RSS ${m.peak.rssMb} MB, heap ${m.peak.heapUsedMb} MB: after vs warmed ${(growth * 100).toFixed(1)} % ` +
      `(vs fresh ${(result.rssGrowthVsFresh * 100).toFixed(1)} %) — ${result.pass ? 'PASS' : 'FAIL'} (within 20 %)`,
  );
  return result;
}
