import ExcelJS from 'exceljs';

/** Every sheet's cells of an XLSX workbook, the id columns left out (they differ between installations). */
export async function workbookCells(payload: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as never);
  const out: Record<string, string[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const drop = rows[0]!.flatMap((name, i) => (name === 'id' || name === 'Record ID' ? [i] : []));
    out[sheet.name] = rows.map((row) => row.filter((_cell, i) => !drop.includes(i)));
  }
  return out;
}
