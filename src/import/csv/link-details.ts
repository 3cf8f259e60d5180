import type { SeedActivity } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore } from './cells';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/**
 * The details of the activity's links that the template's columns cannot place, one "Name: Name"
 * line each: the sources (collection channels) of a category of personal data, and the categories
 * of personal data a recipient receives. Both names must be among the activity's own (read from
 * the columns before): a line about something the activity does not list is a problem, not a new entry.
 */
export function readLinkDetails(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { problems } = context;
  const among = (names: string[], name: string) => names.find((known) => known.toLowerCase() === name.trim().toLowerCase());
  const pairs = (
    column: string,
    owners: string[],
    items: string[],
    what: { owner: string; item: string; ownerColumn: string; itemColumn: string },
    add: (owner: string, item: string) => void,
  ) =>
    cells.eachLine(column, (line, where) => {
      const prefix = nameBefore(line, owners, ': ');
      if (prefix === undefined) return problems.report(where, line, `Expected "${what.owner}: ${what.item}"`);
      const owner = among(owners, prefix);
      if (!owner) return problems.report(where, line, `"${prefix}" is not among this activity's ${what.owner}s ("${what.ownerColumn}")`);
      const itemName = line.slice(prefix.length + 2);
      const item = among(items, itemName);
      if (!item)
        return problems.report(where, line, `"${itemName.trim()}" is not among this activity's ${what.item}s ("${what.itemColumn}")`);
      add(owner, item);
    });

  const dataCategories = activity.dataCategories.map((d) => d.dataCategory);
  pairs(
    COLUMN.dataCategorySources,
    dataCategories,
    activity.collectionChannels,
    { owner: 'category of personal data', item: 'source', ownerColumn: COLUMN.personalData, itemColumn: COLUMN.sources },
    (owner, item) => {
      const link = activity.dataCategories.find((d) => d.dataCategory === owner)!;
      if (!(link.sourceChannels ??= []).includes(item)) link.sourceChannels.push(item);
    },
  );
  pairs(
    COLUMN.recipientDataCategories,
    activity.recipients.map((r) => r.recipient),
    dataCategories,
    { owner: 'recipient', item: 'category of personal data', ownerColumn: COLUMN.recipients, itemColumn: COLUMN.personalData },
    (owner, item) => {
      const link = activity.recipients.find((r) => r.recipient === owner)!;
      if (!(link.dataCategories ??= []).includes(item)) link.dataCategories.push(item);
    },
  );
}
