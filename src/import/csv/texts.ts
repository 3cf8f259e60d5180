import { readTextLines, textEntryKinds, type TextEntryKind } from '../../register/csv-labelled';
import type { SeedActivity } from '../register-document';
import type { ActivityCells } from './activity-rows';
import type { RegisterBlocks } from './building-blocks';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

type TextField = 'description' | 'sourcePhrase' | 'internalNote';

const columns: [column: string, field: TextField, what: string, max: number][] = [
  [COLUMN.descriptions, 'description', 'description', 4000],
  [COLUMN.sourcePhrases, 'sourcePhrase', 'source phrase', 8000],
  [COLUMN.internalNotes, 'internalNote', 'internal note', 8000],
];

const blockOf: Record<Exclude<TextEntryKind, 'activity'>, keyof RegisterBlocks> = {
  organisation: 'organisations',
  purpose: 'purposes',
  dataSubjectCategory: 'subjects',
  dataCategory: 'dataCategories',
  retentionRule: 'retentionRules',
  collectionChannel: 'channels',
  recipient: 'recipients',
  securityMeasure: 'securityMeasures',
  system: 'systems',
};

/**
 * The texts columns: the public descriptions, the source phrases and the internal notes of the
 * activity and of the entries it uses, a line "purpose "Name": text" each. Read last, when every
 * entry the activity uses is known: a text of an entry the row does not name is a problem.
 */
export function readTexts(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  for (const [column, field, what, max] of columns) {
    const cell = cells.cell(column);
    if (cell === '') continue;
    const where = cells.where(column);
    const { entries, orphan } = readTextLines(cell);
    for (const line of orphan)
      problems.report(
        where,
        line,
        `Begin each ${what} with what it is for: "activity: …" or, e.g., "purpose "Name": …" (${Object.values(textEntryKinds).join(', ')})`,
      );
    for (const entry of entries) {
      const text = check.text(entry.text, max, where, what);
      if (text === undefined) continue;
      if (entry.kind === 'activity') {
        if (entry.name !== null) problems.report(where, entry.line, `Write the activity's own ${what} as "activity: …"`);
        else activity[field] = text;
        continue;
      }
      const kind = blockOf[entry.kind];
      const block = entry.name === null ? undefined : (blocks[kind] as RegisterBlocks['purposes']).get(entry.name);
      if (!block) {
        problems.report(where, entry.line, `No ${textEntryKinds[entry.kind]} "${entry.name ?? ''}" named in the other columns`);
        continue;
      }
      (blocks[kind] as RegisterBlocks['purposes']).add({ ...block, [field]: text }, where, entry.line);
    }
  }
}
