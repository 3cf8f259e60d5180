import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { xlsxSheets } from '../../src/register/render-xlsx';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';
import { workbookCells as cells } from '../support/workbook-cells';

// POST /v1/register/import with the workbook GET /v1/register?state=working&format=xlsx writes.

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const download = async (app: FastifyInstance) =>
  (await app.inject({ method: 'GET', url: '/v1/register?state=working&format=xlsx', headers: await authHeader(app, 'admin') })).rawPayload;

const upload = async (app: FastifyInstance, payload: Buffer, query = '') =>
  call(app, 'POST', `/v1/register/import${query}`, payload, 'admin', { 'content-type': xlsxType });

t.test('the Woktron workbook: export → import into an empty installation → export gives the same workbook', async (t) => {
  const source = await buildTestApp(t);
  await loadRegister(source.services, woktronRegister);
  const workbook = await download(source);

  const target = await buildTestApp(t);
  const imported = await upload(target, workbook);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data, { format: 'xlsx', applied: true, counts: { match: 0, change: 0, conflict: 0 } });

  const before = await cells(workbook);
  const after = await cells(await download(target));
  for (const sheet of Object.values(xlsxSheets)) t.same(after[sheet], before[sheet], sheet);

  const again = await upload(target, workbook);
  t.equal(again.statusCode, 200, again.body.slice(0, 1000));
  t.match(again.data.counts, { create: 0, change: 0, conflict: 0 }, 're-import is a no-op');
});

t.test('a bad cell names its sheet, row and column; a file that is no workbook is one problem', async (t) => {
  const app = await buildTestApp(t);
  const workbook = new ExcelJS.Workbook();
  const controller = workbook.addWorksheet(xlsxSheets.controller);
  controller.addRow(['Processing activity', 'Role']);
  controller.addRow(['Sales', 'controller']);
  const processor = workbook.addWorksheet(xlsxSheets.processor);
  processor.addRow(['Processing activity', 'Role']);
  processor.addRow([]);
  processor.addRow(['Payroll for clients', 'landlord']);
  const refused = await upload(app, Buffer.from(await workbook.xlsx.writeBuffer()));
  t.equal(refused.statusCode, 422, refused.body.slice(0, 1000));
  t.match(refused.data.problems, [{ row: 3, column: `${xlsxSheets.processor} › Role`, value: 'landlord' }]);

  const garbage = await upload(app, Buffer.from('not a zip'));
  t.equal(garbage.statusCode, 422);
  t.match(garbage.data.problems, [{ message: /^not an XLSX workbook/ }]);
});
