import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Database } from '../db/data-source';

export interface DatabasePluginOptions {
  /** An already open database (tests); it is then closed by its owner, not by the app. */
  database?: Database;
}

/** Opens the database named by the config, brings its schema up to date, closes it with the app. */
export const databasePlugin = fp<DatabasePluginOptions>(
  async (app: FastifyInstance, options) => {
    const database = options.database ?? (await openDatabase(app.config));
    if (!options.database) {
      app.addHook('onClose', async () => database.close());
    }
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) app.log.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
    app.log.info({ database: database.kind }, 'database ready');
    app.decorate('database', database);
    app.decorate('dataSource', database.dataSource);
  },
  { name: 'database' },
);
