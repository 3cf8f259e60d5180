import { recipientKinds } from '../../../entities/recipient';
import type { SeedActivity, SeedRecipient } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore } from './cells';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/** The recipients ("Name (kind[, country])") and the processing agreements of the processors among them. */
export function readRecipients(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems, refusedRecipients } = context;
  /** Every recipient the column names (case aside), refused ones included: an agreement for one is no second problem. */
  const listed = new Set<string>();
  cells.eachLine(COLUMN.recipients, (line, where) => {
    const match = /^(.+?)\s*\(([^()]*)\)$/s.exec(line);
    const recipientName = match ? match[1]! : line;
    listed.add(recipientName.toLowerCase());
    if (!match) {
      refusedRecipients.add(recipientName.toLowerCase());
      return problems.report(
        where,
        line,
        `Write the recipient as "Name (kind)" or "Name (kind, country)", the kind one of: ${recipientKinds.join(', ')}`,
      );
    }
    const [kindText, countryText, ...extra] = match[2]!.split(',').map((part) => part.trim());
    const kind = check.oneOf(recipientKinds, kindText ?? '', where, `kind of recipient "${recipientName}"`);
    const recipientCountry = countryText ? check.country(countryText, where, `country of recipient "${recipientName}"`) : undefined;
    if (extra.length > 0) problems.report(where, line, `Write the recipient as "Name (kind)" or "Name (kind, country)"`);
    if (!check.name(recipientName, where, 'recipient') || !kind || (countryText && !recipientCountry))
      return void refusedRecipients.add(recipientName.toLowerCase());
    const item: SeedRecipient = { name: recipientName, kind, category: kind === 'internal' ? 'internal-department' : 'other' };
    if (recipientCountry) item.country = recipientCountry;
    const recipient = blocks.recipients.add(item, where, line);
    if (!activity.recipients.some((r) => r.recipient.toLowerCase() === recipient.name.toLowerCase()))
      activity.recipients.push({ recipient: recipient.name });
  });
  cells.eachLine(COLUMN.processorContract, (line, where) => {
    const recipientName = nameBefore(
      line,
      activity.recipients.map((r) => r.recipient),
      ': ',
    );
    if (recipientName === undefined)
      return problems.report(where, line, 'Expected "Recipient name: agreement reference" (or ": none recorded")');
    if (!listed.has(recipientName.toLowerCase())) {
      return problems.report(where, line, `"${recipientName}" is not among this activity's recipients ("${COLUMN.recipients}")`);
    }
    const reference = line.slice(recipientName.length + 2).trim();
    if (/^none recorded$/i.test(reference) || refusedRecipients.has(recipientName.toLowerCase())) return;
    const agreement = check.text(reference, 1000, where, 'processing agreement reference');
    const recipient = blocks.recipients.get(recipientName);
    if (agreement && recipient) blocks.recipients.add({ ...recipient, processingAgreementRef: agreement }, where, line);
  });
}
