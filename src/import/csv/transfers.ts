import type { SeedActivity } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { COLUMN } from './columns';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

type Transfer = SeedActivity['transfers'][number];

/** A transfer as the export names it: where it goes, to whom, and from whom when it is onward. */
interface TransferKey {
  destination: string;
  recipient: string;
  via?: string;
  /** What follows the key on the line. */
  rest: string;
}

/**
 * Reads "destination (Recipient[; onward from Processor])" at the start of a line, followed by
 * `after` (the end of the line, or "): " and more). Recipient names may hold brackets and
 * semicolons, so the names already known are tried first, the longest first.
 */
function transferKey(line: string, names: string[], after: ')' | '): '): TransferKey | undefined {
  let best: (TransferKey & { length: number }) | undefined;
  const known = [...new Set(names)];
  for (const recipient of known) {
    for (const via of [undefined, ...known]) {
      const key = ` (${recipient}${via === undefined ? '' : `; onward from ${via}`}${after}`;
      const at = after === ')' ? (line.endsWith(key) ? line.length - key.length : -1) : line.indexOf(key);
      if (at <= 0 || (best && best.length >= key.length)) continue;
      best = {
        destination: line.slice(0, at),
        recipient,
        ...(via === undefined ? {} : { via }),
        rest: line.slice(at + key.length),
        length: key.length,
      };
    }
  }
  if (best) {
    const { length: _length, ...key } = best;
    return key;
  }
  // A recipient the file names nowhere else: the problem is reported once every row is read.
  const match =
    after === ')' ? /^(.+?) \((.+?)(?:; onward from (.+))?\)$/s.exec(line) : /^(.+?) \((.+?)(?:; onward from (.+?))?\): (.*)$/s.exec(line);
  if (!match) return undefined;
  return { destination: match[1]!, recipient: match[2]!.trim(), ...(match[3] ? { via: match[3].trim() } : {}), rest: match[4] ?? '' };
}

const destinationHelp =
  'a destination: an ISO 3166-1 alpha-2 country code in capitals (NL, US), "worldwide", "not-stated" or "international organisation: Name"';

/**
 * The transfers outside the EEA: the countries column ("US (Recipient)", "worldwide (Sub-processor;
 * onward from Processor)", "international organisation: WHO (Recipient)") names them, the
 * safeguards column ("destination (Recipient): mechanism; safeguard; TIA reference") names them
 * too and completes them. Either column alone is enough to record a transfer.
 */
export function readTransfers(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { check, problems, document } = context;
  const transfers = new Map<string, Transfer>();
  const names = () => [...activity.recipients.map((r) => r.recipient), ...document.recipients.map((r) => r.name)];
  const transfer = (key: TransferKey, where: At, line: string) => {
    const text = key.destination.trim();
    const destination: Pick<Transfer, 'destination' | 'country' | 'internationalOrganisation'> = {};
    const organisation = /^international organisation: (.+)$/i.exec(text);
    if (text === 'worldwide') destination.destination = 'worldwide';
    else if (organisation) {
      const name = check.text(organisation[1]!.trim(), 300, where, 'international organisation');
      if (!name) return undefined;
      destination.internationalOrganisation = name;
    } else if (text !== 'not-stated') {
      if (!/^[A-Z]{2}$/.test(text)) return void problems.report(where, line, `The transfer needs ${destinationHelp}`);
      const country = check.country(text, where, 'destination country');
      if (!country) return undefined;
      destination.country = country;
    }
    if (!check.name(key.recipient, where, 'recipient of the transfer')) return undefined;
    if (key.via !== undefined && !check.name(key.via, where, 'recipient the transfer goes on from')) return undefined;
    const described = context.blocks.recipients.get(key.recipient);
    const id = `${text} ${key.recipient.toLowerCase()} ${key.via?.toLowerCase() ?? ''}`;
    let found = transfers.get(id);
    if (!found) {
      found = { recipient: described?.name ?? key.recipient, ...destination };
      if (key.via !== undefined) found.via = context.blocks.recipients.get(key.via)?.name ?? key.via;
      transfers.set(id, found);
      activity.transfers.push(found);
      context.transferChecks.push({ recipient: key.recipient, where, value: line });
      if (key.via !== undefined) context.transferChecks.push({ recipient: key.via, where, value: line });
    }
    return found;
  };
  cells.eachLine(COLUMN.thirdCountries, (line, where) => {
    const key = transferKey(line, names(), ')');
    if (!key) return problems.report(where, line, `Write each transfer as "destination (Recipient name)", ${destinationHelp}`);
    transfer(key, where, line);
  });
  cells.eachLine(COLUMN.safeguards, (line, where) => {
    const key = transferKey(line, names(), '): ');
    if (!key)
      return problems.report(where, line, 'Write each transfer as "destination (Recipient name): mechanism; safeguard; TIA reference"');
    const parts = key.rest.split('; ').map((part) => part.trim());
    const found = transfer(key, where, line);
    const mechanismText = parts.shift() ?? '';
    const tia = parts.length > 0 && /^TIA /.test(parts[parts.length - 1]!) ? parts.pop()!.slice(4).trim() : undefined;
    const safeguard = parts.filter((part) => part !== '').join('; ');
    const mechanism = /^(no mechanism recorded)?$/i.test(mechanismText)
      ? undefined
      : context.legalBasis(mechanismText, 'transfer-mechanism', where);
    const safeguardText = check.text(safeguard, 4000, where, 'safeguard');
    const tiaReference = check.text(tia, 300, where, 'TIA reference');
    if (!found) return;
    for (const [field, given] of [
      ['mechanism', mechanism],
      ['safeguard', safeguardText],
      ['tiaReference', tiaReference],
    ] as const) {
      if (given === undefined) continue;
      if (found[field] !== undefined && found[field] !== given)
        problems.report(where, line, `A second ${field} for the transfer to ${key.destination} (${found.recipient})`);
      else found[field] = given;
    }
  });
}

/** Once every row is read: a transfer's recipient needs its kind from "Categories of recipients" in some row. */
export function checkTransferRecipients(context: ReadingContext): void {
  for (const check of context.transferChecks) {
    if (!context.blocks.recipients.has(check.recipient) && !context.refusedRecipients.has(check.recipient.toLowerCase())) {
      context.problems.report(
        check.where,
        check.value,
        `"${check.recipient}" is not described under "${COLUMN.recipients}" in any row, so its kind is unknown`,
      );
    }
  }
}
