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
  const hooks: { beforeAnswer?: () => Promise<unknown> } = {};
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      await hooks.beforeAnswer?.();
      res.statusCode = queued.shift() ?? state.fallback;
      res.end(res.statusCode >= 400 ? 'not today' : '');
      for (const waiter of waiting.filter((w) => received.length >= w.count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
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
    /** Runs after a request arrived, before it is answered (what happens meanwhile elsewhere). */
    set beforeAnswer(hook: () => Promise<unknown>) {
      hooks.beforeAnswer = hook;
    },
    /** Resolves once `count` requests have arrived (the test's own timeout bounds the wait). */
    receivedCount(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    /** What every further request is answered with, once the queue is empty. */
    set fallback(status: number) {
      state.fallback = status;
    },
  };
}
