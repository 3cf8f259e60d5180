import type { SeedActivity } from '../register-document';
import type { ActivityRows } from './activity-rows';
import { linesOf } from './cells';
import { basisColumns, COLUMN, purposeDetailColumns } from './columns';
import type { ReadingContext } from './reading-context';

/** The activity's purposes, one a row, each with its legal bases, legitimate interest and assessment reference. */
export function readPurposes(activity: SeedActivity, group: ActivityRows, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  const purposeRows = new Map<string, number>();
  for (const dataRow of group.rows) {
    const purposeName = dataRow.cell(COLUMN.purpose);
    const where = { row: dataRow.row, column: COLUMN.purpose };
    const legalBases: string[] = [];
    for (const [column, kind] of basisColumns) {
      for (const line of linesOf(dataRow.cell(column))) {
        const code = context.legalBasis(line, kind, { row: dataRow.row, column });
        if (code && !legalBases.includes(code)) legalBases.push(code);
      }
    }
    const optionalText = (column: string, max: number, what: string) =>
      check.text(dataRow.cell(column), max, { row: dataRow.row, column }, what);
    const legitimateInterest = optionalText(COLUMN.legitimateInterest, 4000, 'legitimate interest');
    const assessmentReference = optionalText(COLUMN.assessmentReference, 300, 'assessment reference');
    if (!purposeName) {
      for (const column of purposeDetailColumns) {
        const cell = dataRow.cell(column);
        if (cell) problems.add(dataRow.row, column, cell, `Given for no purpose: fill in "${COLUMN.purpose}"`);
      }
      continue;
    }
    if (!check.name(purposeName, where, 'purpose')) continue;
    const earlier = purposeRows.get(purposeName.toLowerCase());
    if (earlier !== undefined) {
      problems.report(where, purposeName, `The purpose is already listed for the activity "${group.name}" in row ${earlier}`);
      continue;
    }
    purposeRows.set(purposeName.toLowerCase(), dataRow.row);
    const purpose = blocks.purposes.add({ name: purposeName }, where, purposeName);
    const link: SeedActivity['purposes'][number] = { purpose: purpose.name, legalBases };
    if (legitimateInterest !== undefined) link.legitimateInterest = legitimateInterest;
    if (assessmentReference !== undefined) link.assessmentReference = assessmentReference;
    activity.purposes.push(link);
  }
}
