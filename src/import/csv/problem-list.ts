import type { ImportProblem } from '../problems';
import { shorten } from './cells';

/** Where a value was read: the spreadsheet row (header = row 1) and the column's header. */
export interface At {
  row: number;
  column: string;
}

/** Every problem of one CSV file, each naming its spreadsheet row and column, so that one upload shows them all. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];

  add(row: number | null, column: string | null, value: string | null, message: string): void {
    this.problems.push({ row, column, path: null, value: value === null ? null : shorten(value), message });
  }

  report(where: At, value: string | null, message: string): void {
    this.add(where.row, where.column, value, message);
  }

  /** In reading order: by row, then by the column's place in the file (a problem of the whole row first). */
  inReadingOrder(placeOf: ReadonlyMap<string, number>): ImportProblem[] {
    const place = (problem: ImportProblem) => (problem.column === null ? -1 : (placeOf.get(problem.column) ?? -1));
    return this.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || place(a) - place(b));
  }
}
