import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Redis } from 'ioredis';

/**
 * The headers helmet's middleware sets, computed once. They are the same on every response (no
 * per-request nonces here), and @fastify/helmet rebuilt the middleware — parsing the CSP
 * directives again — for every request, in two hooks: a tenth of the service's time on GET one
 * purpose (CPU profile, bench scenario purpose). helmet stays the source of the header set.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    // X-Powered-By, which Fastify never sends.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers (CSP that Swagger UI works under), CORS only for configured origins, and a
 * rate limit per client — in memory, or in Redis when REDIS_URL is set so instances share it.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    const headers = securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          // Plain-HTTP deployments behind no TLS (e.g. localhost) must still load Swagger UI's assets.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });

    const origins =
      app.config.CORS_ORIGINS?.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean) ?? [];
    if (origins.length > 0) {
      await app.register(cors, {
        origin: origins,
        methods: ['GET', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
        exposedHeaders: ['Location', 'ETag', 'Retry-After'],
        maxAge: 600,
      });
    }

    let redis: Redis | undefined;
    if (app.config.REDIS_URL) {
      // Loaded only when configured: the client costs ~8 MB of resident memory in every process.
      const { Redis } = await import('ioredis');
      const store = new Redis(app.config.REDIS_URL, {
        connectTimeout: 2000,
        // A command waits for at most one reconnection, and none while disconnected (no offline
        // queue): a request never waits for Redis to come back, it is served unlimited instead.
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: true,
        // Keep trying to reconnect while the service runs, at most every 2 s, so the shared limit
        // is back as soon as Redis is.
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      });
      redis = store;
      // Without a listener ioredis reports connection errors as unhandled. Expected while Redis is
      // away: said once when it goes, once when it is back, not at every reconnection attempt.
      let reachable = true;
      store.on('error', (error) => {
        if (!reachable) return;
        reachable = false;
        app.log.warn({ err: error }, 'rate-limit store (Redis) unavailable: requests are served without a rate limit until it is back');
      });
      store.on('ready', () => {
        if (reachable) return;
        reachable = true;
        app.log.info('rate-limit store (Redis) available again');
      });
      // Redis down at start-up does not stop the service from starting (see skipOnError below).
      await store.connect().catch(() => undefined);
      app.addHook('onClose', async () => {
        if (store.status === 'ready') {
          try {
            await store.quit();
            return;
          } catch {
            // fall through: drop the connection
          }
        }
        // Not connected (or quit failed): stop reconnecting and drop the socket now.
        store.disconnect();
      });
    }
    await app.register(rateLimit, {
      max: app.config.RATE_LIMIT_MAX,
      timeWindow: app.config.RATE_LIMIT_WINDOW_MS,
      ...(redis ? { redis, nameSpace: 'processing-register:rate-limit:' } : {}),
      // If Redis goes away, requests are served rather than refused (fail open): a rate-limit store
      // outage must not take the API down with it. README: Configuration, REDIS_URL.
      skipOnError: true,
      allowList: (request) => request.url.startsWith('/health/'),
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`Rate limit exceeded: at most ${context.max} requests per ${context.after}.`), {
          statusCode: 429,
          code: 'RATE_LIMITED',
        }),
    });
  },
  { name: 'security', dependencies: [] },
);
