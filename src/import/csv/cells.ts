/**
 * The text of a cell as the export wrote it, and the pieces the export joins into one cell. Pure
 * functions: what a piece means, and whether it is allowed, is for the readers of each column.
 */

/** Case and runs of blanks do not matter when a spreadsheet names a column, a role or a basis. */
export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** A cell as the export wrote it: trimmed, the formula-neutralising apostrophe removed. */
export function cellText(raw: string): string {
  const text = raw.trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1).trim() : text;
}

/** Items of a list cell: one a line, blank lines skipped. */
export const linesOf = (cell: string) =>
  cell
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Parts of a line the export joined with ", ", blank parts skipped. */
export const commaParts = (line: string) =>
  line
    .split(', ')
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** A value short enough to quote back in a problem. */
export const shorten = (value: string) => (value.length > 200 ? `${value.slice(0, 199)}…` : value);

// A Map, not an object: a cell reading `constructor` or `__proto__` must be "neither", not an inherited member.
const booleans = new Map<string, boolean>(
  Object.entries({ yes: true, y: true, true: true, ja: true, no: false, n: false, false: false, nee: false }),
);

/** Yes/No as a spreadsheet writes it (English or Dutch); undefined when the cell says neither. */
export const yesOrNo = (cell: string): boolean | undefined => booleans.get(cell.toLowerCase());

const startsWithFollowedBy = (line: string, name: string, separators: string[]) => {
  const lower = line.toLowerCase();
  const prefix = name.toLowerCase();
  if (!lower.startsWith(prefix)) return false;
  const rest = line.slice(name.length);
  return separators.some((separator) => (separator === '' ? rest === '' : rest.startsWith(separator)));
};

/**
 * The longest of `names` the line starts with, followed by one of `separators` ('' = end of
 * line), as the line spells it. Names may hold the separator themselves ("Globex, Inc."), so the
 * names already known are tried before the line is split.
 */
export function longestPrefix(line: string, names: Iterable<string>, separators: string[]): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    if (name && (!best || name.length > best.length) && startsWithFollowedBy(line, name, separators)) best = name;
  }
  return best === undefined ? undefined : line.slice(0, best.length);
}

/** The name a "Name<separator>rest" line starts with: one of `names` (longest first), else the text before the separator. */
export const nameBefore = (line: string, names: Iterable<string>, separator: string): string | undefined =>
  longestPrefix(line, names, [separator]) ?? (line.includes(separator) ? line.slice(0, line.indexOf(separator)) : undefined);
