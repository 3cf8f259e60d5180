/**
 * Measures the data map at a register's size: GET /v1/register/data-map as JSON and as the
 * Graphviz-drawn SVG, whole and filtered (one activity, around one system), over app.inject.
 *
 *   npx tsc -p tsconfig.bench.json && node dist/bench/data-map.js [sizes…]     # PGlite, in memory
 *   BENCH_SCENARIOS=data-map npm run bench -- 1000                          # the same, as a scenario of npm run bench
 *
 * Sizes are total activities (the 13 seeded ones included); default 1000. Each generated activity
 * uses 2 of 20 generated systems (through SQL, as the generator writes its other links), so the
 * filtered views have something to draw. The first SVG also loads the WebAssembly (reported apart).
 */
import 'reflect-metadata';
import { buildApp } from '../src/app';
import { loadRegister } from '../src/seed/seed-loader';
import { woktronRegister } from '../src/seed/woktron-register';
import { createTestDatabase, testConfig, tokenFor } from '../test/helper';
import { generateActivities } from '../test/support/register-fixtures';
import { resultPrefix, type DataMapFigures } from './data-map-scenario';

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const results: DataMapFigures[] = [];
  const cleanups: (() => unknown)[] = [];
  const database = await createTestDatabase({ teardown: (fn) => cleanups.push(fn) });
  const app = await buildApp(testConfig(), { database });
  await app.ready();
  await loadRegister(app.services, woktronRegister);
  const authorization = `Bearer ${await tokenFor(app, 'auditor')}`;
  const get = async (url: string) => {
    const started = process.hrtime.bigint();
    const response = await app.inject({ method: 'GET', url, headers: { authorization } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: response.body.length, body: response.body };
  };
  const warm = await get('/v1/register/data-map?format=svg');
  console.log(
    `database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; node ${process.version}; first SVG (loads Graphviz) ${warm.ms.toFixed(0)} ms`,
  );

  let present = woktronRegister.activities.length;
  for (const size of [present, ...(sizes.length > 0 ? sizes : [1000])]) {
    if (size > present) {
      await generateActivities(app.dataSource, size - present, `Generated ${present} `);
      present = size;
      await app.dataSource.query(
        `INSERT INTO systems (name, kind, hosting_countries) SELECT 'Bench system ' || n, 'application', '{NL}' FROM generate_series(1, 20) n
           ON CONFLICT DO NOTHING`,
      );
      await app.dataSource.query(
        `INSERT INTO activity_systems (activity_id, system_id)
           SELECT a.id, s.id FROM processing_activities a
             JOIN LATERAL (SELECT id FROM systems WHERE name LIKE 'Bench system %' ORDER BY md5(a.id::text || name) LIMIT 2) s ON TRUE
            WHERE a.name LIKE 'Generated %' AND NOT EXISTS (SELECT 1 FROM activity_systems x WHERE x.activity_id = a.id)`,
      );
      await app.dataSource.query('ANALYZE');
    }
    const [activity] = await app.dataSource.query(`SELECT id FROM processing_activities ORDER BY name DESC LIMIT 1`);
    const [system] = await app.dataSource.query(
      `SELECT s.id FROM systems s JOIN activity_systems x ON x.system_id = s.id GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
    );
    const json = await get('/v1/register/data-map');
    const { nodes, edges } = JSON.parse(json.body);
    const svg = await get('/v1/register/data-map?format=svg');
    const one = await get(`/v1/register/data-map?format=svg&activityId=${activity.id}`);
    const around = await get(`/v1/register/data-map?format=svg&systemId=${system.id}`);
    const edgesOf = (body: string) => (body.match(/class="edge"/g) ?? []).length;
    results.push({
      activities: size,
      nodes: nodes.length,
      edges: edges.length,
      jsonMs: json.ms,
      svgMs: svg.ms,
      svgKb: svg.bytes / 1024,
      oneActivitySvgMs: one.ms,
      oneActivityEdges: edgesOf(one.body),
      aroundSystemSvgMs: around.ms,
      aroundSystemEdges: edgesOf(around.body),
    });
    console.log(
      `${String(size).padStart(6)} activities: graph ${nodes.length} nodes / ${edges.length} edges — JSON ${json.ms.toFixed(0)} ms, ` +
        `SVG ${svg.ms.toFixed(0)} ms (${(svg.bytes / 1024).toFixed(0)} KB); one activity SVG ${one.ms.toFixed(0)} ms (${edgesOf(one.body)} edges); ` +
        `around the busiest system SVG ${around.ms.toFixed(0)} ms (${edgesOf(around.body)} edges)`,
    );
  }
  await app.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  console.log(`${resultPrefix}${JSON.stringify(results)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
