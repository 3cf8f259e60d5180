import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/** Seconds a client is told to wait before it retries a request refused while shutting down. */
export const shutdownRetryAfterSeconds = (drainMs: number) => Math.max(1, Math.ceil(drainMs / 1000));

/**
 * Shutting down without resetting anyone. Once close() starts:
 * - every response carries `Connection: close`, so no client sends another request on it;
 * - a request that still arrives (the next one on a kept-alive connection, or one on a new
 *   connection) is answered 503 SHUTTING_DOWN with Retry-After, before authentication;
 * - connections are not cut while idle: Node's server.close() destroys idle kept-alive sockets,
 *   and a request the client was sending on one at that moment was reset (ECONNRESET). So for up
 *   to SHUTDOWN_DRAIN_MS every connection stays open until it has closed after its
 *   `Connection: close` response; only then does Fastify close the server (and, after the
 *   requests in flight, the database).
 */
export const shutdownPlugin = fp(
  async (app: FastifyInstance) => {
    const drainMs = app.config.SHUTDOWN_DRAIN_MS;
    const retryAfter = String(shutdownRetryAfterSeconds(drainMs));
    let closing = false;

    const open = new Set<Socket>();
    let onDrained: (() => void) | undefined;
    app.server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => {
        open.delete(socket);
        if (open.size === 0) onDrained?.();
      });
    });

    // Callback hooks, not async ones: every request passes them, and nearly always they do nothing.
    app.addHook('onRequest', (_request, reply, done) => {
      if (!closing) return done();
      reply.header('retry-after', retryAfter);
      done(new AppError('SHUTTING_DOWN', `The service is shutting down; retry in ${retryAfter} s (another instance may answer sooner).`));
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });

    app.addHook('preClose', async () => {
      closing = true;
      if (!app.server.listening || open.size === 0 || drainMs === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, drainMs);
        function done() {
          clearTimeout(timer);
          onDrained = undefined;
          resolve();
        }
        onDrained = done;
      });
    });
  },
  { name: 'shutdown' },
);
