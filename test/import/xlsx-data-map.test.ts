import ExcelJS from 'exceljs';
import t from 'tap';
import { xlsxSheets } from '../../src/register/render-xlsx';
import { buildTestApp } from '../helper';
import { download, portable, upload, woktronWithFlows } from '../support/data-map-fixtures';

// The workbook's Systems and Data flows sheets and the records' systems column, read back by the import.

/** Every sheet's cells, the id columns left out (they differ between installations). */
async function workbookCells(payload: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as never);
  const out: Record<string, string[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    // Array.from: exceljs leaves empty cells as holes, which map and filter would skip.
    sheet.eachRow((row) =>
      rows.push(
        Array.from(row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v))),
      ),
    );
    const drop = rows[0]!.flatMap((name, i) => (name === 'id' || name === 'Record ID' ? [i] : []));
    out[sheet.name] = rows.map((row) => row.filter((_cell, i) => !drop.includes(i)));
  }
  return out;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

t.test('the workbook has a Systems and a Data flows sheet and the records’ systems column; its import reads them back', async (t) => {
  const source = await woktronWithFlows(t);
  const workbook = (await download(source, 'xlsx', '&internalNotes=true')).rawPayload;
  const before = await workbookCells(workbook);
  t.same(before[xlsxSheets.systems]![0], [
    'name',
    'description',
    'kind',
    'owner',
    'provider',
    'hostingCountries',
    'securityMeasures',
    'sourcePhrase',
    'internalNote',
    'ownerUnit',
  ]);
  t.equal(before[xlsxSheets.systems]!.length, 6, 'a row per system');
  t.same(before[xlsxSheets.dataFlows]![0]!.slice(0, 7), ['name', 'description', 'fromKind', 'from', 'toKind', 'to', 'dataCategories']);
  t.same(before[xlsxSheets.dataFlows]![3]!.slice(0, 10), [
    'Website statistics to Google',
    '',
    'system',
    'Google Analytics',
    'recipient',
    'Google Analytics',
    'Website usage and cookie data',
    'US',
    'gdpr-45',
    'EU-US Data Privacy Framework',
  ]);
  const header = before[xlsxSheets.controller]![0]!;
  const column = header.findIndex((name) => name.startsWith('Systems holding the data'));
  t.ok(column >= 0, 'the records’ systems column');
  t.ok(
    before[xlsxSheets.controller]!.some((row) =>
      row[column]?.startsWith('Google Analytics: kind: saas; provider: Google LLC; hosted in: US'),
    ),
    'Google Analytics, as the analytics record uses it',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, workbook, xlsxType);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource, { systems: { create: 5 }, 'data-flows': { create: 3 } });
  const after = await workbookCells((await download(target, 'xlsx', '&internalNotes=true')).rawPayload);
  for (const sheet of Object.values(xlsxSheets)) t.same(after[sheet], before[sheet], sheet);
  t.same(
    portable(JSON.parse((await download(target, 'json', '&internalNotes=true')).body).dataFlows),
    portable(JSON.parse((await download(source, 'json', '&internalNotes=true')).body).dataFlows),
    'the same flows',
  );
});
