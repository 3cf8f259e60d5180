import { securityMeasureTypes } from '../../../entities/security-measure';
import type { SeedActivity, SeedSecurityMeasure } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { addName } from './building-blocks';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/** The security measures, "Name (technical|organisational|physical|not-stated[, standard reference])", as the export writes them. */
export function readSecurityMeasures(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  cells.eachLine(COLUMN.security, (line, where) => {
    // A known type first, so that brackets in the name or the standard do not hide it; then any type, to name it in the problem.
    const match =
      /^(.+?)\s*\((technical|organisational|physical|not-stated)(?:, (.*))?\)$/s.exec(line) ??
      /^(.+?)\s*\(([^,()]*)(?:, (.*))?\)$/s.exec(line);
    if (!match)
      return problems.report(
        where,
        line,
        'Write each measure as "Name (technical)", "Name (organisational, standard)", "Name (physical)" or "Name (not-stated)"',
      );
    const type = check.oneOf(securityMeasureTypes, match[2]!.trim(), where, `type of security measure "${match[1]}"`);
    const standardReference = check.text(match[3]?.trim(), 300, where, 'standard reference');
    if (!check.name(match[1]!.trim(), where, 'security measure') || !type) return;
    const item: SeedSecurityMeasure = { name: match[1]!.trim(), type };
    if (standardReference) item.standardReference = standardReference;
    addName(activity.securityMeasures, blocks.securityMeasures.add(item, where, line).name);
  });
}
