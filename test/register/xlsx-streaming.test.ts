import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import t from 'tap';
import type { ExportActivity } from '../../src/register/dto';
import { openRegister, type RegisterSource } from '../../src/register/reader';
import { renderXlsx, xlsxSheets } from '../../src/register/render-xlsx';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp } from '../helper';

// The workbook is written as it is read, and no faster than it is taken: while nobody reads the
// output, the writer reads no further pages of records (exceljs alone would write every page
// into the zip's input, the whole workbook in memory); once the output is read, it goes on to
// the end. Event-loop turns, not time, say "nobody read for a while".

const pages = 20;

t.test('a workbook nobody reads stops the reading of records; reading it lets the writer finish', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const reader = await openRegister(app.dataSource, {});
  const activities: ExportActivity[] = [];
  try {
    for await (const page of reader.controllerPages()) activities.push(...page);
    for await (const _ of reader.processorPages());
  } finally {
    await reader.close();
  }
  // A page of records: the Woktron ones ten times over, each with a name that does not compress
  // (~0.3 MB of zip a page: more than the zip and the output buffer between them).
  const page = (n: number) =>
    Array.from({ length: 10 }, (_, copy) =>
      activities.map((a) => ({ ...a, name: `${a.name} ${n}-${copy} ${randomBytes(600).toString('hex')}` })),
    ).flat();
  let pulled = 0;
  const source: RegisterSource = {
    ...reader,
    organisations: reader.organisations,
    legalBases: reader.legalBases,
    privacyPolicies: reader.privacyPolicies,
    async *controllerPages() {
      for (let n = 0; n < pages; n++) {
        pulled += 1;
        yield page(n);
      }
    },
    async *processorPages() {},
  } as unknown as RegisterSource;

  const output = new PassThrough();
  let finished = false;
  const rendering = renderXlsx(source, output).then(() => (finished = true));
  for (let turn = 0; turn < 2000 && !finished; turn++) await new Promise((resolve) => setImmediate(resolve));
  t.notOk(finished, 'the writer waits for the reader');
  t.ok(pulled < pages, `${pulled} of ${pages} pages read while nobody reads the workbook`);

  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await rendering;
  t.equal(pulled, pages, 'read, the workbook is written to the end');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  let rows = 0;
  workbook.getWorksheet(xlsxSheets.controller)!.eachRow(() => (rows += 1));
  const perPage = page(0).reduce((sum, a) => sum + Math.max(1, a.purposes.length), 0);
  t.equal(rows, 1 + pages * perPage, 'every record, under the header');
});
