import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { mintToken } from '../../src/auth/tokens';
import { createPostgresDatabase, testSecret } from '../helper';
import { requireService } from '../support/requires';
import { startProxy, viaProxy } from '../support/tcp-proxy';

// The real process (compiled by `npm test` before the tests run), stopped with a real SIGTERM
// while requests are in flight: every one of them completes, then it exits 0.

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

t.test('SIGTERM during slow requests: all complete, then exit 0 within the bound', async (t) => {
  if (!(await requireService(t, 'postgres'))) return;
  const direct = await createPostgresDatabase(t);
  const proxy = await startProxy({ host: '127.0.0.1', port: Number(new URL(direct).port || 5432) });
  t.teardown(() => proxy.close());
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'src', 'server.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: viaProxy(direct, proxy.port),
      JWT_SECRET: testSecret,
      LOG_LEVEL: 'warn',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 150) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const token = await mintToken(
    new TextEncoder().encode(testSecret),
    { issuer: 'processing-register', audience: 'processing-register-api', rolesClaim: 'roles' },
    { sub: 'shutdown-test', roles: ['reader'], ttlSeconds: 300 },
  );
  proxy.delay(1500);
  const inFlight = Array.from({ length: 6 }, () =>
    fetch(`${base}/v1/purposes`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { items?: unknown },
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.kill('SIGTERM');

  const results = await Promise.all(inFlight);
  t.same(
    results.map((r) => r.status),
    [200, 200, 200, 200, 200, 200],
    'every in-flight request completed',
  );
  t.ok(results.every((r) => Array.isArray(r.body.items)));

  const code = await exited;
  // The server exits 1 when its shutdown takes longer than its own bound (10 s, src/server.ts):
  // exit code 0 is the proof that it stopped within it, without the test timing anything.
  t.equal(code, 0, 'exit code 0: stopped within the shutdown bound');
  if (code !== 0) t.comment(output);
  await t.rejects(fetch(`${base}/health/live`), 'no longer accepting connections');
});
