import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorCode } from '../errors';
import type { JsonObject, JsonSchema } from '../http/dto';
import { problemCodes, withProblems } from '../http/responses';
import { idempotencyKeyPattern } from './idempotency';

/**
 * What every operation's documentation says beyond its own route: the statuses a request can
 * meet on its way there (and the codes they carry), the headers the responses carry, the request
 * headers every route of a kind reads, and which routes need no token. One catalogue, applied to
 * every route as it is registered (after the auth plugin has added its 401/403/429), so the spec
 * states every status and header the server has.
 */

/** Answered before or around any route: Node's parser, validation (NUL, strict query), shutdown, crashes. */
const everyRoute: ErrorCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'REQUEST_TIMEOUT',
  'HEADERS_TOO_LARGE',
  'INTERNAL',
  'SHUTTING_DOWN',
];
/** Fastify parses a body for these methods, whatever the route expects. */
const bodyMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];
const bodyProblems: ErrorCode[] = ['MALFORMED_BODY', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
/** The liveness probe still answers while load is shed (see the overload plugin). */
const sheddable = (url: string) => url !== '/health/live';
/** The rate limiter counts every route but the health checks (see the security plugin). */
const rateLimited = (url: string) => !url.startsWith('/health/');

/** Statuses Node's parser or the shutdown answers before the rate limiter has seen the request. */
const answeredBeforeRouting = (r: ResponseContext) => r.status === '408' || r.status === '431';

interface ResponseContext {
  status: string;
  method: string;
  url: string;
  /** The 2xx JSON body is a stored register entry (it has an integer `version`, not e.g. an import plan's version text): its ETag is sent. */
  entry: boolean;
}

interface HeaderRule {
  name: string;
  description: string;
  schema: JsonSchema;
  /** Sent on every response the rule applies to (a conformance test checks it), not only sometimes. */
  required?: boolean;
  applies(response: ResponseContext): boolean;
}

const integer = { type: 'integer', minimum: 0 };

const responseHeaders: HeaderRule[] = [
  {
    name: 'ETag',
    description: 'Strong entity tag of this representation; send it as If-Match to change or delete the entry',
    schema: { type: 'string', example: '"Hn1dUYbX0lI8hKz3u7v9mA2cQx4rT6wE"' },
    required: true,
    applies: (r) => r.entry && r.status.startsWith('2'),
  },
  {
    name: 'Location',
    description: 'The path of the created entry',
    schema: { type: 'string', format: 'uri-reference', example: '/v1/purposes/0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' },
    required: true,
    applies: (r) => r.status === '201',
  },
  {
    name: 'Idempotent-Replayed',
    description: 'Present when this is the stored response to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
    applies: (r) => r.method === 'POST' && r.status.startsWith('2'),
  },
  {
    name: 'WWW-Authenticate',
    description: 'The bearer challenge (RFC 6750): `invalid_token` with a description, or `insufficient_scope`',
    schema: {
      type: 'string',
      example: 'Bearer realm="processing-register", error="invalid_token", error_description="The token has expired."',
    },
    required: true,
    applies: (r) => r.status === '401' || r.status === '403',
  },
  {
    name: 'Retry-After',
    description: 'Seconds to wait before retrying (rate limited, shedding load, shutting down)',
    schema: integer,
    applies: (r) => r.status === '429' || r.status === '503',
  },
  ...(
    [
      ['X-RateLimit-Limit', 'Requests allowed per window for this client'],
      ['X-RateLimit-Remaining', 'Requests left in the current window'],
      ['X-RateLimit-Reset', 'Seconds until the window resets'],
    ] as const
  ).map(([name, description]): HeaderRule => ({
    name,
    description,
    schema: integer,
    applies: (r) => rateLimited(r.url) && !answeredBeforeRouting(r),
  })),
];

/** The request header every POST honours (src/plugins/idempotency.ts). */
const idempotencyKeyHeader = {
  type: 'string',
  pattern: idempotencyKeyPattern.source,
  description:
    'Makes a retried create safe: the same key with the same body (same caller, within 24 h) answers the stored response instead of acting twice; with another body 422 IDEMPOTENCY_KEY_REUSED; while the first is still running 409 IDEMPOTENCY_KEY_IN_USE. 1–200 visible ASCII characters.',
  example: 'order-2026-11-25-0042',
};

/** The `$ref`ed DTO of a response's JSON content, if any. */
function jsonBodySchema(response: JsonObject, dtoSchemas: Record<string, JsonSchema>): JsonSchema | undefined {
  const ref = response.content?.['application/json']?.schema?.$ref;
  return typeof ref === 'string' ? dtoSchemas[ref.replace(/#.*$/, '')] : undefined;
}

function documentRoute(route: RouteOptions, dtoSchemas: Record<string, JsonSchema>) {
  const schema = route.schema as JsonObject | undefined;
  if (!schema || schema.hide) return;
  const methods = [route.method].flat();
  const url = route.url;
  // Routes without a permission (health) are public: say so, or generators take the default.
  schema.security ??= [];

  const codes: ErrorCode[] = [...everyRoute];
  if (sheddable(url)) codes.push('OVERLOADED');
  if (methods.some((method) => bodyMethods.includes(method))) codes.push(...bodyProblems);
  if (methods.includes('POST')) {
    codes.push('IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED');
    schema.headers = {
      ...schema.headers,
      type: 'object',
      properties: { ...schema.headers?.properties, 'idempotency-key': idempotencyKeyHeader },
    };
  }
  schema.response = withProblems(schema.response ?? {}, codes);

  for (const [status, response] of Object.entries<JsonObject>(schema.response)) {
    const context: ResponseContext = {
      status,
      method: methods[0]!,
      url,
      entry: problemCodes(response).length === 0 && jsonBodySchema(response, dtoSchemas)?.properties?.version?.type === 'integer',
    };
    const headers = Object.fromEntries(
      responseHeaders
        .filter((rule) => rule.applies(context))
        .map((rule) => [rule.name, { ...rule.schema, description: rule.description, ...(rule.required ? { 'x-required': true } : {}) }]),
    );
    if (Object.keys(headers).length > 0) schema.response[status] = { ...response, headers: { ...response.headers, ...headers } };
  }
}

/** Documents every route registered after it (register it after the auth plugin, before the routes). */
export const contractPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => documentRoute(route, app.dtoSchemas));
  },
  { name: 'contract', dependencies: ['auth', 'idempotency'] },
);
