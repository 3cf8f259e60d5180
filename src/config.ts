import Ajv from 'ajv';

/**
 * The one configuration schema. Every key is read from the environment, validated here, and
 * listed in .env.example; nothing else in the code reads process.env.
 */
export const configSchema = {
  type: 'object',
  additionalProperties: true,
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
    DATABASE_POOL_SIZE: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'PostgreSQL pool size' },
    DATABASE_CONNECT_TIMEOUT_MS: {
      type: 'integer',
      minimum: 100,
      maximum: 60000,
      default: 5000,
      description: 'How long to wait for a PostgreSQL connection before failing',
    },
    BODY_LIMIT_BYTES: {
      type: 'integer',
      minimum: 1024,
      maximum: 104857600,
      default: 1048576,
      description: 'Largest accepted request body',
    },
    SEED_ON_EMPTY: {
      type: 'boolean',
      default: true,
      description: 'Load the example register when the embedded database is empty at start-up',
    },
  },
} as const;

export interface Config {
  PORT: number;
  HOST: string;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  DATABASE_URL?: string;
  DATA_DIR: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_CONNECT_TIMEOUT_MS: number;
  BODY_LIMIT_BYTES: number;
  SEED_ON_EMPTY: boolean;
}

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
  return candidate as unknown as Config;
}
