import { linesOf, normalise, yesOrNo } from './cells';
import { activityColumns, COLUMN } from './columns';
import type { DataRow } from './header';
import type { At, ProblemList } from './problem-list';

/** The rows of one activity: the CSV has a row per activity × purpose. */
export interface ActivityRows {
  name: string;
  /** Where the activity is first named. */
  at: At;
  rows: DataRow[];
}

/** The cells that describe an activity, one value per column for all its rows. */
export interface ActivityCells {
  /** The column's value ('' when no row of the activity fills it). */
  cell(column: string): string;
  /** Where the value was read: the first row that fills the column, else the activity's first row. */
  where(column: string): At;
  /** Each line of the column's value, with where it was read. */
  eachLine(column: string, read: (line: string, where: At) => void): void;
}

/** Rows by activity (its name, case aside; a row without one names it by its purpose), in first-appearance order. */
export function groupByActivity(dataRows: DataRow[], columnIndex: ReadonlyMap<string, number>, problems: ProblemList): ActivityRows[] {
  const groups = new Map<string, ActivityRows>();
  for (const dataRow of dataRows) {
    const activityName = dataRow.cell(COLUMN.activity) || dataRow.cell(COLUMN.purpose);
    const where = { row: dataRow.row, column: columnIndex.has(COLUMN.activity) ? COLUMN.activity : COLUMN.purpose };
    if (!activityName) {
      problems.report(
        { row: dataRow.row, column: COLUMN.activity },
        null,
        `The row has no activity name: fill in "${COLUMN.activity}" (or "${COLUMN.purpose}")`,
      );
      continue;
    }
    const key = activityName.toLowerCase();
    const group = groups.get(key) ?? { name: activityName, at: where, rows: [] };
    group.rows.push(dataRow);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A value as it is compared between the rows of an activity: as the import reads it, so "yes" and "Yes" agree. */
const comparable = (column: string, value: string) => {
  if (column === COLUMN.dpiaRequired || column === COLUMN.automatedDecisions) {
    const flag = yesOrNo(value);
    return flag === undefined ? value : String(flag);
  }
  if (column === COLUMN.role || column === COLUMN.status) return normalise(value);
  return linesOf(value).join('\n');
};

/**
 * The activity's columns: the first row that fills one gives it; other rows may leave it empty
 * or repeat it, and a row that gives another value is a problem (the export repeats the
 * activity's cells in each of its rows, a spreadsheet may fill them in once).
 */
export function activityCells(group: ActivityRows, problems: ProblemList): ActivityCells {
  const value = new Map<string, { text: string; where: At }>();
  for (const column of activityColumns) {
    for (const dataRow of group.rows) {
      const cell = dataRow.cell(column);
      if (cell === '') continue;
      const first = value.get(column);
      if (!first) value.set(column, { text: cell, where: { row: dataRow.row, column } });
      else if (comparable(column, first.text) !== comparable(column, cell)) {
        problems.add(
          dataRow.row,
          column,
          cell,
          `Differs from row ${first.where.row}, which gives this column for the activity "${group.name}" (every row of an activity must agree on it)`,
        );
      }
    }
  }
  const cell = (column: string) => value.get(column)?.text ?? '';
  const where = (column: string): At => value.get(column)?.where ?? { row: group.rows[0]!.row, column };
  return {
    cell,
    where,
    eachLine(column, read) {
      const at = where(column);
      for (const line of linesOf(cell(column))) read(line, at);
    },
  };
}
