import { existsSync } from 'node:fs';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { SeedConflictError, loadRegister } from '../src/seed/seed-loader';
import { woktronRegister } from '../src/seed/woktron-register';

/**
 * `npm run seed [-- --force]`: loads the example register into the configured database through
 * the API's own services. Re-running changes nothing; differing data is refused unless --force.
 */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const force = process.argv.includes('--force');
  const config = { ...loadConfig(), SEED_ON_EMPTY: false, LOG_LEVEL: 'warn' as const };
  const app = await buildApp(config);
  await app.ready();
  try {
    const result = await loadRegister(app.services, woktronRegister, { force });
    console.log(`example register: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SeedConflictError ? error.message : error);
  process.exit(error instanceof SeedConflictError ? 2 : 1);
});
