import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { AppError } from '../src/errors';
import type { ImportInput } from '../src/import/service';

/**
 * `npm run import -- <file.yaml|file.json|file.csv|file.xlsx> [--format fides] [--dry-run] [--mode merge|replace] [--actor <name>] [--if-match <version>]`:
 * the same import as POST /v1/register/import, against the configured database (DATABASE_URL,
 * else the embedded one in DATA_DIR). A .json file is the register document or our export, by its
 * documentType; `--format fides` reads a Fides system manifest (fideslang YAML or JSON). A dry run is the plan and prints the register's version; `--if-match <version>`
 * applies the file only if the register is still at that version. Exit 0: imported (or dry run reported); 2: the file was
 * refused (problems or conflicts, listed); 1: anything else.
 */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      mode: { type: 'string', default: 'merge' },
      format: { type: 'string' },
      actor: { type: 'string', default: `cli:${userInfo().username}` },
      'if-match': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('give one file: npm run import -- register.yaml|register.json|register.csv [--dry-run] [--mode merge|replace]');
  if (values.mode !== 'merge' && values.mode !== 'replace') throw new UsageError(`--mode must be merge or replace, not "${values.mode}"`);
  const extension = (values.format ?? extname(file).slice(1)).toLowerCase();
  const format = (extension === 'yml' ? 'yaml' : extension) as ImportInput;
  if (format !== 'json' && format !== 'csv' && format !== 'yaml' && format !== 'xlsx' && format !== 'fides')
    throw new UsageError('the file must end in .yaml, .yml, .json, .csv or .xlsx (or pass --format yaml|json|csv|xlsx|fides)');

  const config = { ...loadConfig(), SEED_ON_EMPTY: false, LOG_LEVEL: 'error' as const };
  const size = statSync(file).size;
  if (size > config.IMPORT_BODY_LIMIT_BYTES) {
    throw new UsageError(`${file} is ${size} bytes; IMPORT_BODY_LIMIT_BYTES allows ${config.IMPORT_BODY_LIMIT_BYTES}`);
  }
  const text = format === 'xlsx' ? '' : readFileSync(file, 'utf8');
  let body: unknown = format === 'xlsx' ? readFileSync(file) : text;
  if (format === 'json') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
    }
  }

  const app = await buildApp(config);
  await app.ready();
  try {
    const imports = app.services.registerImport;
    const report = await imports.run(format, body, {
      mode: values.mode,
      dryRun: values['dry-run'],
      actor: { sub: values.actor },
      expectedVersion: values['if-match'],
    });
    const { create, match, change, conflict } = report.counts;
    console.log(
      `${report.dryRun ? 'dry run — nothing written. Would: ' : 'imported: '}${create} create, ${match} match, ${change} change, ${conflict} conflict${report.counts.delete ? `, ${report.counts.delete} delete` : ''} (${report.records} ${format === 'csv' ? 'rows' : format === 'fides' ? 'privacy declarations' : 'activities'} read, mode ${report.mode})`,
    );
    for (const [resource, counts] of Object.entries(report.byResource)) {
      console.log(
        `  ${resource.padEnd(24)} ${counts.create} create, ${counts.match} match, ${counts.change} change, ${counts.conflict} conflict${counts.delete ? `, ${counts.delete} delete` : ''}`,
      );
    }
    for (const entry of report.entries.filter((e) => e.action === 'change' || e.action === 'conflict' || e.action === 'delete')) {
      console.log(`  ${entry.action}: ${entry.resource} "${entry.name}"${entry.fields ? ` (${entry.fields.join(', ')})` : ''}`);
    }
    if (report.dryRun) console.log(`register version ${report.version}: apply this plan with --if-match '${report.version}'`);
  } finally {
    await app.close();
  }
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`refused: ${error.detail}`);
    for (const problem of error.extras.problems ?? []) {
      const where =
        problem.row !== null
          ? `row ${problem.row}${problem.column ? `, ${problem.column}` : ''}`
          : problem.position
            ? `line ${problem.position.line}, column ${problem.position.column} (${problem.path})`
            : (problem.path ?? '');
      console.error(`  ${where}: ${problem.message}${problem.value !== null ? ` [${problem.value}]` : ''}`);
    }
    for (const conflict of error.extras.conflicts ?? [])
      console.error(`  conflict: ${conflict.resource} "${conflict.name}" (${conflict.fields.join(', ')})`);
    process.exit(['IMPORT_INVALID', 'IMPORT_CONFLICT', 'PRECONDITION_FAILED'].includes(error.code) ? 2 : 1);
  }
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
