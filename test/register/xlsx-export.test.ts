import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { ownerUnitColumn, xlsxSheets } from '../../src/register/render-xlsx';
import { authHeader, buildTestApp, call } from '../helper';

// GET /v1/register?state=working&format=xlsx: a workbook an auditor opens — the ICO columns on a sheet per
// Art. 30(1) and 30(2), the same cells as the CSV, and a sheet per building block.

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => (value === null || value === undefined ? '' : String(value)))),
  );
  // A workbook stores no empty cell (row.values has holes, and ends at the last filled cell); the CSV writes them as empty fields.
  const width = rows[0]?.length ?? 0;
  return rows.map((row) => [...row, ...Array<string>(Math.max(0, width - row.length)).fill('')]);
};

t.test('the Woktron register as a workbook: the CSV cells, and every building block', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const response = await app.inject({
    method: 'GET',
    url: '/v1/register?state=working&format=xlsx',
    headers: await authHeader(app, 'reader'),
  });
  t.equal(response.statusCode, 200, 'the workbook is served');
  t.equal(response.headers['content-type'], xlsxType);
  t.match(response.headers['content-disposition'], /^attachment; filename="register-\d{4}-\d{2}-\d{2}\.xlsx"$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as never);
  t.same(
    workbook.worksheets.map((sheet) => sheet.name),
    Object.values(xlsxSheets),
    'a sheet per Art. 30(1) and 30(2), then the units, one per building block, then the data map',
  );

  const csv = await app.inject({ method: 'GET', url: '/v1/register?state=working&format=csv', headers: await authHeader(app, 'reader') });
  const csvRows: string[][] = parse(csv.body, { relaxColumnCount: false });
  // The records' sheets add the owner unit after the ICO columns (the CSV has no list of units to name).
  const withOwner = rowsOf(workbook.getWorksheet(xlsxSheets.controller)!);
  const processorWithOwner = rowsOf(workbook.getWorksheet(xlsxSheets.processor)!);
  t.equal(withOwner[0]!.at(-1), ownerUnitColumn, 'the owner unit, last');
  t.equal(processorWithOwner[0]!.at(-1), ownerUnitColumn);
  const controller = withOwner.map((row) => row.slice(0, -1));
  const processor = processorWithOwner.map((row) => row.slice(0, -1));
  t.same(controller[0], csvRows[0], 'the ICO template columns');
  t.same(processor[0], csvRows[0]);
  // The CSV neutralises formulas with an apostrophe; a workbook cell is text and needs none.
  const unguarded = csvRows.map((row) => row.map((value) => value.replace(/^'(?=[=+\-@\t\r])/, '')));
  t.same([...controller.slice(1), ...processor.slice(1)], unguarded.slice(1), 'the same records, cell for cell, as the CSV');

  const exported = (await call(app, 'GET', '/v1/register?state=working')).data;
  const activities = [
    ...exported.controllerRegister.activities,
    ...exported.processorRegister.controllers.flatMap((group: any) => group.activities),
  ];
  const distinct = (items: any[]) => new Set(items.map((item) => item.id)).size;
  const count = (sheet: string) => rowsOf(workbook.getWorksheet(sheet)!).length - 1;
  t.equal(count(xlsxSheets.organisations), exported.organisations.length);
  t.equal(count(xlsxSheets.purposes), distinct(activities.flatMap((a: any) => a.purposes)));
  t.equal(count(xlsxSheets.recipients), distinct(activities.flatMap((a: any) => a.recipients)));
  t.equal(count(xlsxSheets.dataCategories), distinct(activities.flatMap((a: any) => a.dataCategories)));
  t.equal(
    count(xlsxSheets.securityMeasures),
    distinct([...activities.flatMap((a: any) => a.securityMeasures), ...exported.systems.flatMap((s: any) => s.securityMeasures)]),
    'the measures of the records and of the systems',
  );
  t.equal(count(xlsxSheets.systems), exported.systems.length, 'every system');
  t.equal(count(xlsxSheets.dataFlows), exported.dataFlows.length, 'every recorded flow');
  t.equal(count(xlsxSheets.privacyPolicies), exported.privacyPolicies.length);
  t.ok(count(xlsxSheets.legalBases) >= exported.legalBases.length);
  const purposes = rowsOf(workbook.getWorksheet(xlsxSheets.purposes)!);
  t.ok(purposes[0]!.includes('description'), 'a building block sheet has a column per field');
});
