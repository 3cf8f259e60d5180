import { cellText, normalise } from './cells';
import { COLUMN, exportHeaders, knownHeaders } from './columns';
import type { ProblemList } from './problem-list';
import { isBlankRecord, readCsvRecords, type CsvRecord } from './records';

/** A row of data, its cells read by the export's header of their column. */
export interface DataRow {
  row: number;
  /** The cell's text ('' when the file has no such column). */
  cell: (header: string) => string;
}

/** A file whose header names the register's columns: its rows of data, and where each known column stands. */
export interface Table {
  dataRows: DataRow[];
  /** The export's header → the column's place in the file. */
  columnIndex: Map<string, number>;
}

const delimiters = [',', ';', '\t'];

const firstRecord = (body: string, delimiter: string) => {
  for (const record of readCsvRecords(body, delimiter)) if (!isBlankRecord(record)) return record;
  return undefined;
};

const knownColumnsIn = (record: CsvRecord | undefined) =>
  new Set((record?.cells ?? []).map((cell) => knownHeaders.get(normalise(cell))).filter(Boolean)).size;

/** The delimiter that splits the first record into the most of the export's headers (a comma when none does). */
function detectDelimiter(body: string): string {
  let delimiter = ',';
  let best = -1;
  for (const candidate of delimiters) {
    const count = knownColumnsIn(firstRecord(body, candidate));
    if (count > best) [delimiter, best] = [candidate, count];
  }
  return delimiter;
}

/**
 * The header (the first record that is not blank) and the rows of data after it. Spreadsheets
 * save with a delimiter of their locale, may add columns of their own and change the case of a
 * header, so the header is matched to the export's by its words. `rows` counts the rows of data
 * even when the file cannot be read further; `table` is missing then, and the problems say why.
 */
export function readHeader(body: string, problems: ProblemList): { rows: number; table?: Table } {
  const delimiter = detectDelimiter(body);
  const records = [...readCsvRecords(body, delimiter)];
  const headerAt = records.findIndex((record) => !isBlankRecord(record));
  if (headerAt < 0) {
    problems.add(1, null, null, 'The file is empty: it needs a header row with the columns of the register export');
    return { rows: 0 };
  }
  const header = records[headerAt]!;
  const dataRecords = records.slice(headerAt + 1).filter((record) => !isBlankRecord(record));
  const rows = dataRecords.length;

  const columnIndex = new Map<string, number>();
  header.cells.forEach((cell, i) => {
    const matched = knownHeaders.get(normalise(cell));
    if (!matched) return;
    if (columnIndex.has(matched)) problems.add(header.row, matched, cell.trim(), 'This column appears twice; only the first one is read');
    else columnIndex.set(matched, i);
  });
  if (columnIndex.size === 0) {
    problems.add(
      header.row,
      null,
      header.cells.join(delimiter),
      `The header row names none of the register export's columns (${exportHeaders.join(', ')})`,
    );
    return { rows };
  }
  if (!columnIndex.has(COLUMN.activity) && !columnIndex.has(COLUMN.purpose)) {
    problems.add(header.row, null, null, `The file needs a "${COLUMN.activity}" or a "${COLUMN.purpose}" column to name the activities`);
    return { rows };
  }
  if (header.unterminated) problems.add(header.row, null, null, 'A quoted field is not closed: a quote (") is missing');

  const dataRows = dataRecords.map((record): DataRow => {
    if (record.unterminated)
      problems.add(
        record.row,
        null,
        null,
        'A quoted field is not closed: a quote (") is missing, so the rest of the file was read as one cell',
      );
    return {
      row: record.row,
      cell: (column: string) => {
        const i = columnIndex.get(column);
        return i === undefined ? '' : cellText(record.cells[i] ?? '');
      },
    };
  });
  return { rows, table: { dataRows, columnIndex } };
}
