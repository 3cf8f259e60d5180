import { processingAgreementStatuses, recipientCategories, recipientKinds } from '../../../entities/recipient';
import { readLabelled } from '../../register/csv-labelled';
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
    const [kindText, ...rest] = match[2]!.split(',').map((part) => part.trim());
    const kind = check.oneOf(recipientKinds, kindText ?? '', where, `kind of recipient "${recipientName}"`);
    // After the kind: the country (capitals, or two letters at least), then the category, each when stated.
    const countryText = rest[0] !== undefined && /^[A-Za-z]{2}$/.test(rest[0]) ? rest.shift() : undefined;
    const categoryText = rest.shift();
    const recipientCountry = countryText ? check.country(countryText, where, `country of recipient "${recipientName}"`) : undefined;
    const category = categoryText
      ? check.oneOf(recipientCategories, categoryText, where, `category of recipient "${recipientName}"`)
      : undefined;
    if (rest.length > 0)
      problems.report(where, line, `Write the recipient as "Name (kind)", "Name (kind, country)" or "Name (kind, country, category)"`);
    if (!check.name(recipientName, where, 'recipient') || !kind || (countryText && !recipientCountry) || (categoryText && !category))
      return void refusedRecipients.add(recipientName.toLowerCase());
    // Without a category the recipient's stays not stated (or as the register has it).
    const item: SeedRecipient = { name: recipientName, kind };
    if (recipientCountry) item.country = recipientCountry;
    if (category) item.category = category;
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
      return problems.report(
        where,
        line,
        'Expected "Recipient name: status: signed; date: 2024-01-15; reference: DPA-7" (or "Recipient name: none recorded")',
      );
    if (!listed.has(recipientName.toLowerCase())) {
      return problems.report(where, line, `"${recipientName}" is not among this activity's recipients ("${COLUMN.recipients}")`);
    }
    const rest = line.slice(recipientName.length + 2).trim();
    if (/^none recorded$/i.test(rest) || refusedRecipients.has(recipientName.toLowerCase())) return;
    const agreement: Pick<SeedRecipient, 'processingAgreementStatus' | 'processingAgreementDate' | 'processingAgreementRef'> = {};
    if (/^status: /i.test(rest)) {
      // "status: signed; date: 2024-01-15; reference: DPA-7"
      for (const [label, value] of readLabelled(rest, ['status', 'date', 'reference']).parts) {
        if (label === 'status') {
          const status = check.oneOf(processingAgreementStatuses, value, where, 'status of the processing agreement');
          if (status) agreement.processingAgreementStatus = status;
        } else if (label === 'date') {
          const date = check.date(value, where, 'date of the processing agreement');
          if (date) agreement.processingAgreementDate = date;
        } else {
          const reference = check.text(value, 1000, where, 'processing agreement reference');
          if (reference) agreement.processingAgreementRef = reference;
        }
      }
    } else {
      // Exports before agreements had a status wrote the reference alone: a recorded reference meant a signed agreement.
      const reference = check.text(rest, 1000, where, 'processing agreement reference');
      if (reference) Object.assign(agreement, { processingAgreementStatus: 'signed', processingAgreementRef: reference });
    }
    const recipient = blocks.recipients.get(recipientName);
    if (recipient && Object.keys(agreement).length > 0) blocks.recipients.add({ ...recipient, ...agreement }, where, line);
  });
}
