/**
 * Measures GET /v1/register over real HTTP: time, bytes, peak RSS and heap while streaming, and
 * the queries one export makes, for the seeded Woktron register and for generated registers.
 *
 *   npx tsc -p tsconfig.bench.json && node dist/bench/register-export.js [sizes…]        # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node dist/bench/register-export.js 2000 10000
 *
 * (`npm run bench` — bench/run.ts — is the suite; this one looks closer at the export alone.)
 *
 * Sizes are total activities (the 13 seeded ones included); default 2000 10000. Run node with
 * --expose-gc (NODE_OPTIONS=--expose-gc) for steadier baselines. The tables are ANALYZEd after
 * each bulk load, as autovacuum would do (BENCH_ANALYZE=false skips it).
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { openRegister } from '../src/register/reader';
import { renderJson } from '../src/register/render-json';
import { loadRegister } from '../src/seed/seed-loader';
import { woktronRegister } from '../src/seed/woktron-register';
import { createTestDatabase, testConfig, tokenFor } from '../test/helper';
import { generateActivities } from '../test/support/register-fixtures';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const cleanups: (() => unknown)[] = [];
  const database = await createTestDatabase({ teardown: (fn) => cleanups.push(fn) });
  const app = await buildApp(testConfig({ EXPORT_RATE_LIMIT_MAX: '100000' }), { database });
  await app.ready();
  await loadRegister(app.services, woktronRegister);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const authorization = `Bearer ${await tokenFor(app, 'auditor')}`;
  const kind = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`database: ${kind}; node ${process.version}`);

  let present = woktronRegister.activities.length;
  for (const size of [present, ...(sizes.length > 0 ? sizes : [2000, 10000])]) {
    if (size > present) {
      await generateActivities(app.dataSource, size - present, `Generated ${present} `);
      present = size;
      // As autovacuum would soon after a bulk load: planner statistics for the grown tables.
      if (process.env.BENCH_ANALYZE !== 'false') await app.dataSource.query('ANALYZE');
    }
    // Queries of one export, counted by the reader.
    const reader = await openRegister(app.dataSource, {});
    try {
      for await (const _ of renderJson(reader));
    } finally {
      await reader.close();
    }

    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    let peakLive = baseline.heapUsed;
    let ticks = 0;
    const gc = (globalThis as { gc?: () => void }).gc;
    const sampler = setInterval(() => {
      // Every 100 ms (with --expose-gc) a full collection first: what is still reachable.
      if (gc && ++ticks % 20 === 0) {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 5);
    const started = process.hrtime.bigint();
    const bytes = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/v1/register?state=working', headers: { authorization } }, (response) => {
          let count = 0;
          response.on('data', (chunk: Buffer) => (count += chunk.length));
          response.on('end', () => resolve(count));
          response.on('error', reject);
        })
        .on('error', reject);
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    console.log(
      `${String(size).padStart(6)} activities: ${mb(bytes).padStart(9)} in ${ms.toFixed(0).padStart(6)} ms; ` +
        `RSS ${mb(baseline.rss)} → peak ${mb(peakRss)} (+${mb(peakRss - baseline.rss)}); heap peak +${mb(peakHeap - baseline.heapUsed)}${gc ? `, live after GC +${mb(peakLive - baseline.heapUsed)}` : ''}; ` +
        `${reader.stats.queries} statements (${reader.stats.fetches ?? 0} of them FETCHes, ${reader.stats.pages} pages)`,
    );
  }
  await app.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
