/**
 * What is wrong with an import file, as precisely as the format allows: a CSV problem names the
 * spreadsheet row (the header is row 1) and the column; a JSON problem names the JSON Pointer; a YAML problem its
 * JSON Pointer and line and column.
 * `value` is the offending text (shortened), `message` why it is refused.
 */
export interface ImportProblem {
  /** Spreadsheet row number (header = 1), for CSV; null for JSON. */
  row: number | null;
  /** Column header, for CSV; null for JSON. */
  column: string | null;
  /** JSON Pointer into the document, for JSON; null for CSV. */
  path: string | null;
  /** Line and column (from 1) of `path`, for YAML. */
  position?: { line: number; column: number };
  value: string | null;
  message: string;
}

/** Legal bases the parser can name: built-in and the register's own. */
export interface KnownLegalBasis {
  code: string;
  name: string;
  article: string;
  kind: string;
}
