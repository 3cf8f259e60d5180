import { collectionMechanisms, sourceTypes } from '../../../entities/collection-channel';
import type { SeedActivity, SeedCollectionChannel } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { addName } from './building-blocks';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/** The sources of personal data (collection channels), "Name (type)" or "Name (type, mechanism)". */
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
    const [typePart, mechanismText, ...extra] = match[2]!.split(',').map((part) => part.trim());
    const typeText = (typePart ?? '').toLowerCase();
    const sourceType = check.oneOf(
      sourceTypes,
      typeText === 'from the data subject' ? 'data-subject' : typeText,
      where,
      `type of source "${match[1]}"`,
    );
    // A cookie channel needs the cookie's details, which the CSV does not carry.
    const mechanism = mechanismText
      ? check.oneOf(
          collectionMechanisms.filter((m) => m !== 'cookie'),
          mechanismText,
          where,
          `mechanism of source "${match[1]}" (a cookie is recorded with its details through the API)`,
        )
      : undefined;
    if (extra.length > 0) problems.report(where, line, 'Write each source as "Name (type)" or "Name (type, mechanism)"');
    if (!check.name(match[1]!.trim(), where, 'source of personal data') || !sourceType || (mechanismText && !mechanism)) return;
    // Without a mechanism the channel's stays not stated (or as the register has it).
    const item: SeedCollectionChannel = { name: match[1]!.trim(), sourceType };
    if (mechanism) item.mechanism = mechanism;
    addName(activity.collectionChannels, blocks.channels.add(item, where, line).name);
  });
}
