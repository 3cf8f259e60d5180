import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

type Test = { teardown(fn: () => unknown): void };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on the loopback interface: records every request and answers with the
 * statuses queued by `answer` (then `fallback`, 204 unless set). Closed at teardown.
 */
export async function webhookReceiver(t: Test) {
  const received: Received[] = [];
  const queued: number[] = [];
  const state = { fallback: 204 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = queued.shift() ?? state.fallback;
      res.end(res.statusCode >= 400 ? 'not today' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Answers the next requests with these statuses, in order. */
    answer(...statuses: number[]) {
      queued.push(...statuses);
    },
    /** What every further request is answered with, once the queue is empty. */
    set fallback(status: number) {
      state.fallback = status;
    },
  };
}
