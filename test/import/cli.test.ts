import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import t from 'tap';
import { xlsxSheets } from '../../src/register/render-xlsx';
import { createPostgresDatabase } from '../helper';

// `npm run import`: the same import from the command line, against the configured database.

const cli = join(__dirname, '..', '..', 'dist', 'scripts', 'import.js');
const example = join(__dirname, '..', '..', 'docs', 'import-examples', 'register-spreadsheet.csv');
const run = promisify(execFile);

t.test(
  'npm run import: dry run, import, re-import, refused file',
  { skip: existsSync(cli) ? false : `${cli} missing: run npm run build` },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'register-import-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      ...process.env,
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: process.env.DATABASE_URL ? await createPostgresDatabase(t) : '',
      NODE_ENV: 'development',
    };
    const importFile = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env, timeout: 120_000 });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };

    const dry = await importFile(example, '--dry-run');
    t.equal(dry.code, 0, dry.stderr);
    t.match(dry.stdout, /^dry run — nothing written\. Would: 20 create, 0 match, 0 change, 0 conflict \(3 rows read, mode merge\)/);

    const imported = await importFile(example, '--actor', 'dpo@acme.example');
    t.equal(imported.code, 0, imported.stderr);
    t.match(imported.stdout, /^imported: 20 create, 0 match/, 'the dry run wrote nothing');
    t.match(imported.stdout, /processing-activities\s+2 create/);

    const again = await importFile(example);
    t.match(again.stdout, /^imported: 0 create, 20 match, 0 change, 0 conflict/, 're-import is a no-op');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Processing activity,Role\r\nValid,controller\r\nBroken,landlord\r\n');
    const refused = await importFile(bad);
    t.equal(refused.code, 2);
    t.match(refused.stderr, /refused: 1 problem in the file; nothing was imported\.\n\s+row 3, Role: .*\[landlord\]/);

    // The register document a person writes, in YAML (over the CSV's register: some entries differ):
    // a problem names its line and column.
    const document = join(__dirname, '..', '..', 'docs', 'register-document.example.yaml');
    const yamlDry = await importFile(document, '--dry-run');
    t.equal(yamlDry.code, 0, yamlDry.stderr);
    t.match(
      yamlDry.stdout,
      /^dry run — nothing written\. Would: \d+ create, \d+ match, 0 change, \d+ conflict \(3 activities read, mode merge\)/,
    );
    t.match(yamlDry.stdout, /register version "register-\d+-\d+": apply this plan with --if-match/, 'the plan names its version');
    const stale = await importFile(document, '--if-match', '"register-0-0"');
    t.equal(stale.code, 2);
    t.match(stale.stderr, /refused: The register changed since the plan/);
    const badYaml = join(dir, 'bad.yml');
    writeFileSync(badYaml, 'documentType: processing-register-document\npurposes:\n  - name: Sales\n    colour: blue\n');
    const yamlRefused = await importFile(badYaml);
    t.equal(yamlRefused.code, 2);
    t.match(yamlRefused.stderr, /line 4, column 5 \(\/purposes\/0\/colour\): is not a field of the register document/);

    // A workbook: a bad cell names its sheet, row and column.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(xlsxSheets.controller).addRow(['Processing activity', 'Role']);
    const processor = workbook.addWorksheet(xlsxSheets.processor);
    processor.addRow(['Processing activity', 'Role']);
    processor.addRow(['Payroll for clients', 'landlord']);
    const badXlsx = join(dir, 'bad.xlsx');
    writeFileSync(badXlsx, Buffer.from(await workbook.xlsx.writeBuffer()));
    const xlsxRefused = await importFile(badXlsx);
    t.equal(xlsxRefused.code, 2, xlsxRefused.stderr);
    t.match(xlsxRefused.stderr, /row 2, Art\. 30\(2\) processor › Role: .*\[landlord\]/);

    // A Fides system manifest, named by --format: planned (over the files above: an entry may differ),
    // with its privacy declarations counted.
    const manifest = join(__dirname, '..', 'fixtures', 'fides', 'webshop-systems.yml');
    const fidesDry = await importFile(manifest, '--format', 'fides', '--dry-run');
    t.equal(fidesDry.code, 0, fidesDry.stderr);
    t.match(
      fidesDry.stdout,
      /^dry run — nothing written\. Would: \d+ create, \d+ match, 0 change, \d+ conflict \(4 privacy declarations read, mode merge\)/,
    );
    t.match(fidesDry.stdout, /systems\s+4 create/);

    const usage = await importFile(join(dir, 'register.xml'));
    t.equal(usage.code, 1);
    t.match(usage.stderr, /\.json, \.csv or \.xlsx/);
  },
);
