import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/** Event-loop lag (ms) above which requests are shed, when PRESSURE_MAX_EVENT_LOOP_DELAY_MS is not set. */
export function defaultMaxEventLoopDelay(database: 'postgres' | 'pglite'): number {
  // The embedded database runs every query on the event loop: a long one (an export of 10,000
  // activities reads for seconds) is lag that says nothing about load, and under-pressure would
  // answer 503 to everyone for the next second after it. On PostgreSQL lag is the service's own.
  return database === 'pglite' ? 0 : 1000;
}

/**
 * Overload: shed load with 503 + Retry-After rather than fall over; liveness still answers.
 * Registered after the database opens, so start-up work (PGlite compiling, migrations) does not
 * count as event-loop lag.
 */
export const overloadPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(underPressure, {
      maxEventLoopDelay: app.config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS ?? defaultMaxEventLoopDelay(app.database.kind),
      maxHeapUsedBytes: app.config.PRESSURE_MAX_HEAP_USED_BYTES,
      retryAfter: app.config.PRESSURE_RETRY_AFTER_S,
      pressureHandler: async (request, reply, type, value) => {
        if (request.url === '/health/live') return;
        reply.header('retry-after', String(app.config.PRESSURE_RETRY_AFTER_S));
        request.log.warn({ type, value }, 'overloaded: request shed');
        throw new AppError('OVERLOADED', `The service is overloaded; retry in ${app.config.PRESSURE_RETRY_AFTER_S} s.`);
      },
    });
  },
  { name: 'overload', dependencies: ['database'] },
);
