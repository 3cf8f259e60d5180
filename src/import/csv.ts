import { emptyRegisterDocument, type RegisterDocument } from './register-document';
import { assembleDocument } from './csv/document';
import { readHeader } from './csv/header';
import { ProblemList } from './csv/problem-list';
import { withoutByteOrderMark } from './csv/records';
import type { ImportProblem, KnownLegalBasis } from './problems';

/**
 * Reads a CSV in the UK ICO controller-template columns — the register's own CSV export
 * (src/register/render-csv.ts) or a spreadsheet kept in its layout — back into a RegisterDocument.
 * Every cell rendering of the export is inverted here; what the CSV does not carry (descriptions,
 * recipient categories, collection mechanisms, which data comes from which channel…) is left out
 * or left not stated. Every problem is collected, each naming the spreadsheet row
 * (header = row 1) and column.
 *
 * The steps live in csv/: the RFC 4180 records (records.ts), the header and delimiter
 * (header.ts), the columns as the export writes them (columns.ts), and the document built from
 * the rows (document.ts, with a module for each family of columns).
 */
export function parseIcoCsv(
  input: string,
  known: { legalBases: KnownLegalBasis[]; organisations: string[] },
): { document: RegisterDocument; problems: ImportProblem[]; rows: number } {
  const problems = new ProblemList();
  const { rows, table } = readHeader(withoutByteOrderMark(input), problems);
  // A file that cannot be read row by row says why in its problems, in the order they were found.
  if (!table) return { document: emptyRegisterDocument(), problems: problems.problems, rows };
  const document = assembleDocument(table, known, problems);
  return { document, problems: problems.inReadingOrder(table.columnIndex), rows };
}
