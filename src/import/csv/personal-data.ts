import type { Sensitivity } from '../../../entities/data-category';
import type { SeedActivity } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { addName } from './building-blocks';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/** The suffixes the export puts after a category of personal data that is not standard. */
const sensitivitySuffixes: [Sensitivity, RegExp][] = [
  ['special', /\s*\(special category, Art\. 9\)$/i],
  ['criminal', /\s*\(criminal offence data, Art\. 10\)$/i],
];

/**
 * The categories of individuals and of personal data. Returns the names of the data categories
 * the activity lists (case aside), refused ones included, so the retention column is checked
 * against what the file says rather than against what was accepted.
 */
export function readPersonalData(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): Set<string> {
  const { blocks, check } = context;
  cells.eachLine(COLUMN.individuals, (line, where) => {
    if (check.name(line, where, 'category of individuals'))
      addName(activity.dataSubjectCategories, blocks.subjects.add({ name: line }, where, line).name);
  });
  const listed = new Set<string>();
  cells.eachLine(COLUMN.personalData, (line, where) => {
    let sensitivity: Sensitivity = 'standard';
    let dataName = line;
    for (const [level, suffix] of sensitivitySuffixes) {
      const match = suffix.exec(line);
      if (!match) continue;
      [sensitivity, dataName] = [level, line.slice(0, match.index)];
      break;
    }
    listed.add(dataName.toLowerCase());
    if (!check.name(dataName, where, 'category of personal data')) return;
    const data = blocks.dataCategories.add({ name: dataName, sensitivity }, where, line);
    if (!activity.dataCategories.some((d) => d.dataCategory.toLowerCase() === data.name.toLowerCase()))
      activity.dataCategories.push({ dataCategory: data.name });
  });
  return listed;
}
