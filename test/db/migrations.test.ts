import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '../../migrations';
import { ConfigError, configSchema, loadConfig } from '../../src/config';
import { createTestDatabase } from '../helper';

t.test('the migrations build exactly the schema the entities describe', async (t) => {
  const database = await createTestDatabase(t);
  await database.dataSource.runMigrations({ transaction: 'each' });
  const pending = await database.dataSource.driver.createSchemaBuilder().log();
  t.same(
    pending.upQueries.map((query) => query.query),
    [],
    'no schema difference between entities and migrations',
  );
  t.equal(await database.dataSource.showMigrations(), false, 'nothing left to apply');
});

t.test('the migrations can be reverted and re-applied', async (t) => {
  const database = await createTestDatabase(t);
  await database.dataSource.runMigrations({ transaction: 'each' });
  for (let i = 0; i < migrations.length; i++) await database.dataSource.undoLastMigration({ transaction: 'each' });
  const [{ count }] = await database.dataSource.query(
    `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
  );
  t.equal(count, 0, 'down removes every table');
  await database.dataSource.runMigrations({ transaction: 'each' });
  const [{ bases }] = await database.dataSource.query('SELECT count(*)::int AS bases FROM legal_bases WHERE built_in');
  t.equal(bases, 33);
});

t.test('configuration: defaults, and a bad value stops start-up naming the key', async (t) => {
  const config = loadConfig({});
  t.match(config, { PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info', SEED_ON_EMPTY: true });
  t.equal(config.DATABASE_URL, undefined);
  t.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT must be <= 65535 \(got "70000"\)/);
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud', SEED_ON_EMPTY: 'perhaps' }), /LOG_LEVEL.*SEED_ON_EMPTY|SEED_ON_EMPTY.*LOG_LEVEL/);
});

t.test('.env.example lists every configuration key, and nothing else', async (t) => {
  const listed = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((key): key is string => Boolean(key));
  t.same([...new Set(listed)].sort(), Object.keys(configSchema.properties).sort());
});
