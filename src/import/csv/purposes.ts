import type { SeedActivity } from '../register-document';
import type { ActivityCells, ActivityRows } from './activity-rows';
import { linesOf } from './cells';
import { basisColumns, COLUMN, purposeDetailColumns } from './columns';
import { processingBasis } from './legal-bases';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

type BasisLink = SeedActivity['purposes'][number]['legalBases'][number];

/** A legal basis line, "Art. 6(1)(e) Public task (note: Gemeentewet, art. 160)": the basis (its code) with its note. */
function readBasis(line: string, kind: string, where: At, context: ReadingContext): BasisLink | undefined {
  const noted = /^(.*?) \(note: (.*)\)$/s.exec(line);
  const code = context.legalBasis(noted ? noted[1]! : line, kind, where);
  if (!code) return undefined;
  if (!noted) return code;
  const note = context.check.text(noted[2]!.trim(), 1000, where, 'note on the legal basis');
  return note === undefined ? code : { name: code, note };
}

const codeOf = (link: BasisLink) => (typeof link === 'string' ? link : link.name);

/** Adds a basis to a list once (by its code). */
const addBasis = (list: BasisLink[], link: BasisLink | undefined) => {
  if (link !== undefined && !list.some((existing) => codeOf(existing) === codeOf(link))) list.push(link);
};

/** The legal bases the record states for the activity as a whole, not paired with a purpose. */
export function readActivityLegalBases(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  cells.eachLine(COLUMN.activityLegalBases, (line, where) => {
    activity.legalBases ??= [];
    addBasis(activity.legalBases, readBasis(line, processingBasis, where, context));
  });
}

/** The activity's purposes, one a row, each with its legal bases, legitimate interest and assessment reference. */
export function readPurposes(activity: SeedActivity, group: ActivityRows, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  const purposeRows = new Map<string, number>();
  for (const dataRow of group.rows) {
    const purposeName = dataRow.cell(COLUMN.purpose);
    const where = { row: dataRow.row, column: COLUMN.purpose };
    const legalBases: BasisLink[] = [];
    for (const [column, kind] of basisColumns) {
      for (const line of linesOf(dataRow.cell(column))) addBasis(legalBases, readBasis(line, kind, { row: dataRow.row, column }, context));
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
