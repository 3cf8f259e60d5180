import { sourceTypes } from '../../../entities/collection-channel';
import type { SeedActivity, SeedCollectionChannel } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { addName } from './building-blocks';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/** The sources of personal data (collection channels), "Name (type)"; the CSV does not carry the mechanism. */
export function readSources(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  cells.eachLine(COLUMN.sources, (line, where) => {
    const match = /^(.+?)\s*\(([^()]*)\)$/s.exec(line);
    if (!match)
      return problems.report(
        where,
        line,
        `Write each source as "Name (from the data subject)" or "Name (${sourceTypes.slice(1).join('|')})"`,
      );
    const typeText = match[2]!.trim().toLowerCase();
    const sourceType = check.oneOf(
      sourceTypes,
      typeText === 'from the data subject' ? 'data-subject' : typeText,
      where,
      `type of source "${match[1]}"`,
    );
    if (!check.name(match[1]!.trim(), where, 'source of personal data') || !sourceType) return;
    // The CSV has no column for the mechanism: it stays not stated (or as the register has it).
    const item: SeedCollectionChannel = { name: match[1]!.trim(), sourceType };
    addName(activity.collectionChannels, blocks.channels.add(item, where, line).name);
  });
}
