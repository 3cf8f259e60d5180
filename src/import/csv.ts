import { sourceTypes, type SourceType } from '../../entities/collection-channel';
import type { Sensitivity } from '../../entities/data-category';
import { activityRoles, activityStatuses, type ActivityRole, type ActivityStatus } from '../../entities/processing-activity';
import { recipientKinds, type RecipientKind } from '../../entities/recipient';
import { retentionEndActions, type RetentionEndAction } from '../../entities/retention-rule';
import { securityMeasureTypes, type SecurityMeasureType } from '../../entities/security-measure';
import type { OrganisationRole } from '../../entities/organisation';
import type {
  RegisterDocument,
  SeedActivity,
  SeedCollectionChannel,
  SeedOrganisation,
  SeedRecipient,
  SeedRetentionRule,
  SeedSecurityMeasure,
} from '../seed/register-document';
import { emptyRegisterDocument } from '../seed/register-document';
import { addName, registerBlocks } from './csv/building-blocks';
import { linesOf, longestPrefix, normalise, yesOrNo } from './csv/cells';
import { activityColumns, basisColumns, COLUMN, purposeDetailColumns } from './csv/columns';
import { readHeader, type DataRow } from './csv/header';
import { legalBasisReader } from './csv/legal-bases';
import { ProblemList, type At } from './csv/problem-list';
import { withoutByteOrderMark } from './csv/records';
import { valueChecks } from './csv/values';
import type { ImportProblem, KnownLegalBasis } from './problems';

/**
 * Reads a CSV in the UK ICO controller-template columns — the register's own CSV export
 * (src/register/render-csv.ts) or a spreadsheet kept in its layout — back into a RegisterDocument.
 * Every cell rendering of the export is inverted here; what the CSV does not carry (descriptions,
 * recipient categories, collection mechanisms, which data comes from which channel…) is left out
 * or set to the neutral value. Every problem is collected, each naming the spreadsheet row
 * (header = row 1) and column.
 */

const phonePattern = /^\+?[\d ()-]{6,}$/;

interface Contact {
  name: string;
  address?: string;
  country?: string;
  email?: string;
  phone?: string;
  privacyContactEmail?: string;
}

// ---- the parser --------------------------------------------------------------------------------

export function parseIcoCsv(
  input: string,
  known: { legalBases: KnownLegalBasis[]; organisations: string[] },
): { document: RegisterDocument; problems: ImportProblem[]; rows: number } {
  const problemList = new ProblemList();
  const problems = problemList.problems;
  const problem = (row: number | null, column: string | null, value: string | null, message: string) =>
    problemList.add(row, column, value, message);
  const at = (where: At, value: string | null, message: string) => problemList.report(where, value, message);

  const document: RegisterDocument = emptyRegisterDocument();

  const { rows, table } = readHeader(withoutByteOrderMark(input), problemList);
  if (!table) return { document, problems, rows };
  const { dataRows, columnIndex: index } = table;

  const { name, text, country, email, duration, oneOf } = valueChecks(problemList);

  const { organisations, subjects, dataCategories, channels, purposes, recipients, retentionRules, securityMeasures } = registerBlocks(
    document,
    problemList,
  );

  /** Recipients named somewhere but refused (kind missing or wrong): no follow-up problems for them. */
  const refusedRecipients = new Set<string>();
  /** Transfers to check once every row is read: their recipient must be described somewhere. */
  const transferChecks: { recipient: string; where: At; value: string }[] = [];

  const legalBasis = legalBasisReader(known.legalBases, problemList);

  // ---- contacts --------------------------------------------------------------------------------
  const organisationNames = () => [...known.organisations, ...document.organisations.map((organisation) => organisation.name)];

  /** "Name, address, country, email, phone[, privacy requests: x]" */
  function contact(line: string, where: At, what: string, withPrivacy: boolean): Contact | undefined {
    const named = longestPrefix(line, organisationNames(), [', ', '']) ?? line.split(', ')[0]!;
    const parts = line
      .slice(named.length)
      .replace(/^, /, '')
      .split(', ')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const result: Contact = { name: named.trim() };
    if (withPrivacy && parts.length > 0 && /^privacy requests:/i.test(parts[parts.length - 1]!)) {
      result.privacyContactEmail = email(
        parts
          .pop()!
          .replace(/^privacy requests:/i, '')
          .trim(),
        where,
        `privacy-request email of "${result.name}"`,
      );
    }
    if (parts.length > 0 && phonePattern.test(parts[parts.length - 1]!))
      result.phone = text(parts.pop(), 50, where, `phone number of "${result.name}"`);
    if (parts.length > 0 && parts[parts.length - 1]!.includes('@')) result.email = email(parts.pop(), where, `email of "${result.name}"`);
    if (parts.length > 0 && /^[A-Za-z]{2}$/.test(parts[parts.length - 1]!))
      result.country = country(parts.pop()!, where, `country of "${result.name}"`);
    if (parts.length > 0) result.address = text(parts.join(', '), 1000, where, `address of "${result.name}"`);
    if (!name(result.name, where, what)) return undefined;
    return result;
  }

  function addOrganisation(found: Contact, roles: OrganisationRole[], where: At, value: string): SeedOrganisation {
    const item: SeedOrganisation = { name: found.name, roles: [...roles] };
    for (const field of ['address', 'country', 'email', 'phone', 'privacyContactEmail'] as const) {
      if (found[field] !== undefined) item[field] = found[field];
    }
    const organisation = organisations.add(item, where, value);
    for (const role of roles) if (!organisation.roles.includes(role)) organisation.roles.push(role);
    return organisation;
  }

  /** "Controller: rest" — the controller being one of the activity's (longest match), else the text before ": ". */
  function splitController(line: string, controllers: string[], where: At, what: string): [controller: string, rest: string] | undefined {
    const controller = longestPrefix(line, controllers, [': ']) ?? (line.includes(': ') ? line.slice(0, line.indexOf(': ')) : undefined);
    if (controller === undefined) return void at(where, line, `Expected "Controller name: ${what}"`);
    const own = controllers.find((c) => c.toLowerCase() === controller.toLowerCase());
    if (!own) return void at(where, line, `"${controller}" is not a controller of this activity (see the controller columns)`);
    return [own, line.slice(controller.length + 2).trim()];
  }

  // ---- activities --------------------------------------------------------------------------------
  const groups = new Map<string, { name: string; at: At; rows: DataRow[] }>();
  for (const dataRow of dataRows) {
    const activityName = dataRow.cell(COLUMN.activity) || dataRow.cell(COLUMN.purpose);
    const where = { row: dataRow.row, column: index.has(COLUMN.activity) ? COLUMN.activity : COLUMN.purpose };
    if (!activityName) {
      at(
        { row: dataRow.row, column: COLUMN.activity },
        null,
        `The row has no activity name: fill in "${COLUMN.activity}" (or "${COLUMN.purpose}")`,
      );
      continue;
    }
    const key = activityName.toLowerCase();
    const group = groups.get(key) ?? { name: activityName, at: where, rows: [] };
    group.rows.push(dataRow);
    groups.set(key, group);
  }

  const comparable = (column: string, value: string) => {
    if (column === COLUMN.dpiaRequired) {
      const flag = yesOrNo(value);
      return flag === undefined ? value : String(flag);
    }
    if (column === COLUMN.role || column === COLUMN.status) return normalise(value);
    return linesOf(value).join('\n');
  };

  for (const group of groups.values()) {
    name(group.name, group.at, 'processing activity');

    // The activity's columns: the first row that fills one gives it; other rows must agree.
    const value = new Map<string, { text: string; where: At }>();
    for (const column of activityColumns) {
      for (const dataRow of group.rows) {
        const cell = dataRow.cell(column);
        if (cell === '') continue;
        const first = value.get(column);
        if (!first) value.set(column, { text: cell, where: { row: dataRow.row, column } });
        else if (comparable(column, first.text) !== comparable(column, cell)) {
          problem(
            dataRow.row,
            column,
            cell,
            `Differs from row ${first.where.row}, which gives this column for the activity "${group.name}" (every row of an activity must agree on it)`,
          );
        }
      }
    }
    const cellOf = (column: string) => value.get(column)?.text ?? '';
    const whereOf = (column: string): At => value.get(column)?.where ?? { row: group.rows[0]!.row, column };
    const eachLine = (column: string, read: (line: string, where: At) => void) => {
      const where = whereOf(column);
      for (const line of linesOf(cellOf(column))) read(line, where);
    };

    const activity: SeedActivity = {
      name: group.name,
      role: 'controller',
      status: 'active',
      controllers: [],
      purposes: [],
      dataSubjectCategories: [],
      dataCategories: [],
      collectionChannels: [],
      recipients: [],
      transfers: [],
      securityMeasures: [],
    };

    // Role, status, owner, DPIA
    const role = cellOf(COLUMN.role);
    if (role) {
      const found = oneOf(activityRoles, normalise(role).replace(/ /g, '-'), whereOf(COLUMN.role), 'role');
      if (found) activity.role = found as ActivityRole;
    } else if (cellOf(COLUMN.jointController)) activity.role = 'joint-controller';
    const status = cellOf(COLUMN.status);
    if (status) {
      const found = oneOf(activityStatuses, normalise(status), whereOf(COLUMN.status), 'status');
      if (found) activity.status = found as ActivityStatus;
    }
    const owner = text(cellOf(COLUMN.owner), 300, whereOf(COLUMN.owner), 'business function');
    if (owner !== undefined) activity.owner = owner;
    const dpia = cellOf(COLUMN.dpiaRequired);
    const dpiaRequired = dpia === '' ? false : yesOrNo(dpia);
    if (dpiaRequired === undefined) at(whereOf(COLUMN.dpiaRequired), dpia, 'Write Yes or No');
    else activity.dpiaRequired = dpiaRequired;
    const dpiaReference = text(cellOf(COLUMN.dpiaReference), 300, whereOf(COLUMN.dpiaReference), 'DPIA reference');
    if (dpiaReference !== undefined) activity.dpiaReference = dpiaReference;

    // Controllers, representatives, DPOs
    for (const [column, role] of [
      [COLUMN.controller, 'controller'],
      [COLUMN.jointController, 'joint-controller'],
    ] as const) {
      eachLine(column, (line, where) => {
        const found = contact(line, where, 'controller', true);
        if (found) addName(activity.controllers, addOrganisation(found, [role], where, line).name);
      });
    }
    eachLine(COLUMN.representative, (line, where) => {
      const split = splitController(line, activity.controllers, where, 'representative name, address, country, email, phone');
      if (!split) return;
      const found = contact(split[1], where, 'representative', false);
      if (!found) return;
      const representative = addOrganisation(found, ['representative'], where, line);
      organisations.add({ name: split[0], roles: [], representative: representative.name }, where, line);
    });
    eachLine(COLUMN.dpo, (line, where) => {
      const split = splitController(line, activity.controllers, where, 'DPO name, email, phone');
      if (!split) return;
      const parts = split[1]
        .split(', ')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const dpo: SeedOrganisation = { name: split[0], roles: [] };
      const phone =
        parts.length > 0 && phonePattern.test(parts[parts.length - 1]!) ? text(parts.pop(), 50, where, 'DPO phone number') : undefined;
      const dpoEmail = parts.length > 0 && parts[parts.length - 1]!.includes('@') ? email(parts.pop(), where, 'DPO email') : undefined;
      const dpoName = text(parts.join(', '), 300, where, 'DPO name');
      if (dpoName !== undefined) dpo.dpoName = dpoName;
      if (dpoEmail !== undefined) dpo.dpoEmail = dpoEmail;
      if (phone !== undefined) dpo.dpoPhone = phone;
      organisations.add(dpo, where, line);
    });

    // Individuals and personal data
    eachLine(COLUMN.individuals, (line, where) => {
      if (name(line, where, 'category of individuals'))
        addName(activity.dataSubjectCategories, subjects.add({ name: line }, where, line).name);
    });
    const activityData = new Set<string>();
    eachLine(COLUMN.personalData, (line, where) => {
      let sensitivity: Sensitivity = 'standard';
      let dataName = line;
      const special = /\s*\(special category, Art\. 9\)$/i.exec(line);
      const criminal = /\s*\(criminal offence data, Art\. 10\)$/i.exec(line);
      if (special) [sensitivity, dataName] = ['special', line.slice(0, special.index)];
      else if (criminal) [sensitivity, dataName] = ['criminal', line.slice(0, criminal.index)];
      activityData.add(dataName.toLowerCase());
      if (!name(dataName, where, 'category of personal data')) return;
      const data = dataCategories.add({ name: dataName, sensitivity }, where, line);
      if (!activity.dataCategories.some((d) => d.dataCategory.toLowerCase() === data.name.toLowerCase()))
        activity.dataCategories.push({ dataCategory: data.name });
    });

    // Recipients and processor contracts
    const activityRecipients = new Set<string>();
    eachLine(COLUMN.recipients, (line, where) => {
      const match = /^(.+?)\s*\(([^()]*)\)$/s.exec(line);
      const recipientName = match ? match[1]! : line;
      activityRecipients.add(recipientName.toLowerCase());
      if (!match) {
        refusedRecipients.add(recipientName.toLowerCase());
        return void at(
          where,
          line,
          `Write the recipient as "Name (kind)" or "Name (kind, country)", the kind one of: ${recipientKinds.join(', ')}`,
        );
      }
      const [kindText, countryText, ...extra] = match[2]!.split(',').map((part) => part.trim());
      const kind = oneOf(recipientKinds, kindText ?? '', where, `kind of recipient "${recipientName}"`);
      const recipientCountry = countryText ? country(countryText, where, `country of recipient "${recipientName}"`) : undefined;
      if (extra.length > 0) at(where, line, `Write the recipient as "Name (kind)" or "Name (kind, country)"`);
      if (!name(recipientName, where, 'recipient') || !kind || (countryText && !recipientCountry))
        return void refusedRecipients.add(recipientName.toLowerCase());
      const item: SeedRecipient = {
        name: recipientName,
        kind: kind as RecipientKind,
        category: kind === 'internal' ? 'internal-department' : 'other',
      };
      if (recipientCountry) item.country = recipientCountry;
      const recipient = recipients.add(item, where, line);
      if (!activity.recipients.some((r) => r.recipient.toLowerCase() === recipient.name.toLowerCase()))
        activity.recipients.push({ recipient: recipient.name });
    });
    const recipientNames = () => activity.recipients.map((r) => r.recipient);
    eachLine(COLUMN.processorContract, (line, where) => {
      const recipientName =
        longestPrefix(line, recipientNames(), [': ']) ?? (line.includes(': ') ? line.slice(0, line.indexOf(': ')) : undefined);
      if (recipientName === undefined) return void at(where, line, 'Expected "Recipient name: agreement reference" (or ": none recorded")');
      if (!activityRecipients.has(recipientName.toLowerCase())) {
        return void at(where, line, `"${recipientName}" is not among this activity's recipients ("${COLUMN.recipients}")`);
      }
      const reference = line.slice(recipientName.length + 2).trim();
      if (/^none recorded$/i.test(reference) || refusedRecipients.has(recipientName.toLowerCase())) return;
      const agreement = text(reference, 1000, where, 'processing agreement reference');
      const recipient = recipients.get(recipientName);
      if (agreement && recipient) recipients.add({ ...recipient, processingAgreementRef: agreement }, where, line);
    });

    // Transfers: the countries column, completed by the safeguards column
    const transfers = new Map<string, SeedActivity['transfers'][number]>();
    const transfer = (countryText: string, recipientName: string, where: At, line: string) => {
      const destination = country(countryText, where, 'destination country');
      if (!name(recipientName, where, 'recipient of the transfer')) return undefined;
      if (!destination) return undefined;
      const described = recipients.get(recipientName);
      const key = `${destination} ${recipientName.toLowerCase()}`;
      let found = transfers.get(key);
      if (!found) {
        found = { recipient: described?.name ?? recipientName, country: destination };
        transfers.set(key, found);
        activity.transfers.push(found);
        transferChecks.push({ recipient: recipientName, where, value: line });
      }
      return found;
    };
    eachLine(COLUMN.thirdCountries, (line, where) => {
      const match = /^(\S+)\s*\((.+)\)$/s.exec(line);
      if (!match) return void at(where, line, 'Write each transfer as "CC (Recipient name)", CC the ISO 3166-1 alpha-2 country code');
      transfer(match[1]!, match[2]!.trim(), where, line);
    });
    eachLine(COLUMN.safeguards, (line, where) => {
      const open = line.indexOf(' (');
      const countryText = open < 0 ? '' : line.slice(0, open);
      const afterCountry = line.slice(open + 2);
      const recipientName =
        longestPrefix(afterCountry, [...recipientNames(), ...document.recipients.map((r) => r.name)], ['): ']) ??
        (afterCountry.includes('): ') ? afterCountry.slice(0, afterCountry.indexOf('): ')) : undefined);
      if (open < 0 || recipientName === undefined) {
        return void at(where, line, 'Write each transfer as "CC (Recipient name): mechanism; safeguard; TIA reference"');
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
        : legalBasis(mechanismText, 'transfer-mechanism', where);
      const safeguardText = text(safeguard, 4000, where, 'safeguard');
      const tiaReference = text(tia, 300, where, 'TIA reference');
      if (!found) return;
      for (const [field, given] of [
        ['mechanism', mechanism],
        ['safeguard', safeguardText],
        ['tiaReference', tiaReference],
      ] as const) {
        if (given === undefined) continue;
        if (found[field] !== undefined && found[field] !== given)
          at(where, line, `A second ${field} for the transfer to ${found.country} (${found.recipient})`);
        else found[field] = given;
      }
    });

    // Retention per data category
    eachLine(COLUMN.retention, (line, where) => {
      const dataNames = activity.dataCategories.map((d) => d.dataCategory);
      const dataName =
        longestPrefix(line, [...dataNames, ...activityData], [': ']) ??
        (line.includes(': ') ? line.slice(0, line.indexOf(': ')) : undefined);
      if (dataName === undefined)
        return void at(
          where,
          line,
          'Expected "Data category: retention rule (duration, from start event, then action)" or "Data category: no retention recorded"',
        );
      if (!activityData.has(dataName.toLowerCase())) {
        return void at(where, line, `"${dataName}" is not among this activity's categories of personal data ("${COLUMN.personalData}")`);
      }
      const rest = line.slice(dataName.length + 2).trim();
      if (/^no retention recorded$/i.test(rest)) return;
      const match = /^(.+?)\s*\(([^,()]+?)(?:, at most ([^,()]+?))?, from (.*), then ([^,()]+?)(?:, (.*))?\)$/s.exec(rest);
      if (!match) {
        return void at(
          where,
          line,
          'Write the retention as "Data category: Rule name (P7Y, at most P10Y, from start event, then erase, legal reference)"',
        );
      }
      const [, ruleName, durationText, maximumText, startEvent, endActionText, legalReferenceText] = match;
      const ruleOk = name(ruleName!.trim(), where, 'retention rule');
      const ruleDuration = duration(durationText!.trim(), where, 'retention duration');
      const maximum = maximumText === undefined ? undefined : duration(maximumText.trim(), where, 'maximum retention duration');
      const start = name(startEvent!.trim(), where, 'start event of the retention') && startEvent!.trim();
      const endAction = oneOf(retentionEndActions, endActionText!.trim(), where, 'action at the end of the retention');
      const legalReference = text(legalReferenceText?.trim(), 1000, where, 'legal reference');
      if (!ruleOk || !ruleDuration || (maximumText !== undefined && !maximum) || !start || !endAction) return;
      const item: SeedRetentionRule = {
        name: ruleOk,
        duration: ruleDuration,
        startEvent: start,
        endAction: endAction as RetentionEndAction,
      };
      if (maximum) item.maximumDuration = maximum;
      if (legalReference) item.legalReference = legalReference;
      const rule = retentionRules.add(item, where, line);
      const link = activity.dataCategories.find((d) => d.dataCategory.toLowerCase() === dataName.toLowerCase());
      if (!link) return;
      if (link.retentionRule && link.retentionRule.toLowerCase() !== rule.name.toLowerCase()) {
        return void at(where, line, `"${link.dataCategory}" already has the retention rule "${link.retentionRule}" in this activity`);
      }
      link.retentionRule = rule.name;
    });

    // Security measures
    eachLine(COLUMN.security, (line, where) => {
      const match = /^(.+?)\s*\((technical|organisational)(?:, (.*))?\)$/s.exec(line) ?? /^(.+?)\s*\(([^,()]*)(?:, (.*))?\)$/s.exec(line);
      if (!match) return void at(where, line, 'Write each measure as "Name (technical)" or "Name (organisational, standard)"');
      const type = oneOf(securityMeasureTypes, match[2]!.trim(), where, `type of security measure "${match[1]}"`);
      const standardReference = text(match[3]?.trim(), 300, where, 'standard reference');
      if (!name(match[1]!.trim(), where, 'security measure') || !type) return;
      const item: SeedSecurityMeasure = { name: match[1]!.trim(), type: type as SecurityMeasureType };
      if (standardReference) item.standardReference = standardReference;
      addName(activity.securityMeasures, securityMeasures.add(item, where, line).name);
    });

    // Sources (collection channels); the CSV does not carry the mechanism
    eachLine(COLUMN.sources, (line, where) => {
      const match = /^(.+?)\s*\(([^()]*)\)$/s.exec(line);
      if (!match)
        return void at(where, line, `Write each source as "Name (from the data subject)" or "Name (${sourceTypes.slice(1).join('|')})"`);
      const typeText = match[2]!.trim().toLowerCase();
      const sourceType = oneOf(
        sourceTypes,
        typeText === 'from the data subject' ? 'data-subject' : typeText,
        where,
        `type of source "${match[1]}"`,
      );
      if (!name(match[1]!.trim(), where, 'source of personal data') || !sourceType) return;
      const item: SeedCollectionChannel = { name: match[1]!.trim(), sourceType: sourceType as SourceType, mechanism: 'other' };
      addName(activity.collectionChannels, channels.add(item, where, line).name);
    });

    // Purposes: one a row
    const purposeRows = new Map<string, number>();
    for (const dataRow of group.rows) {
      const purposeName = dataRow.cell(COLUMN.purpose);
      const where = { row: dataRow.row, column: COLUMN.purpose };
      const legalBases: string[] = [];
      for (const [column, kind] of basisColumns) {
        for (const line of linesOf(dataRow.cell(column))) {
          const code = legalBasis(line, kind, { row: dataRow.row, column });
          if (code && !legalBases.includes(code)) legalBases.push(code);
        }
      }
      const legitimateInterest = text(
        dataRow.cell(COLUMN.legitimateInterest),
        4000,
        { row: dataRow.row, column: COLUMN.legitimateInterest },
        'legitimate interest',
      );
      const assessmentReference = text(
        dataRow.cell(COLUMN.assessmentReference),
        300,
        { row: dataRow.row, column: COLUMN.assessmentReference },
        'assessment reference',
      );
      if (!purposeName) {
        for (const column of purposeDetailColumns) {
          const cell = dataRow.cell(column);
          if (cell) problem(dataRow.row, column, cell, `Given for no purpose: fill in "${COLUMN.purpose}"`);
        }
        continue;
      }
      if (!name(purposeName, where, 'purpose')) continue;
      const earlier = purposeRows.get(purposeName.toLowerCase());
      if (earlier !== undefined) {
        at(where, purposeName, `The purpose is already listed for the activity "${group.name}" in row ${earlier}`);
        continue;
      }
      purposeRows.set(purposeName.toLowerCase(), dataRow.row);
      const purpose = purposes.add({ name: purposeName }, where, purposeName);
      const link: SeedActivity['purposes'][number] = { purpose: purpose.name, legalBases };
      if (legitimateInterest !== undefined) link.legitimateInterest = legitimateInterest;
      if (assessmentReference !== undefined) link.assessmentReference = assessmentReference;
      activity.purposes.push(link);
    }

    document.activities.push(activity);
  }

  // A transfer's recipient needs its kind from "Categories of recipients" in some row.
  for (const check of transferChecks) {
    if (!recipients.has(check.recipient) && !refusedRecipients.has(check.recipient.toLowerCase())) {
      at(check.where, check.value, `"${check.recipient}" is not described under "${COLUMN.recipients}" in any row, so its kind is unknown`);
    }
  }

  return { document, problems: problemList.inReadingOrder(index), rows };
}
