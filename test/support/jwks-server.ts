import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Test } from 'tap';
import { buildTestApp } from '../helper';
import { manualClock } from './clock';

/**
 * How the endpoint answers: the key set (`ok`), a failure, `state.body` as JSON (`body`: private
 * keys, junk, deep nesting, an empty set…), nothing at all (`hang`), headers and a body that never
 * ends (`trickle`), or a redirect to `state.redirectTo`.
 */
export type JwksMode = 'ok' | '500' | 'html' | 'not-a-jwks' | 'body' | 'hang' | 'trickle' | 'redirect';

/** A JWKS endpoint on the loopback whose answers the test controls; it records every request. */
export async function jwksServer(t: Test, initial: { keys: JWK[] }) {
  const state = { mode: 'ok' as JwksMode, jwks: initial, requests: [] as string[], redirectTo: '', body: '' };
  const open = new Set<ServerResponse>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    state.requests.push(`${request.method} ${request.url}`);
    const json = (status: number, body: string) => response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    switch (state.mode) {
      case 'ok':
        return json(200, JSON.stringify(state.jwks));
      case '500':
        return json(500, '{"error":"internal"}');
      case 'html':
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      case 'not-a-jwks':
        return json(200, '{"keys":"all of them"}');
      case 'body':
        return json(200, state.body);
      case 'redirect':
        return response.writeHead(302, { location: state.redirectTo }).end();
      case 'hang':
        open.add(response);
        return;
      case 'trickle':
        open.add(response);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"keys":[');
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  t.teardown(async () => {
    for (const response of open) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { state, url };
}

/** An Ed25519 key pair with its public JWK (kid, alg, use). */
export async function edKey(kid: string) {
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  return { ...pair, kid, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA', use: 'sig' } as JWK };
}

/**
 * An app verifying tokens against the JWKS at `url` (EdDSA; key set cached 1 s, fetches time out
 * after 300 ms), on a clock the test moves: `clock.advance(1000)` makes the cached set stale.
 */
export async function remoteJwksApp(t: Test, url: string) {
  const clock = manualClock();
  const app = await buildTestApp(
    t,
    {
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      JWT_SECRET: '',
      JWT_JWKS_URL: url,
      JWT_ALGORITHMS: 'EdDSA',
      JWT_JWKS_CACHE_MAX_AGE_MS: '1000',
      JWT_JWKS_TIMEOUT_MS: '300',
    },
    { clock },
  );
  return { app, clock };
}
