import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { csvColumns } from '../../src/register/render-csv';
import { ownerUnitColumn, xlsxSheets } from '../../src/register/render-xlsx';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';
import { requireService } from '../support/requires';

// The workbook an auditor opens: Debian's LibreOffice (libreoffice-calc-nogui) reads the Woktron
// register's XLSX export, prints it as a PDF, and writes each sheet as a CSV — with the sheets of
// our export and as many rows as the export defines: a header, then one row per activity ×
// purpose on the Art. 30 sheets and one per entry on a building block's.

const run = promisify(execFile);

t.test('LibreOffice opens the Woktron workbook: a PDF, and every sheet with its rows', async (t) => {
  const libreoffice = await requireService(t, 'libreoffice');
  if (!libreoffice) return;
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const response = await app.inject({
    method: 'GET',
    url: '/v1/register?format=xlsx&state=working',
    headers: await authHeader(app, 'reader'),
  });
  t.equal(response.statusCode, 200, 'the workbook is served');

  const dir = mkdtempSync(join(tmpdir(), 'register-libreoffice-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const workbook = join(dir, 'register.xlsx');
  writeFileSync(workbook, response.rawPayload);
  // A profile of its own (and a HOME): two runs at once would otherwise share, and lock, ~/.config/libreoffice.
  const convert = (to: string) =>
    run(
      libreoffice,
      [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', to, '--outdir', dir, workbook],
      { env: { ...process.env, HOME: dir }, timeout: 180_000 },
    );

  await convert('pdf');
  const pdf = join(dir, 'register.pdf');
  t.ok(statSync(pdf, { throwIfNoEntry: false })?.size, 'the PDF is written and not empty');
  t.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-', 'and is a PDF');

  // Sheet -1: every sheet to a file of its own, register-<sheet>.csv (LibreOffice 7.2 and later);
  // comma, double quotes, UTF-8, the cells as shown.
  const { stdout } = await convert('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
  const written = [...stdout.matchAll(/^Writing sheet (.+) -> /gm)].map((match) => match[1]);
  t.same(written, Object.values(xlsxSheets), 'the sheets of the export, in its order');
  const csvFiles = readdirSync(dir).filter((file) => file.endsWith('.csv'));
  t.same(
    csvFiles.sort(),
    Object.values(xlsxSheets)
      .map((sheet) => `register-${sheet}.csv`)
      .sort(),
    'one CSV per sheet',
  );
  const rows = (sheet: string): string[][] => parse(readFileSync(join(dir, `register-${sheet}.csv`), 'utf8'), { relaxColumnCount: true });

  // What the export defines, from the JSON export of the same register.
  const exported = (await call(app, 'GET', '/v1/register?state=working')).data;
  const processorActivities = [
    ...new Map(exported.processorRegister.controllers.flatMap((group: any) => group.activities).map((a: any) => [a.id, a])).values(),
  ] as any[];
  const activities = [...exported.controllerRegister.activities, ...processorActivities];
  const records = (list: any[]) => list.reduce((sum, activity) => sum + Math.max(1, activity.purposes.length), 0);
  const distinct = (items: any[]) => new Set(items.filter(Boolean).map((item) => item.id ?? item.code)).size;
  const expected: Record<string, number> = {
    [xlsxSheets.controller]: records(exported.controllerRegister.activities),
    [xlsxSheets.processor]: records(processorActivities),
    [xlsxSheets.organisationalUnits]: exported.organisationalUnits.length,
    [xlsxSheets.organisations]: exported.organisations.length,
    [xlsxSheets.legalBases]: distinct([
      ...exported.legalBases,
      ...activities.flatMap((a) => [...a.legalBases, ...a.purposes.flatMap((p: any) => p.legalBases)]),
    ]),
    [xlsxSheets.purposes]: distinct(activities.flatMap((a) => a.purposes)),
    [xlsxSheets.dataSubjectCategories]: distinct(activities.flatMap((a) => a.dataSubjectCategories)),
    [xlsxSheets.dataCategories]: distinct(activities.flatMap((a) => a.dataCategories)),
    [xlsxSheets.collectionChannels]: distinct(activities.flatMap((a) => a.collectionChannels)),
    [xlsxSheets.recipients]: distinct(activities.flatMap((a) => a.recipients)),
    [xlsxSheets.retentionRules]: distinct(
      activities.flatMap((a) => [...a.retentionRules, ...a.dataCategories.map((c: any) => c.retention)]),
    ),
    [xlsxSheets.securityMeasures]: distinct([
      ...activities.flatMap((a) => a.securityMeasures),
      ...exported.systems.flatMap((system: any) => system.securityMeasures),
    ]),
    [xlsxSheets.privacyPolicies]: exported.privacyPolicies.length,
    [xlsxSheets.systems]: exported.systems.length,
    [xlsxSheets.dataFlows]: exported.dataFlows.length,
  };
  t.ok(expected[xlsxSheets.controller]! > 0 && expected[xlsxSheets.dataCategories]! > 0, 'the register has records to count');
  for (const sheet of Object.values(xlsxSheets)) {
    const read = rows(sheet);
    t.equal(read.length - 1, expected[sheet], `${sheet}: ${expected[sheet]} rows under the header`);
  }
  const columns = [...csvColumns.map(([name]) => name), ownerUnitColumn];
  t.same(rows(xlsxSheets.controller)[0], columns, 'the ICO template columns, then the owner unit');
  t.same(rows(xlsxSheets.processor)[0], columns);
});
