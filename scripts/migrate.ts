import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { bringDocumentsUpToDate } from '../src/processing-activities/document-upkeep';

/** Applies pending migrations to the configured database, then brings the stored read model up to date (start-up does the same). */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.map((m) => m.name).join(', ')}`);
    const { rebuilt } = await bringDocumentsUpToDate(database.dataSource);
    if (rebuilt) console.log('stored activity documents rebuilt');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
