import { PGlite, types } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from '../../entities';
import { migrations } from '../../migrations';
import type { Config } from '../config';
import { createPGlitePoolClass } from './pglite-pool';
import { SnakeNamingStrategy } from './snake-naming-strategy';

export type DatabaseConfig = Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE' | 'DATABASE_CONNECT_TIMEOUT_MS'> &
  Partial<Pick<Config, 'PGLITE_SHARED_BUFFERS_MB'>>;

export interface Database {
  dataSource: DataSource;
  kind: 'postgres' | 'pglite';
  /** Closes the DataSource and, for the embedded database, PGlite itself. */
  close(): Promise<void>;
}

const common = {
  type: 'postgres',
  entities,
  migrations,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
  namingStrategy: new SnakeNamingStrategy(),
  synchronize: false,
  logging: false,
} satisfies Partial<DataSourceOptions>;

// TypeORM may send booleans as strings or numbers; PGlite's own serializer accepts only booleans.
const booleanSerializer = (value: unknown) => {
  if (value === true || value === 'true' || value === 1) return 'TRUE';
  if (value === false || value === 'false' || value === 0) return 'FALSE';
  return String(value);
};

/**
 * `sharedBuffersMb`: PostgreSQL's shared_buffers inside PGlite. They are allocated in its
 * WebAssembly memory (which never shrinks), so they set most of what the embedded database adds to RSS.
 */
export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob; sharedBuffersMb?: number }): Promise<PGlite> {
  const dataDir = options.dataDir === 'memory://' ? undefined : options.dataDir;
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.sharedBuffersMb
      ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`] }
      : {}),
    serializers: { [types.BOOL]: booleanSerializer },
  });
}

/** A DataSource over an already open PGlite instance (tests build these from a template). */
export async function connectPGlite(db: PGlite, ownsInstance: boolean): Promise<Database> {
  const dataSource = new DataSource({
    ...common,
    driver: { Pool: createPGlitePoolClass(db) },
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  } as DataSourceOptions);
  await dataSource.initialize();
  return {
    dataSource,
    kind: 'pglite',
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (ownsInstance && !db.closed) await db.close();
    },
  };
}

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in DATA_DIR. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.DATABASE_URL) {
    const dataSource = new DataSource({
      ...common,
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      connectTimeoutMS: config.DATABASE_CONNECT_TIMEOUT_MS,
      installExtensions: false,
      uuidExtension: 'pgcrypto',
      applicationName: 'processing-register',
    });
    await dataSource.initialize();
    return {
      dataSource,
      kind: 'postgres',
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  }
  const db = await openPGlite({ dataDir: config.DATA_DIR, sharedBuffersMb: config.PGLITE_SHARED_BUFFERS_MB });
  return connectPGlite(db, true);
}
