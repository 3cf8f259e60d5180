import { connect } from 'node:net';
import { request as httpRequest, Agent } from 'node:http';
import t from 'tap';
import { clientErrorHandler } from '../../src/plugins/error-handler';
import { authHeader, buildTestApp, call } from '../helper';

// Errors Fastify and Node answer themselves (an over-long or badly encoded path, a header block
// too large, a request that is not HTTP, a request while the server closes) leave the same way
// as every other error: RFC 9457 problem+json with a stable code.

const problemType = /^application\/problem\+json/;

t.test('an over-long path id is authenticated first, then refused by validation (400), never 414', async (t) => {
  const app = await buildTestApp(t);
  for (const length of [101, 1000, 8000]) {
    const url = `/v1/purposes/${'x'.repeat(length)}`;
    const anonymous = await app.inject({ method: 'GET', url });
    t.equal(anonymous.statusCode, 401, `${length} characters without a token: 401`);
    t.match(anonymous.headers['content-type'], problemType);
    const refused = await call(app, 'GET', url);
    t.equal(refused.statusCode, 400, `${length} characters: 400`);
    t.match(refused.headers['content-type'], problemType);
    t.equal(refused.data.code, 'VALIDATION_FAILED');
    t.same(refused.data.errors, [{ in: 'params', path: '/id', message: 'must match format "uuid"' }]);
  }
});

t.test('a badly percent-encoded path is a problem+json 400', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/v1/purposes/%E0%A4%A', headers: await authHeader(app) });
  t.equal(response.statusCode, 400);
  t.match(response.headers['content-type'], problemType);
  t.match(response.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'params', path: '' }] });
});

t.test('a NUL in the query of a public route is a problem+json 400', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/health/live?q=%00' });
  t.equal(response.statusCode, 400);
  t.match(response.headers['content-type'], problemType);
  t.match(response.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'query', path: '/q' }] });
});

/** Raw bytes to the listening server; resolves with everything it answered before closing. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const parse = (answer: string) => {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.split(':')[0]!.toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(body || 'null') };
};

t.test('what Node refuses before routing is problem+json too: 431 and 400', async (t) => {
  const app = await buildTestApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };

  const tooLarge = parse(await raw(port, `GET /v1/purposes HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
  t.equal(tooLarge.status, 431);
  t.match(tooLarge.headers['content-type'], problemType);
  t.match(tooLarge.body, { status: 431, code: 'HEADERS_TOO_LARGE' });

  const longUrl = parse(await raw(port, `GET /v1/purposes/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
  t.equal(longUrl.status, 431, 'a URL longer than the header limit');
  t.match(longUrl.body, { code: 'HEADERS_TOO_LARGE' });

  const notHttp = parse(await raw(port, 'HELLO\r\n\r\n'));
  t.equal(notHttp.status, 400);
  t.match(notHttp.headers['content-type'], problemType);
  t.match(notHttp.body, { status: 400, code: 'MALFORMED_REQUEST' });
});

t.test('while the server closes, a request on a kept-alive connection gets 503 problem+json with Retry-After', async (t) => {
  const app = await buildTestApp(t, { SHUTDOWN_DRAIN_MS: '5000' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const get = (path: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(body) }));
      });
      request.on('error', reject);
      request.end();
    });
  const before = await get('/health/live');
  t.equal(before.status, 200);
  t.not(before.headers.connection, 'close', 'kept alive before the close');

  const closed = app.close();
  const during = await get('/health/live');
  t.equal(during.status, 503, 'answered, not reset');
  t.match(String(during.headers['content-type']), problemType);
  t.equal(during.headers.connection, 'close');
  t.ok(Number(during.headers['retry-after']) > 0, 'Retry-After');
  t.match(during.body, { status: 503, code: 'SHUTTING_DOWN' });
  await closed;
});

t.test('a request that does not arrive within the request timeout is a problem+json 408', async (t) => {
  // Node checks request timeouts every 30 s, too slow to wait for here: the handler is called as Node calls it.
  const written: string[] = [];
  let destroyed = false;
  const socket = { destroyed: false, writable: true, write: (text: string) => written.push(text), destroy: () => (destroyed = true) };
  const log = { info: () => undefined };
  clientErrorHandler.call({ log } as never, Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket as never);
  const answer = parse(written.join(''));
  t.equal(answer.status, 408);
  t.match(answer.headers['content-type'], problemType);
  t.match(answer.body, { status: 408, code: 'REQUEST_TIMEOUT' });
  t.ok(destroyed, 'the connection is closed');
});
