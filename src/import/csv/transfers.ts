import type { SeedActivity } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore } from './cells';
import { COLUMN } from './columns';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

type Transfer = SeedActivity['transfers'][number];

/**
 * The transfers to third countries: the countries column ("CC (Recipient)") names them, the
 * safeguards column ("CC (Recipient): mechanism; safeguard; TIA reference") names them too and
 * completes them. Either column alone is enough to record a transfer.
 */
export function readTransfers(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems, document } = context;
  const transfers = new Map<string, Transfer>();
  const transfer = (countryText: string, recipientName: string, where: At, line: string) => {
    const destination = check.country(countryText, where, 'destination country');
    if (!check.name(recipientName, where, 'recipient of the transfer')) return undefined;
    if (!destination) return undefined;
    const described = blocks.recipients.get(recipientName);
    const key = `${destination} ${recipientName.toLowerCase()}`;
    let found = transfers.get(key);
    if (!found) {
      found = { recipient: described?.name ?? recipientName, country: destination };
      transfers.set(key, found);
      activity.transfers.push(found);
      context.transferChecks.push({ recipient: recipientName, where, value: line });
    }
    return found;
  };
  cells.eachLine(COLUMN.thirdCountries, (line, where) => {
    const match = /^(\S+)\s*\((.+)\)$/s.exec(line);
    if (!match) return problems.report(where, line, 'Write each transfer as "CC (Recipient name)", CC the ISO 3166-1 alpha-2 country code');
    transfer(match[1]!, match[2]!.trim(), where, line);
  });
  cells.eachLine(COLUMN.safeguards, (line, where) => {
    const open = line.indexOf(' (');
    const countryText = open < 0 ? '' : line.slice(0, open);
    const afterCountry = line.slice(open + 2);
    const recipientName = nameBefore(
      afterCountry,
      [...activity.recipients.map((r) => r.recipient), ...document.recipients.map((r) => r.name)],
      '): ',
    );
    if (open < 0 || recipientName === undefined) {
      return problems.report(where, line, 'Write each transfer as "CC (Recipient name): mechanism; safeguard; TIA reference"');
    }
    const parts = afterCountry
      .slice(recipientName.length + 3)
      .split('; ')
      .map((part) => part.trim());
    const found = transfer(countryText.trim(), recipientName, where, line);
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
        problems.report(where, line, `A second ${field} for the transfer to ${found.country} (${found.recipient})`);
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
