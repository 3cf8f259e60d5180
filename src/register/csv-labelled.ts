/**
 * The pieces of a CSV cell line that states several facts of one entry, each named so that a
 * reader (a person, or the import) knows what it holds and what was left out: "kind: statutory;
 * reference: Archiefwet". What is not stated is not written. One module writes and reads them, so
 * the export and the import cannot drift apart.
 */

/** "label: value; label: value", leaving out what is null, undefined or empty. */
export const labelled = (parts: [label: string, value: string | null | undefined][]) =>
  parts
    .filter((part): part is [string, string] => typeof part[1] === 'string' && part[1] !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('; ');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The parts of a labelled text, in order. A part begins at the text's start or after "; ", with
 * one of `labels` and ": " (the longest label first, so "transfer mechanism note" is not read as
 * "transfer mechanism"). `leading` is what comes before the first label ('' when none does).
 */
export function readLabelled(text: string, labels: readonly string[]): { leading: string; parts: [label: string, value: string][] } {
  const alternatives = [...labels].sort((a, b) => b.length - a.length).map(escape);
  const start = new RegExp(`(?:^|; )(${alternatives.join('|')}): `, 'gi');
  const found = [...text.matchAll(start)];
  const parts = found.map((match, i): [string, string] => {
    const end = i + 1 < found.length ? found[i + 1]!.index : text.length;
    const label = labels.find((candidate) => candidate.toLowerCase() === match[1]!.toLowerCase())!;
    return [label, text.slice(match.index + match[0].length, end).trim()];
  });
  return { leading: found.length === 0 ? text : text.slice(0, found[0]!.index), parts };
}

/** The kinds of entry whose texts (description, source phrase, internal note) a texts column holds, by how the column names them. */
export const textEntryKinds = {
  activity: 'activity',
  organisation: 'organisation',
  purpose: 'purpose',
  dataSubjectCategory: 'individuals',
  dataCategory: 'personal data',
  retentionRule: 'retention',
  collectionChannel: 'source',
  recipient: 'recipient',
  securityMeasure: 'measure',
  system: 'system',
} as const;

export type TextEntryKind = keyof typeof textEntryKinds;

/**
 * One entry's text in a texts column: `activity: text` for the record itself, `purpose "Name": text`
 * for an entry it uses. A text may hold line breaks: its further lines follow it.
 */
export const textLine = (kind: TextEntryKind, name: string | null, text: string) =>
  `${textEntryKinds[kind]}${name === null ? '' : ` "${name}"`}: ${text}`;

const textStart = new RegExp(`^(${Object.values(textEntryKinds).map(escape).join('|')})(?: "(.+?)")?: `, 'i');

/**
 * The entries' texts of a texts cell, in order: a line that starts as textLine writes it begins
 * one, any other line continues the one before (`orphan` holds lines before the first).
 */
export function readTextLines(cell: string): {
  entries: { kind: TextEntryKind; name: string | null; text: string; line: string }[];
  orphan: string[];
} {
  const kinds = Object.entries(textEntryKinds) as [TextEntryKind, string][];
  const entries: { kind: TextEntryKind; name: string | null; text: string; line: string }[] = [];
  const orphan: string[] = [];
  for (const line of cell.split(/\r\n|\n|\r/)) {
    const match = textStart.exec(line);
    if (match) {
      const kind = kinds.find(([, word]) => word === match[1]!.toLowerCase())![0];
      entries.push({ kind, name: match[2] ?? null, text: line.slice(match[0].length), line });
    } else if (entries.length > 0) entries[entries.length - 1]!.text += `\n${line}`;
    else if (line.trim() !== '') orphan.push(line);
  }
  for (const entry of entries) entry.text = entry.text.trim();
  return { entries, orphan };
}
