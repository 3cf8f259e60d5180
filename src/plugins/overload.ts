import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/** Event-loop lag (ms) above which requests are shed, when PRESSURE_MAX_EVENT_LOOP_DELAY_MS is not set. */
export function defaultMaxEventLoopDelay(database: 'postgres' | 'pglite'): number {
  // The embedded database runs every query on the event loop: a long one (an export of 10,000
  // activities reads for seconds) is lag that says nothing about load, and under-pressure would
  // answer 503 to everyone for the next second after it. On PostgreSQL lag is the service's own.
  return database === 'pglite' ? 0 : 1000;
}

/** under-pressure's sample window (ms): its default, named here because start-up is measured in it. */
const sampleInterval = 1000;

export interface OverloadOptions {
  /** The event loop's delay (ms) in the last sample window; default: under-pressure's own sample. */
  eventLoopDelay?: () => number;
}

/**
 * Overload: shed load with 503 + Retry-After rather than fall over; liveness still answers.
 * Registered after the database opens, so start-up work (PGlite compiling, migrations) does not
 * count as event-loop lag.
 *
 * under-pressure samples the event loop's delay (a perf_hooks histogram, once a second) and
 * checks the heap. The delay is compared here rather than by under-pressure, so that what is
 * compared can be given (OverloadOptions): tests set "the loop lags 1500 ms" instead of blocking
 * the loop for 1.5 s and hoping a sample window catches it.
 *
 * under-pressure's own sample counts only from two sample windows after the app is ready: the
 * windows before span start-up (compiling every route's schemas blocks the loop for over a
 * second on PostgreSQL), and the first requests after a start were answered 503.
 */
export const overloadPlugin = fp(
  async (app: FastifyInstance, options: OverloadOptions) => {
    const retryAfter = app.config.PRESSURE_RETRY_AFTER_S;
    const shed = async (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (request.url === '/health/live') return;
      reply.header('retry-after', String(retryAfter));
      request.log.warn({ type, value }, 'overloaded: request shed');
      throw new AppError('OVERLOADED', `The service is overloaded; retry in ${retryAfter} s.`);
    };
    await app.register(underPressure, {
      maxHeapUsedBytes: app.config.PRESSURE_MAX_HEAP_USED_BYTES,
      retryAfter,
      sampleInterval,
      pressureHandler: shed,
    });
    const maxEventLoopDelay = app.config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS ?? defaultMaxEventLoopDelay(app.database.kind);
    if (maxEventLoopDelay > 0) {
      let sampledFrom = Infinity;
      app.addHook('onReady', async () => {
        sampledFrom = app.clock() + 2 * sampleInterval;
      });
      const eventLoopDelay = options.eventLoopDelay ?? (() => (app.clock() < sampledFrom ? 0 : app.memoryUsage().eventLoopDelay));
      // A callback hook: every request passes it, and nearly always it has nothing to do.
      app.addHook('onRequest', (request, reply, done) => {
        const delay = eventLoopDelay();
        if (delay <= maxEventLoopDelay) return done();
        shed(request, reply, 'eventLoopDelay', delay).then(() => done(), done);
      });
    }
  },
  { name: 'overload', dependencies: ['database'] },
);
