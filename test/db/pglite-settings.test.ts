import t from 'tap';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';

// PGLITE_SHARED_BUFFERS_MB reaches the embedded PostgreSQL: its shared buffers live in PGlite's
// WebAssembly memory, so this is the knob that bounds most of what the embedded database adds to RSS.

t.test('the embedded database runs with the configured shared buffers', async (t) => {
  const config = loadConfig({ DATABASE_URL: '', DATA_DIR: 'memory://', PGLITE_SHARED_BUFFERS_MB: '16' });
  t.equal(config.PGLITE_SHARED_BUFFERS_MB, 16);
  const database = await openDatabase(config);
  t.teardown(() => database.close());
  const [row] = await database.dataSource.query('SHOW shared_buffers');
  t.equal(row.shared_buffers, '16MB');
});

t.test('without the key it is PGlite’s own 128 MB', async (t) => {
  t.equal(loadConfig({ DATABASE_URL: '', DATA_DIR: 'memory://' }).PGLITE_SHARED_BUFFERS_MB, 128);
});

t.test('a value out of range is refused at start-up', async (t) => {
  t.throws(() => loadConfig({ DATABASE_URL: '', PGLITE_SHARED_BUFFERS_MB: '0' }), /PGLITE_SHARED_BUFFERS_MB/);
});
