import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../db/pg-errors';
import { AuthenticationError } from '../auth/tokens';
import { AppError, errorCatalogue, type ErrorCode, type FieldError, problemFor } from '../errors';
import { fieldErrors, type AjvError } from '../http/validation-errors';

/** Fastify's own client errors, by code, as our stable codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
};

/** The one required header whose absence has a status of its own: If-Match, 428 (RFC 6585). */
const missingIfMatch = (errors: FieldError[]) =>
  errors.length > 0 && errors.every((error) => error.in === 'headers' && error.path === '/if-match' && error.message === 'is required');

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
        // Every 403 — a role the token lacks (FORBIDDEN), or a unit (OUTSIDE_UNITS) — is the token's scope (RFC 6750).
        if (error.status === 403) reply.header('www-authenticate', 'Bearer realm="processing-register", error="insufficient_scope"');
        return send(reply, request, error.code, error.detail, error.extras);
      }
      if (error.statusCode === 429) return send(reply, request, 'RATE_LIMITED', error.message);
      if (error.validation) {
        const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
        if (missingIfMatch(errors)) {
          return send(
            reply,
            request,
            'PRECONDITION_REQUIRED',
            "This change needs an If-Match header with the ETag from your last read of the entry, so no one else's change is overwritten.",
          );
        }
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

/**
 * Fastify's own refusals before a route is found (a badly encoded path, a path parameter over the
 * router's limit), answered through the same problem+json path as every other error.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  if (error.code === 'FST_ERR_BAD_URL') {
    return send(reply, request, 'VALIDATION_FAILED', 'The path is not valid: it has a malformed percent-encoding.', {
      errors: [{ in: 'params', path: '', message: 'is not a valid URL component (malformed percent-encoding)' }],
    });
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, request, 'VALIDATION_FAILED', 'A path parameter is too long.', {
      errors: [{ in: 'params', path: '', message: 'is longer than the router accepts' }],
    });
  }
  request.log.error({ err: error }, 'router error');
  return send(reply, request, 'INTERNAL', `An unexpected error occurred. It has been logged with request id ${request.id}.`);
};

/** Node's refusals of what is not a request it can read, by its error code. */
const clientErrorCodes: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

const clientErrorDetails: Partial<Record<ErrorCode, string>> = {
  REQUEST_TIMEOUT: 'The request did not arrive in full within the request timeout.',
  HEADERS_TOO_LARGE: 'The request line (the URL) and headers together exceed the size this server reads.',
  MALFORMED_REQUEST: 'The request could not be read as HTTP/1.1.',
};

/**
 * What Node's HTTP parser refuses (headers or URL too large, a timeout, bytes that are not HTTP)
 * never reaches Fastify's routing: it is answered on the socket, as problem+json like any other
 * error, and the connection closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCodes[error.code ?? ''] ?? 'MALFORMED_REQUEST';
  const problem = problemFor(code, clientErrorDetails[code] ?? errorCatalogue[code].title);
  const body = JSON.stringify(problem);
  this.log.info({ code: error.code }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
