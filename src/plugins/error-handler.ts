import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../db/pg-errors';
import { AuthenticationError } from '../auth/tokens';
import { AppError, type ErrorCode, problemFor } from '../errors';
import { fieldErrors, type AjvError } from '../http/validation-errors';

/** Fastify's own client errors, by code, as our stable codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
};

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, extras = {}) {
  const problem = problemFor(code, detail, extras, request.url.split('?')[0]);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(problem);
}

/**
 * Every error leaves as RFC 9457 problem+json with a stable code. Client errors say what was
 * wrong; server errors are logged in full and answered without internals (no SQL, no stack).
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
      if (error instanceof AuthenticationError) {
        // The reason is logged; the token never is.
        request.log.info({ reason: error.reason }, 'authentication failed');
        const description = error.reason === 'missing token' ? '' : `, error="invalid_token", error_description="${error.detail}"`;
        reply.header('www-authenticate', `Bearer realm="processing-register"${description}`);
        return send(reply, request, error.code, error.detail);
      }
      if (error instanceof AppError) {
        request.log.info({ code: error.code, detail: error.detail }, 'request refused');
        if (error.code === 'FORBIDDEN') reply.header('www-authenticate', 'Bearer realm="processing-register", error="insufficient_scope"');
        return send(reply, request, error.code, error.detail, error.extras);
      }
      if (error.statusCode === 429) return send(reply, request, 'RATE_LIMITED', error.message);
      if (error.validation) {
        const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
        return send(reply, request, 'VALIDATION_FAILED', `${errors.length} field${errors.length === 1 ? ' is' : 's are'} not valid.`, {
          errors,
        });
      }
      const known = error.code ? fastifyCodes[error.code] : undefined;
      if (known) return send(reply, request, known, error.message);
      if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON|prototype|constructor/i.test(error.message))) {
        return send(reply, request, 'MALFORMED_BODY', error.message);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, 'database unavailable');
        return send(reply, request, 'DATABASE_UNAVAILABLE', 'The database cannot be reached; try again shortly.');
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return send(reply, request, error.statusCode === 413 ? 'BODY_TOO_LARGE' : 'MALFORMED_BODY', error.message);
      }
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, request, 'INTERNAL', `An unexpected error occurred. It has been logged with request id ${request.id}.`);
    });

    app.setNotFoundHandler((request, reply) =>
      send(reply, request, 'ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} route. See /docs.`),
    );
  },
  { name: 'error-handler' },
);
