import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, validationFailed } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

/** An Idempotency-Key: 1–200 visible ASCII characters. */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/** A key left pending this long (its request crashed mid-way) may be taken over by a retry. */
const pendingTakeoverMs = 60_000;
/** How long a key is remembered. */
const retentionHours = 24;

const fingerprint = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');

/**
 * Idempotency-Key on POST: the first request with a key runs and its 2xx response is stored;
 * a retry with the same key and body gets that stored response instead of a second entry; the
 * same key with another body is 422. A request that fails frees its key for a retry.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('idempotency', null);

    const claimKey = async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      // Every documented POST route validates the header with its schema (src/plugins/contract.ts)
      // before this runs; the check stays for a POST route registered without one.
      if (typeof key !== 'string' || !idempotencyKeyPattern.test(key)) {
        throw validationFailed([
          { in: 'headers', path: '/idempotency-key', message: `must match pattern "${idempotencyKeyPattern.source}"` },
        ]);
      }
      const principal = request.principal?.sub ?? 'anonymous';
      const hash = fingerprint(request);
      await app.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${retentionHours} hours'`);
      const inserted = await app.dataSource.query(
        `INSERT INTO idempotency_keys (principal, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [principal, key, hash],
      );
      if (inserted.length > 0) {
        request.idempotency = { principal, key };
        return;
      }
      const [stored] = await app.dataSource.query(
        `SELECT request_hash AS "requestHash", status_code AS "statusCode", response, headers,
                (now() - created_at) > make_interval(secs => $3) AS stale
           FROM idempotency_keys WHERE principal = $1 AND key = $2`,
        [principal, key, pendingTakeoverMs / 1000],
      );
      if (!stored) throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'The request with this Idempotency-Key is being processed; retry shortly.');
      if (stored.requestHash !== hash) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (stored.statusCode !== null) {
        return reply
          .code(stored.statusCode)
          .headers({ ...(stored.headers ?? {}), 'idempotent-replayed': 'true' })
          .serializer((payload: unknown) => JSON.stringify(payload))
          .send(stored.response);
      }
      if (!stored.stale) {
        throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'The request with this Idempotency-Key is being processed; retry shortly.');
      }
      await app.dataSource.query(`UPDATE idempotency_keys SET created_at = now() WHERE principal = $1 AND key = $2`, [principal, key]);
      request.idempotency = { principal, key };
    };

    const storeResponse = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        const headers = Object.fromEntries(
          ['location', 'etag', 'content-type']
            .filter((name) => reply.getHeader(name) !== undefined)
            .map((name) => [name, String(reply.getHeader(name))]),
        );
        await app.dataSource.query(
          `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, headers = $5::jsonb WHERE principal = $1 AND key = $2`,
          [claim.principal, claim.key, reply.statusCode, typeof payload === 'string' ? payload : 'null', JSON.stringify(headers)],
        );
      } else {
        await app.dataSource.query(`DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2`, [claim.principal, claim.key]);
      }
      return payload;
    };

    // On POST routes only, first of their own hooks: the other requests do not pay for two hooks
    // that have nothing to do for them.
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.includes('POST')) return;
      const listed = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);
      route.preHandler = [claimKey, ...listed(route.preHandler)] as RouteOptions['preHandler'];
      route.onSend = [storeResponse, ...listed(route.onSend)] as RouteOptions['onSend'];
    });
  },
  { name: 'idempotency', dependencies: ['database', 'auth'] },
);
