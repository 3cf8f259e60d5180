/** A record of the file as RFC 4180 reads it, before any header is known. */
export interface CsvRecord {
  /** Spreadsheet row: the n-th physical record of the file, empty lines included. */
  row: number;
  cells: string[];
  /** The record ends inside a quoted field (a quote is missing). */
  unterminated: boolean;
}

/** The text without the byte-order mark spreadsheets put before a UTF-8 CSV. */
export const withoutByteOrderMark = (text: string) => text.replace(/^\uFEFF/, '');

/** A record of nothing but blanks: a spreadsheet's empty line, not a row of data. */
export const isBlankRecord = (record: CsvRecord) => record.cells.every((cell) => cell.trim() === '');

/** Records of an RFC 4180 file: quoted fields with "" escapes, CRLF, LF or CR line ends. */
export function* readCsvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  let row = 0;
  let cells: string[] = [];
  let field = '';
  let atFieldStart = true;
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
    } else if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      cells.push(field);
      yield { row: ++row, cells, unterminated: false };
      cells = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  if (cells.length > 0 || field !== '' || !atFieldStart) {
    cells.push(field);
    yield { row: ++row, cells, unterminated: quoted };
  }
}
