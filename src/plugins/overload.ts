import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/**
 * Overload: shed load with 503 + Retry-After rather than fall over; liveness still answers.
 * Registered after the database opens, so start-up work (PGlite compiling, migrations) does not
 * count as event-loop lag.
 */
export const overloadPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(underPressure, {
      maxEventLoopDelay: app.config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
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
