import { isIP } from 'node:net';
import Ajv from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';

/**
 * The one configuration schema. Every key is read from the environment, validated here, and
 * listed in .env.example; nothing else in the code reads process.env.
 */
export const configSchema = {
  type: 'object',
  // Only the keys below are read from the environment (see loadConfig), so no others reach here.
  additionalProperties: false,
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1', description: 'Interface to bind (0.0.0.0 for all)' },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      description: 'Pino log level',
    },
    DATABASE_URL: {
      type: 'string',
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL connection URL; when unset the embedded database (PGlite) is used',
    },
    DATA_DIR: {
      type: 'string',
      minLength: 1,
      default: './data',
      description: "Embedded database directory; 'memory://' keeps it in memory (tests)",
    },
    PGLITE_SHARED_BUFFERS_MB: {
      type: 'integer',
      minimum: 1,
      maximum: 1024,
      default: 128,
      description:
        "Embedded database: PostgreSQL's shared buffers in MB (128 is PGlite's own). They live in PGlite's WebAssembly memory, which grows as they fill and never shrinks, so this bounds most of the embedded database's share of RSS",
    },
    DOCUMENT_CACHE_MB: {
      type: 'integer',
      minimum: 0,
      maximum: 4096,
      default: 32,
      description:
        "Memory for stored activity documents that list pages send, in MB, least recently used dropped first (0: read every page's documents from the database). Kept by content hash, so never stale",
    },
    DATABASE_POOL_SIZE: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'PostgreSQL pool size' },
    DATABASE_CONNECT_TIMEOUT_MS: {
      type: 'integer',
      minimum: 100,
      maximum: 60000,
      default: 2000,
      description: 'How long to wait for a PostgreSQL connection before failing (fail fast when it is down)',
    },
    BODY_LIMIT_BYTES: {
      type: 'integer',
      minimum: 1024,
      maximum: 104857600,
      default: 1048576,
      description: 'Largest accepted request body',
    },
    IMPORT_BODY_LIMIT_BYTES: {
      type: 'integer',
      minimum: 1024,
      maximum: 1073741824,
      default: 104857600,
      description: 'Largest accepted import file (POST /v1/register/import)',
    },
    SEED_ON_EMPTY: {
      type: 'boolean',
      default: true,
      description: 'Load the example register when the embedded database is empty at start-up',
    },
    NODE_ENV: {
      type: 'string',
      enum: ['development', 'production', 'test'],
      default: 'development',
      description: 'production refuses to start without configured token keys',
    },
    JWT_ISSUER: { type: 'string', minLength: 1, default: 'processing-register', description: 'Required `iss` of tokens' },
    JWT_AUDIENCE: { type: 'string', minLength: 1, default: 'processing-register-api', description: 'Required `aud` of tokens' },
    JWT_SECRET: { type: 'string', minLength: 32, description: 'HS256 shared secret (development, single service set-ups)' },
    JWT_PUBLIC_KEY: { type: 'string', pattern: 'BEGIN PUBLIC KEY', description: 'PEM (SPKI) public key; needs JWT_ALGORITHMS' },
    JWT_JWKS: { type: 'string', minLength: 2, description: 'Inline JSON Web Key Set (keys chosen by kid)' },
    JWT_JWKS_URL: { type: 'string', pattern: '^https?://', description: "Identity provider's JWKS URL (cached, keys by kid)" },
    JWT_ALGORITHMS: {
      type: 'string',
      pattern: '^(EdDSA|ES256|RS256|HS256)(,(EdDSA|ES256|RS256|HS256))*$',
      description: 'Accepted algorithms, comma-separated (default: EdDSA,ES256,RS256 for key sets, HS256 for a secret)',
    },
    JWT_JWKS_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 60000, default: 3000, description: 'JWKS fetch timeout' },
    JWT_JWKS_CACHE_MAX_AGE_MS: {
      type: 'integer',
      minimum: 1000,
      maximum: 86400000,
      default: 600000,
      description: 'How long a fetched JWKS is used before it is fetched again',
    },
    JWT_VERIFY_CACHE_MAX_AGE_MS: {
      type: 'integer',
      minimum: 0,
      maximum: 3600000,
      default: 60000,
      description: 'How long a verified token is trusted without checking its signature again (never past its expiry; 0 = always check)',
    },
    JWT_CLOCK_TOLERANCE_S: { type: 'integer', minimum: 0, maximum: 300, default: 30, description: 'Allowed clock skew for exp/nbf' },
    JWT_ROLES_CLAIM: { type: 'string', minLength: 1, default: 'roles', description: 'Claim holding the roles (array or space-separated)' },
    JWT_UNITS_CLAIM: {
      type: 'string',
      minLength: 1,
      default: 'units',
      description: "Claim holding the organisational units an editor may edit, by the units' keys (array or space-separated)",
    },
    DOCS_SPEC_PUBLIC: { type: 'boolean', default: true, description: 'Serve /docs/json without a token' },
    CORS_ORIGINS: { type: 'string', description: 'Comma-separated origins allowed by CORS; unset means CORS is off' },
    RATE_LIMIT_MAX: { type: 'integer', minimum: 1, maximum: 1000000, default: 600, description: 'Requests per window per client' },
    RATE_LIMIT_WINDOW_MS: { type: 'integer', minimum: 1000, maximum: 3600000, default: 60000, description: 'Rate-limit window' },
    REDIS_URL: { type: 'string', pattern: '^rediss?://', description: 'Share rate limits between instances through Redis' },
    REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 1000, maximum: 600000, default: 30000, description: 'Longest a request may take' },
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: {
      type: 'integer',
      minimum: 0,
      maximum: 60000,
      description:
        'Answer 503 (Retry-After) while the event loop lags more than this; 0 turns the check off. Unset: 1000 on PostgreSQL, off on the embedded database',
    },
    PRESSURE_MAX_HEAP_USED_BYTES: {
      type: 'integer',
      minimum: 0,
      default: 0,
      description: 'Answer 503 (Retry-After) while the heap is larger than this; 0 turns the check off',
    },
    PRESSURE_RETRY_AFTER_S: { type: 'integer', minimum: 1, maximum: 3600, default: 10, description: 'Retry-After sent when overloaded' },
    HEAP_GROWING_PERCENT: {
      type: 'integer',
      minimum: 0,
      maximum: 300,
      default: 50,
      description:
        "How far (%) V8 lets the heap grow past what survived its last full collection before the next one; 0 = V8's own choice (up to 300 %)",
    },
    SHUTDOWN_DRAIN_MS: {
      type: 'integer',
      minimum: 0,
      maximum: 60000,
      default: 5000,
      description:
        'After SIGTERM, how long open connections are kept until their clients close them (each request answered with Connection: close, new ones 503 + Retry-After) before idle ones are closed',
    },
    CONNECTION_TIMEOUT_MS: {
      type: 'integer',
      minimum: 1000,
      maximum: 600000,
      default: 60000,
      description: 'Idle socket timeout',
    },
    EXPORT_RATE_LIMIT_MAX: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      default: 30,
      description: 'Register exports and snapshots per client per minute (on top of RATE_LIMIT_MAX)',
    },
    SNAPSHOT_SIGNING_KEY: {
      type: 'string',
      pattern: 'BEGIN PRIVATE KEY',
      description: 'Ed25519 private key (PKCS8 PEM) that signs register snapshots; unset: one is generated and kept in the database',
    },
    WEBHOOK_DELIVERY_INTERVAL_MS: {
      type: 'integer',
      minimum: 0,
      maximum: 3600000,
      default: 1000,
      description:
        'How often this instance looks for due webhook deliveries; 0 = it delivers none (an API-only instance: another one delivers, claiming with FOR UPDATE SKIP LOCKED)',
    },
    WEBHOOK_BATCH_SIZE: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'Webhook deliveries claimed and sent at once',
    },
    WEBHOOK_TIMEOUT_MS: {
      type: 'integer',
      minimum: 100,
      maximum: 60000,
      default: 10000,
      description:
        "Longest a webhook receiver's host name lookup, and separately its connection and answer, may take before the attempt fails",
    },
    WEBHOOK_MAX_ATTEMPTS: {
      type: 'integer',
      minimum: 1,
      maximum: 50,
      default: 10,
      description: 'Attempts of one webhook delivery before it is dead-lettered (status dead; redeliver by hand)',
    },
    WEBHOOK_RETRY_BASE_MS: {
      type: 'integer',
      minimum: 100,
      maximum: 86400000,
      default: 30000,
      description: 'Wait before the first webhook retry; it doubles with each further attempt',
    },
    WEBHOOK_RETRY_MAX_MS: {
      type: 'integer',
      minimum: 100,
      maximum: 604800000,
      default: 3600000,
      description: 'Longest wait between two webhook attempts',
    },
    WEBHOOK_LOG_RETENTION_DAYS: {
      type: 'integer',
      minimum: 1,
      maximum: 3650,
      default: 30,
      description:
        'Delivered and dead webhook deliveries, with their attempts, are deleted this many days after the event (pending ones never)',
    },
    WEBHOOK_ALLOWED_PRIVATE_NETWORKS: {
      type: 'string',
      pattern: '^[0-9A-Fa-f:.]+/[0-9]{1,3}(,[0-9A-Fa-f:.]+/[0-9]{1,3})*$',
      description:
        'Comma-separated CIDR ranges webhook URLs may point into although they are private, loopback or link-local (e.g. 10.20.0.0/16 for an internal tool); unset: none',
    },
    REVIEW_CYCLE: {
      type: 'string',
      pattern: '^P(?=\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$',
      default: 'P1Y',
      description:
        'How long an approval holds before the activity is due for review again: an ISO 8601 duration in years, months, weeks and days (P1Y, P6M, P90D)',
    },
    REVIEW_DUE_CHECK_INTERVAL_MS: {
      type: 'integer',
      minimum: 0,
      maximum: 86400000,
      default: 3600000,
      description: 'How often this instance emits review.due webhook events for reviews that have come due (each once); 0 = never',
    },
    SNAPSHOT_SIGNING_KID: {
      type: 'string',
      pattern: '^[A-Za-z0-9._:-]{1,100}$',
      description: 'Key id (kid) of SNAPSHOT_SIGNING_KEY; default: its RFC 7638 thumbprint',
    },
  },
} as const;

/** The validated configuration: its type derived from the schema (defaults make a key always present). */
export type Config = FromSchema<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: true });
const validate = ajv.compile(configSchema);

/** Validates the environment; throws a ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const keys = Object.keys(configSchema.properties);
  const candidate: Record<string, unknown> = {};
  for (const key of keys) {
    const value = env[key];
    // An empty variable means "not set", as in most .env tooling.
    if (value !== undefined && value !== '') candidate[key] = value;
  }
  if (!validate(candidate)) {
    const problems = (validate.errors ?? []).map((error) => {
      const key = error.instancePath.replace(/^\//, '');
      return `${key} ${error.message} (got ${JSON.stringify(env[key])})`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const config = candidate as unknown as Config;
  checkCidrRanges('WEBHOOK_ALLOWED_PRIVATE_NETWORKS', config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS);
  return config;
}

/** What the schema's pattern cannot say: each range is an IP address and a prefix that fits it. */
function checkCidrRanges(key: string, value: string | undefined): void {
  for (const range of (value ?? '').split(',').filter(Boolean)) {
    const [network = '', prefix = ''] = range.split('/');
    const family = isIP(network);
    if (family === 0 || Number(prefix) > (family === 4 ? 32 : 128)) {
      throw new ConfigError(`Invalid configuration: ${key} ${range} is not a CIDR range such as 10.20.0.0/16 or fd12::/64`);
    }
  }
}
