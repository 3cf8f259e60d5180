import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { mintToken } from '../../src/auth/tokens';
import { testSecret } from '../helper';

// The real process (compiled by `npm test` first), under write load on kept-alive connections,
// stopped with SIGTERM: no request is reset. Requests in flight complete, every answer after the
// signal says `Connection: close`, and a request sent afterwards on a connection that was idle at
// the signal gets 503 SHUTTING_DOWN with Retry-After. Node's server.close() used to destroy the
// idle connections at once, so such a request was reset (or, reconnecting, refused).

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Outcome {
  status?: number;
  connection?: string;
  retryAfter?: string;
  contentType?: string;
  code?: string;
  error?: string;
  /** Sent once the server had logged that it is shutting down. */
  sentWhileClosing: boolean;
}

t.test('SIGTERM under write load on kept-alive connections: every request answered, none reset', async (t) => {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'src', 'server.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      SEED_ON_EMPTY: 'false',
      JWT_SECRET: testSecret,
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '100000',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      SHUTDOWN_DRAIN_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onShuttingDown: (() => void) | undefined;
  const shuttingDown = new Promise<void>((resolve) => (onShuttingDown = resolve));
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('"msg":"shutting down"')) onShuttingDown?.();
  });
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  const agents: Agent[] = [];
  const agent = () => {
    const created = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(created);
    return created;
  };
  t.teardown(() => agents.forEach((a) => a.destroy()));
  let closing = false;
  const send = (via: Agent, method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Outcome>((resolve) => {
      const sentWhileClosing = closing;
      const request = httpRequest({ host: '127.0.0.1', port, method, path, agent: via, headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let code: string | undefined;
          try {
            code = JSON.parse(text).code;
          } catch {
            code = undefined;
          }
          resolve({
            status: response.statusCode,
            connection: response.headers.connection,
            retryAfter: response.headers['retry-after'] as string | undefined,
            contentType: response.headers['content-type'],
            code,
            sentWhileClosing,
          });
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, sentWhileClosing }));
      request.end(body);
    });

  const probe = agent();
  for (let attempt = 0; ; attempt++) {
    const ready = await send(probe, 'GET', '/health/ready', {});
    if (ready.status === 200) break;
    if (attempt > 150) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const token = await mintToken(
    new TextEncoder().encode(testSecret),
    { issuer: 'processing-register', audience: 'processing-register-api', rolesClaim: 'roles' },
    { sub: 'shutdown-keep-alive-test', roles: ['editor'], ttlSeconds: 300 },
  );
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };

  // Connections that will be idle when the signal comes: opened and kept alive now.
  const idle = [agent(), agent(), agent()];
  for (const via of idle) t.equal((await send(via, 'GET', '/v1/purposes?limit=1', auth)).status, 200, 'idle connection opened');

  // Writers: one request after another on their own kept-alive connection, until the server says close.
  let written = 0;
  let onLoad: (() => void) | undefined;
  const loaded = new Promise<void>((resolve) => (onLoad = resolve));
  const writers = Array.from({ length: 4 }, async (_, writer) => {
    const via = agent();
    const outcomes: Outcome[] = [];
    for (let n = 0; n < 2000; n++) {
      const outcome = await send(via, 'POST', '/v1/purposes', json, JSON.stringify({ name: `Load ${writer}-${n}` }));
      outcomes.push(outcome);
      if (++written === 40) onLoad?.();
      if (outcome.error || outcome.connection === 'close' || outcome.status !== 201) break;
    }
    return outcomes;
  });
  await loaded;
  child.kill('SIGTERM');
  await shuttingDown;
  closing = true;
  const late = await Promise.all(idle.map((via) => send(via, 'GET', '/v1/purposes?limit=1', auth)));
  const perWriter = await Promise.all(writers);
  const writes = perWriter.flat();

  t.same(
    writes.filter((w) => w.error).map((w) => w.error),
    [],
    'no write was reset',
  );
  t.ok(
    writes.every((w) => w.status === 201 || w.status === 503),
    `writes answered 201 or 503: ${[...new Set(writes.map((w) => w.status))].join(', ')}`,
  );
  t.ok(
    perWriter.every((outcomes) => outcomes.at(-1)?.connection === 'close'),
    'each writer stopped because the server answered Connection: close',
  );
  t.ok(
    writes.filter((w) => w.sentWhileClosing).every((w) => w.status === 503 && w.connection === 'close'),
    'a write sent while closing is answered 503 with Connection: close',
  );
  t.same(
    late.map((outcome) => outcome.error ?? outcome.status),
    [503, 503, 503],
    'requests on connections idle at the signal are answered 503, not reset',
  );
  for (const outcome of late.filter((o) => o.status === 503)) {
    t.equal(outcome.connection, 'close');
    t.ok(Number(outcome.retryAfter) > 0, 'with Retry-After');
    t.match(outcome.contentType, /^application\/problem\+json/);
    t.equal(outcome.code, 'SHUTTING_DOWN');
  }
  const code = await exited;
  t.equal(code, 0, 'exit code 0');
  if (code !== 0) t.comment(output.slice(-3000));
  t.comment(
    `shutdown under load: ${writes.length} writes (${writes.filter((w) => w.status === 503).length} answered 503), ${late.length} late requests on idle connections, exit ${code}`,
  );
});
