import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { verifyDocuments } from '../src/processing-activities/documents';

const usage = `usage: npm run verify-read-model [-- --repair]

Rebuilds every processing activity's stored document (the read model GET and list send) from
the tables of the configured database and compares it, with its ETag, to the stored one. With
--repair, rewrites those that differ or are missing. Exit code 0: consistent (or repaired);
1: documents differ (not repaired); 2: usage or database error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { repair: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const database = await openDatabase(loadConfig());
  try {
    const check = await database.dataSource.transaction((manager) =>
      verifyDocuments((sql, params) => manager.query(sql, params), { repair: values.repair }),
    );
    const wrong = check.differing.length + check.missing.length;
    console.log(`${check.checked} activities checked: ${check.differing.length} documents differ, ${check.missing.length} missing`);
    for (const id of check.differing) console.log(`  differs: ${id}`);
    for (const id of check.missing) console.log(`  missing: ${id}`);
    if (check.repaired) console.log(`repaired ${wrong}`);
    return wrong === 0 || check.repaired ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
