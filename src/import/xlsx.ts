import ExcelJS from 'exceljs';
import type { JsonSchema } from '../http/dto';
import { ownerUnitColumn, xlsxSheets } from '../register/render-xlsx';
import { csvField } from '../register/render-csv';
import { parseIcoCsv } from './csv';
import { normalise } from './csv/cells';
import { COLUMN } from './csv/columns';
import type { ImportProblem, KnownLegalBasis } from './problems';
import type { RegisterDocument } from './register-document';
import { entryOf, readDataMapSheets } from './xlsx-data-map';

/**
 * The workbook GET /v1/register?format=xlsx writes (or one kept in its layout), read back: the
 * "Art. 30(1) controller" and "Art. 30(2) processor" sheets are the ICO columns the CSV reader
 * reads (src/import/csv.ts), one after the other; the building-block sheets then give what those
 * columns do not carry — descriptions, recipient categories, collection mechanisms, examples… —
 * for the entries the records name, matched by name. A problem names its sheet, row and column.
 */

type Loose = Record<string, unknown>;

/** Building-block sheets the reader takes fields from, by the document's section. */
const blockSheets = {
  organisations: xlsxSheets.organisations,
  purposes: xlsxSheets.purposes,
  dataSubjectCategories: xlsxSheets.dataSubjectCategories,
  dataCategories: xlsxSheets.dataCategories,
  collectionChannels: xlsxSheets.collectionChannels,
  recipients: xlsxSheets.recipients,
  retentionRules: xlsxSheets.retentionRules,
  securityMeasures: xlsxSheets.securityMeasures,
  privacyPolicies: xlsxSheets.privacyPolicies,
} as const;

/** Sheets whose every row is an entry, named by a record or not. */
const wholeSheets = new Set<string>(['organisations', 'privacyPolicies']);

/** A structured cell (JSON) without the fields it leaves unstated. */
const withoutNulls = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null))
    : value;

/** Columns not taken from a building-block sheet: the natural key, and references the sheets do not resolve (an organisation they do: every one is on its sheet). */
const unread = new Set(['name', 'key', 'parent', 'representative', 'transferMechanism']);

/** Text of a cell as written (exceljs gives rich text and hyperlinks as objects). */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

const rowsOf = (sheet: ExcelJS.Worksheet): string[][] => {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(text(row.getCell(i).value));
    rows.push(cells);
  });
  return rows;
};

export interface WorkbookImport {
  document: RegisterDocument;
  problems: ImportProblem[];
  rows: number;
}

export async function parseRegisterWorkbook(
  input: Buffer,
  known: { legalBases: KnownLegalBasis[]; organisations: string[] },
  entrySchemas: Partial<Record<keyof typeof blockSheets | 'systems' | 'dataFlows' | 'organisationalUnits', JsonSchema>>,
): Promise<WorkbookImport> {
  const workbook = new ExcelJS.Workbook();
  const problem = (message: string, sheet: string | null = null): WorkbookImport => ({
    document: { organisations: [] } as never,
    problems: [{ row: null, column: sheet, path: null, value: null, message }],
    rows: 0,
  });
  try {
    await workbook.xlsx.load(input as never);
  } catch (error) {
    return problem(`not an XLSX workbook: ${(error as Error).message}`);
  }
  const controller = workbook.getWorksheet(xlsxSheets.controller);
  if (!controller) return problem(`the workbook has no sheet "${xlsxSheets.controller}" (the ICO columns)`);
  const processor = workbook.getWorksheet(xlsxSheets.processor);
  const controllerRows = rowsOf(controller);
  const processorRows = processor ? rowsOf(processor) : [];
  const header = controllerRows[0] ?? [];
  if (processorRows.length > 0 && processorRows[0]!.join('\u0000') !== header.join('\u0000')) {
    return problem(`the sheet "${xlsxSheets.processor}" must have the columns of "${xlsxSheets.controller}"`, xlsxSheets.processor);
  }
  // The records of both sheets, one after the other, each remembering its sheet and row (empty rows left out).
  const records: { cells: string[]; sheet: string; row: number }[] = [];
  const take = (rows: string[][], sheet: string) =>
    rows.forEach((cells, i) => {
      if (i > 0 && cells.some((cell) => cell !== '')) records.push({ cells, sheet, row: i + 1 });
    });
  take(controllerRows, xlsxSheets.controller);
  take(processorRows, xlsxSheets.processor);
  const csv = [header, ...records.map((record) => record.cells)].map((row) => row.map(csvField).join(',')).join('\r\n');
  // The register's own legal bases (national law) are declared on the legal-bases sheet: the records may name them.
  const declared = declaredLegalBases(workbook, known.legalBases);
  const { document, problems, rows } = parseIcoCsv(csv, { ...known, legalBases: [...known.legalBases, ...declared] });
  document.legalBases = [...document.legalBases, ...declared.map(({ builtIn: _builtIn, ...basis }) => basis)] as never;
  for (const found of problems) {
    const origin = found.row !== null && found.row > 1 ? records[found.row - 2] : undefined;
    const sheet = origin?.sheet ?? xlsxSheets.controller;
    if (origin) found.row = origin.row;
    found.column = found.column === null ? sheet : `${sheet} › ${found.column}`;
  }

  readOwnership(workbook, header, records, document, entrySchemas.organisationalUnits, problems);

  // The data map's sheets first: they name the measures, ends and categories the block sheets describe.
  readDataMapSheets(
    (name) => {
      const sheet = workbook.getWorksheet(name);
      return sheet ? rowsOf(sheet) : undefined;
    },
    document,
    entrySchemas,
    problems,
  );

  // What the ICO columns do not carry, from the building-block sheets.
  for (const [section, name] of Object.entries(blockSheets) as [keyof typeof blockSheets, string][]) {
    const sheet = workbook.getWorksheet(name);
    const schema = entrySchemas[section];
    if (!sheet || !schema) continue;
    const [columns = [], ...entries] = rowsOf(sheet);
    const list = document[section] as unknown as Loose[];
    const byName = new Map(list.map((entry) => [String(entry.name).toLowerCase(), entry]));
    entries.forEach((cells, i) => {
      const name = cells[columns.indexOf('name')] ?? '';
      let entry = byName.get(name.toLowerCase());
      // Every organisation of the register is on its sheet, also those no record names.
      if (!entry && wholeSheets.has(section) && name !== '') {
        entry = { name };
        list.push(entry);
        byName.set(name.toLowerCase(), entry);
      }
      if (!entry) return;
      columns.forEach((column, c) => {
        const property = (schema.properties as Record<string, JsonSchema>)[column];
        if (!property || unread.has(column)) return;
        const value = cells[c] ?? '';
        // An internal note the workbook leaves empty may be one the export left out: not stated.
        if (column === 'internalNote' && value === '') return;
        const types = [property.type].flat();
        try {
          if (value === '') {
            if (types.includes('null') && !(column in entry)) entry[column] = null;
          } else if (types.includes('array')) {
            const items = value.split('\n');
            const structured = property.items?.$ref !== undefined || property.items?.type === 'object';
            entry[column] = structured ? items.map((item) => withoutNulls(JSON.parse(item))) : items;
          } else if (types.includes('object')) entry[column] = withoutNulls(JSON.parse(value));
          else if (types.includes('boolean')) entry[column] = value === 'true';
          else if (types.includes('integer') || types.includes('number')) entry[column] = Number(value);
          else if (types.includes('string')) entry[column] = value;
        } catch {
          problems.push({ row: i + 2, column: `${name} › ${column}`, path: null, value: value.slice(0, 200), message: 'is not JSON' });
        }
      });
    });
  }
  return { document, problems, rows };
}

/**
 * Who owns what: the units of the "Organisational units" sheet, and each activity's unit from the
 * records' "Owner unit" column (empty: owned by none). A workbook without them (an older export)
 * states no owner, so the import leaves ownership as it is.
 */
function readOwnership(
  workbook: ExcelJS.Workbook,
  header: string[],
  records: { cells: string[]; sheet: string; row: number }[],
  document: RegisterDocument,
  schema: JsonSchema | undefined,
  problems: ImportProblem[],
) {
  const sheet = workbook.getWorksheet(xlsxSheets.organisationalUnits);
  if (sheet && schema) {
    const [columns = [], ...rows] = rowsOf(sheet);
    document.organisationalUnits = rows
      .map((cells) => entryOf(columns, cells, schema, true))
      .filter((unit) => typeof unit.key === 'string') as never;
  }
  // Matched as the CSV reader matches its headers: case and blanks aside.
  const at = (column: string) => header.findIndex((cell) => normalise(cell) === normalise(column));
  const ownerAt = at(ownerUnitColumn);
  const nameAt = at(COLUMN.activity);
  if (ownerAt < 0 || nameAt < 0) return;
  const owners = new Map<string, { owner: string; sheet: string; row: number }>();
  for (const { cells, sheet, row } of records) {
    const name = (cells[nameAt] ?? '').toLowerCase();
    const owner = cells[ownerAt] ?? '';
    const first = owners.get(name);
    if (!first) owners.set(name, { owner, sheet, row });
    else if (first.owner !== owner)
      problems.push({
        row,
        column: `${sheet} › ${ownerUnitColumn}`,
        path: null,
        value: owner.slice(0, 200),
        message: `differs from the activity's owner unit in row ${first.row} ("${first.owner}"): every row of an activity names the same unit`,
      });
  }
  for (const activity of document.activities) {
    const found = owners.get(activity.name.toLowerCase());
    if (found) (activity as { ownerUnit?: string | null }).ownerUnit = found.owner === '' ? null : found.owner;
  }
}

/** The legal bases the legal-bases sheet declares that the installation does not have built in. */
function declaredLegalBases(workbook: ExcelJS.Workbook, builtIn: KnownLegalBasis[]) {
  const sheet = workbook.getWorksheet(xlsxSheets.legalBases);
  if (!sheet) return [];
  const [columns = [], ...entries] = rowsOf(sheet);
  const known = new Set(builtIn.map((basis) => basis.code.toLowerCase()));
  const at = (cells: string[], column: string) => cells[columns.indexOf(column)] ?? '';
  return entries
    .filter((cells) => at(cells, 'code') !== '' && at(cells, 'builtIn') !== 'true' && !known.has(at(cells, 'code').toLowerCase()))
    .map((cells) => ({
      code: at(cells, 'code'),
      name: at(cells, 'name'),
      kind: at(cells, 'kind'),
      article: at(cells, 'article'),
      description: at(cells, 'description') || null,
      dpvIri: at(cells, 'dpvIri') || null,
      jurisdiction: at(cells, 'jurisdiction'),
      builtIn: false,
      // Owned by the unit the column names (empty: none); a sheet without the column states no owner.
      ...(columns.includes('ownerUnit') ? { ownerUnit: at(cells, 'ownerUnit') || null } : {}),
    }));
}
