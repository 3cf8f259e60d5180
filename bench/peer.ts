/**
 * The peer of `npm run bench`: Platformatic DB 2.x (@platformatic/db, a devDependency), the
 * automatic REST + GraphQL a Node team would put over the same PostgreSQL schema instead of
 * writing a service. It runs as a process of its own on the database the bench grew, with no
 * migrations of its own (the schema is ours), no auth, no events:
 *
 *   node dist/bench/peer.js        PEER_DATABASE_URL=postgres://… ; answers { ready, port } over IPC
 *
 * PGlite is in-process, so the peer runs only on PostgreSQL (skipped with a reason otherwise).
 * What it is asked, beside the service and the baseline in the same interleaved rounds:
 *
 *   purpose   GET /purposes/:id
 *   purposes  GET /purposes?limit=50&offset=…&orderby.name=asc
 *   get       its GraphQL for the activity with its purposes and data categories — the links it
 *             reaches (tables with a key of their own); link tables with composite keys it does not
 *   list      GET /processingActivities?limit=50&offset=…&orderby.name=asc (flat rows, no links)
 *   create    POST /processingActivities (the activity's row; it writes no links in one request)
 *   update    PUT /processingActivities/:id (a column; no precondition)
 */
import { fork, type ChildProcess } from 'node:child_process';
import type autocannon from 'autocannon';

/** Scenarios the peer takes part in. */
export const peerScenarios = ['purpose', 'purposes', 'get', 'list', 'create', 'update'] as const;

export interface Peer {
  port: number;
  child: ChildProcess;
  /** Collects garbage, answers the peak RSS since the last reset (bytes), then counts afresh. */
  reset(): Promise<number>;
  stop(): Promise<void>;
}

/** The peer on `databaseUrl`, or why it is not run. */
export async function startPeer(databaseUrl: string | undefined): Promise<Peer | { skipped: string }> {
  if (!databaseUrl) return { skipped: 'the peer (Platformatic DB) runs on PostgreSQL only: PGlite is in-process' };
  try {
    require.resolve('@platformatic/db');
  } catch {
    return { skipped: '@platformatic/db is not installed (npm install)' };
  }
  const child = fork(__filename, [], {
    env: { ...process.env, PEER_DATABASE_URL: databaseUrl },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the peer exited with ${code}`)));
    child.once('message', (message: { port: number }) => resolve(message.port));
  });
  const ask = (cmd: string) =>
    new Promise<any>((resolve) => {
      child.once('message', resolve);
      child.send({ cmd });
    });
  return {
    port,
    child,
    reset: async () => (await ask('reset')).peakRss,
    async stop() {
      if (child.exitCode === null) child.send({ cmd: 'stop' });
      await exited;
    },
  };
}

type Fixtures = Record<string, string[]>;

/** The activity with the two link kinds its GraphQL reaches, and every column of each. */
const activityQuery = `query ($id: ID!) { getProcessingActivityById(id: $id) {
  id name createdAt updatedAt version description role status owner reviewDueAt dpiaRequired dpiaReference reference
  businessFunction recordGroup adoptedOn lastReviewedOn language sourceUrl sourcePhrase internalNote automatedDecisionLogic
  automatedDecisionSignificance automatedDecisionSafeguards jointArrangementRef jointArrangementEssence statedAbsences automatedDecisions
  activityPurposes { id legitimateInterest assessmentReference purpose { id name description createdAt updatedAt version } }
  activityDataCategories { id dataCategory { id name description createdAt updatedAt version } retentionRule { id name } }
} }`;

/** The peer's request for each scenario: the same entries the service is asked for. */
export function peerRequests(fixtures: Fixtures, size: number, purposes: number) {
  let n = 0;
  const activityPages = Math.max(1, Math.floor(size / 50));
  const purposePages = Math.max(1, Math.floor(purposes / 50));
  const json = { 'content-type': 'application/json' };
  // Its input schema asks for every NOT NULL column, defaults or not (version too); PUT replaces the row's columns.
  const row = (name: string, description?: string) =>
    JSON.stringify({
      name,
      role: 'controller',
      status: 'active',
      owner: 'Bench',
      automatedDecisions: 'not-stated',
      statedAbsences: [],
      version: 1,
      reviewState: 'draft',
      description,
    });
  // The update writes activities of its own making (the peer's writes leave our stored documents behind, so not ours).
  const updated: { id: string; name: string }[] = [];
  return {
    async prepareUpdate(port: number) {
      for (let k = 0; k < 10; k++) {
        const name = `Bench peer update ${process.pid}-${k}`;
        const response = await fetch(`http://127.0.0.1:${port}/processingActivities`, { method: 'POST', headers: json, body: row(name) });
        if (!response.ok) throw new Error(`the peer did not create an activity: ${response.status} ${await response.text()}`);
        updated.push({ id: ((await response.json()) as { id: string }).id, name });
      }
    },
    purpose: (i: number) => ({ method: 'GET', path: `/purposes/${fixtures.purposeIds![i % fixtures.purposeIds!.length]}` }),
    purposes: (i: number) => ({ method: 'GET', path: `/purposes?limit=50&offset=${((i * 7) % purposePages) * 50}&orderby.name=asc` }),
    get: (i: number) => ({
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: JSON.stringify({ query: activityQuery, variables: { id: fixtures.activityIds![i % fixtures.activityIds!.length] } }),
    }),
    list: (i: number) => ({
      method: 'GET',
      path: `/processingActivities?limit=50&offset=${((i * 7) % activityPages) * 50}&orderby.name=asc`,
    }),
    create: () => ({
      method: 'POST',
      path: '/processingActivities',
      headers: json,
      body: row(`Bench peer ${process.pid}-${++n}`),
    }),
    update: (i: number) => ({
      method: 'PUT',
      path: `/processingActivities/${updated[i % updated.length]!.id}`,
      headers: json,
      body: row(updated[i % updated.length]!.name, `Updated by the bench ${i}`),
    }),
  } satisfies Record<(typeof peerScenarios)[number], (i: number) => autocannon.Request> & { prepareUpdate(port: number): Promise<void> };
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const kb = (bytes: number) => (!Number.isFinite(bytes) ? '–' : bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** The rows with a peer: service ÷ peer beside service ÷ baseline, and bytes per response. */
export function peerTable(rows: any[]): string {
  const withPeer = rows.filter((row) => row.peer || row.bytes);
  if (withPeer.length === 0) return '';
  const rps = (f?: { rps: number }) => (f ? fmt(f.rps, f.rps < 10 ? 2 : 0) : '–');
  const lat = (f?: { p50: number; p99: number }) => (f ? `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)}` : '–');
  return [
    '| Activities | Scenario | Service req/s | p50 / p99 ms | Baseline req/s | Peer req/s | p50 / p99 ms | Service ÷ baseline | Service ÷ peer | Bytes per response: service / baseline / peer |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...withPeer.map(
      (row) =>
        `| ${row.size.toLocaleString('en')} | ${row.scenario} | ${rps(row.service)} | ${lat(row.service)} | ${rps(row.baseline)} | ${rps(row.peer)} | ${lat(row.peer)} | ` +
        `${fmt(row.ratio, 2)} | ${row.peer ? fmt(row.service.rps / row.peer.rps, 2) : '–'} | ` +
        `${kb(row.service?.bytesPerResponse)} / ${kb(row.baseline?.bytesPerResponse)} / ${kb(row.peer?.bytesPerResponse ?? NaN)} |`,
    ),
  ].join('\n');
}

/** The peer process itself. */
async function serve() {
  // Loaded here only: the bench runs without it on PGlite, and the type is not ours to keep.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildServer } = require('@platformatic/db') as { buildServer(config: object): Promise<any> };
  const app = await buildServer({
    server: { hostname: '127.0.0.1', port: 0, logger: { level: 'warn' } },
    db: {
      connectionString: process.env.PEER_DATABASE_URL,
      // Its own default pool is 10 connections, as the service's and the baseline's.
      poolSize: 10,
      graphql: true,
      openapi: true,
      // Its subscriptions need an entity per table it can key; ours has tables it cannot (they would fail its start).
      events: false,
    },
    watch: false,
  });
  await app.start();
  let peakRss = process.memoryUsage.rss();
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10).unref();
  process.on('message', (message: { cmd: string }) => {
    if (message.cmd === 'stop') {
      void app.close().then(() => process.exit(0));
      return;
    }
    const answer = { peakRss };
    (globalThis as { gc?: () => void }).gc?.();
    peakRss = process.memoryUsage.rss();
    process.send!(answer);
  });
  process.send!({ port: Number(new URL(app.url).port) });
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
