import type { OrganisationRole } from '../../../entities/organisation';
import type { SeedActivity, SeedOrganisation } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { entryName } from '../register-document';
import { addName } from './building-blocks';
import { commaParts, longestPrefix, nameBefore } from './cells';
import { COLUMN } from './columns';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

/** An organisation as a contact line gives it. */
type Contact = Pick<SeedOrganisation, 'name' | 'address' | 'country' | 'email' | 'phone' | 'privacyContactEmail'>;

const isPhone = (part: string) => /^\+?[\d ()-]{6,}$/.test(part);
const isEmailLike = (part: string) => part.includes('@');
const isCountryLike = (part: string) => /^[A-Za-z]{2}$/.test(part);
const isPrivacyContact = (part: string) => /^privacy requests:/i.test(part);

/** The last part, taken off the list, when it is what `test` looks for: the export writes the optional parts of a contact last. */
const takeLast = (parts: string[], test: (part: string) => boolean) =>
  parts.length > 0 && test(parts[parts.length - 1]!) ? parts.pop() : undefined;

/** The organisations, controllers, representatives and DPOs of the columns that name them. */
export function readContacts(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  const organisationNames = () => [
    ...context.knownOrganisations,
    ...context.document.organisations.map((organisation) => organisation.name),
  ];

  /** "Name, address, country, email, phone[, privacy requests: x]" */
  function contact(line: string, where: At, what: string, withPrivacy: boolean): Contact | undefined {
    const named = longestPrefix(line, organisationNames(), [', ', '']) ?? line.split(', ')[0]!;
    const parts = commaParts(line.slice(named.length).replace(/^, /, ''));
    const result: Contact = { name: named.trim() };
    const privacyContact = withPrivacy ? takeLast(parts, isPrivacyContact) : undefined;
    if (privacyContact !== undefined)
      result.privacyContactEmail = check.email(
        privacyContact.replace(/^privacy requests:/i, '').trim(),
        where,
        `privacy-request email of "${result.name}"`,
      );
    result.phone = check.text(takeLast(parts, isPhone), 50, where, `phone number of "${result.name}"`);
    result.email = check.email(takeLast(parts, isEmailLike), where, `email of "${result.name}"`);
    const country = takeLast(parts, isCountryLike);
    if (country !== undefined) result.country = check.country(country, where, `country of "${result.name}"`);
    result.address = check.text(parts.join(', '), 1000, where, `address of "${result.name}"`);
    if (!check.name(result.name, where, what)) return undefined;
    return result;
  }

  function addOrganisation(found: Contact, roles: OrganisationRole[], where: At, value: string): SeedOrganisation {
    const item: SeedOrganisation = { name: found.name, roles: [...roles] };
    for (const field of ['address', 'country', 'email', 'phone', 'privacyContactEmail'] as const) {
      if (found[field] !== undefined) item[field] = found[field];
    }
    const organisation = blocks.organisations.add(item, where, value);
    for (const role of roles) if (!organisation.roles.includes(role)) organisation.roles.push(role);
    return organisation;
  }

  /** "Controller: rest" — the controller being one of the activity's (longest match), else the text before ": ". */
  function splitController(line: string, where: At, what: string): [controller: string, rest: string] | undefined {
    const controllers = activity.controllers.map(entryName);
    const controller = nameBefore(line, controllers, ': ');
    if (controller === undefined) return void problems.report(where, line, `Expected "Controller name: ${what}"`);
    const own = controllers.find((c) => c.toLowerCase() === controller.toLowerCase());
    if (!own) return void problems.report(where, line, `"${controller}" is not a controller of this activity (see the controller columns)`);
    return [own, line.slice(controller.length + 2).trim()];
  }

  for (const [column, role] of [
    [COLUMN.controller, 'controller'],
    [COLUMN.jointController, 'joint-controller'],
  ] as const) {
    cells.eachLine(column, (line, where) => {
      const found = contact(line, where, 'controller', true);
      if (found) addName(activity.controllers, addOrganisation(found, [role], where, line).name);
    });
  }
  cells.eachLine(COLUMN.representative, (line, where) => {
    const split = splitController(line, where, 'representative name, address, country, email, phone');
    if (!split) return;
    const found = contact(split[1], where, 'representative', false);
    if (!found) return;
    const representative = addOrganisation(found, ['representative'], where, line);
    blocks.organisations.add({ name: split[0], roles: [], representative: representative.name }, where, line);
  });
  cells.eachLine(COLUMN.dpo, (line, where) => {
    const split = splitController(line, where, 'DPO name, email, phone');
    if (!split) return;
    const parts = commaParts(split[1]);
    const dpo: SeedOrganisation = { name: split[0], roles: [] };
    const phone = check.text(takeLast(parts, isPhone), 50, where, 'DPO phone number');
    const dpoEmail = check.email(takeLast(parts, isEmailLike), where, 'DPO email');
    const dpoName = check.text(parts.join(', '), 300, where, 'DPO name');
    if (dpoName !== undefined) dpo.dpoName = dpoName;
    if (dpoEmail !== undefined) dpo.dpoEmail = dpoEmail;
    if (phone !== undefined) dpo.dpoPhone = phone;
    blocks.organisations.add(dpo, where, line);
  });
}
