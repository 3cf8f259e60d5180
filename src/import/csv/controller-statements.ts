import { controllerRelationships } from '../../../entities/activity-links';
import { contactRoles, legalFrameworks, type OrganisationContact } from '../../../entities/organisation';
import { readLabelled } from '../../register/csv-labelled';
import { entryName, type SeedActivity, type SeedOrganisation } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore, yesOrNo } from './cells';
import { COLUMN } from './columns';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

const detailLabels = [
  'framework',
  'DPO required',
  'reason',
  'public body',
  'language',
  'DPO title',
  'DPO address',
  'transfer mechanism',
  'transfer mechanism note',
] as const;
const contactLabels = ['role', 'name', 'title', 'email', 'phone', 'address'] as const;

/**
 * What the controllers of an activity state beyond their contact lines, each line "Controller:
 * labelled parts": their relationship to the others, their framework, DPO requirement, public
 * body, language, DPO title and address and register-wide transfer mechanism, and their contacts
 * with roles. Read after the contact columns, which name the controllers.
 */
export function readControllerStatements(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  const controllers = () => activity.controllers.map(entryName);

  /** "Controller: rest", the controller one of the activity's. */
  function split(line: string, where: At, what: string): [controller: string, rest: string] | undefined {
    const named = nameBefore(line, controllers(), ': ');
    const own = named === undefined ? undefined : controllers().find((c) => c.toLowerCase() === named.toLowerCase());
    if (named === undefined) return void problems.report(where, line, `Expected "Controller name: ${what}"`);
    if (!own) return void problems.report(where, line, `"${named}" is not a controller of this activity (see the controller columns)`);
    return [own, line.slice(named.length + 2).trim()];
  }

  cells.eachLine(COLUMN.relationships, (line, where) => {
    const found = split(line, where, `${controllerRelationships.join(' or ')}`);
    if (!found) return;
    const relationship = check.oneOf(controllerRelationships, found[1], where, `relationship of "${found[0]}"`);
    if (!relationship) return;
    const at = activity.controllers.findIndex((c) => entryName(c) === found[0]);
    activity.controllers[at] = { name: found[0], relationship };
  });

  cells.eachLine(COLUMN.controllerDetails, (line, where) => {
    const found = split(line, where, 'framework: gdpr; DPO required: yes; reason: …');
    if (!found) return;
    const [name, rest] = found;
    const { leading, parts } = readLabelled(rest, detailLabels);
    if (leading.trim() !== '')
      problems.report(where, line, `Unknown statement "${leading.trim()}": write ${detailLabels.join(', ')}, each "label: value"`);
    const item: SeedOrganisation = { name, roles: [] };
    const yesNo = (value: string, what: string) => {
      const flag = yesOrNo(value);
      if (flag === undefined) problems.report(where, value, `Write Yes or No for ${what}, or leave it out when not stated`);
      return flag;
    };
    for (const [label, value] of parts) {
      if (label === 'framework') {
        const framework = check.oneOf(legalFrameworks, value, where, `framework of "${name}"`);
        if (framework) item.framework = framework;
      } else if (label === 'DPO required') {
        const required = yesNo(value, 'whether a DPO is required');
        if (required !== undefined) item.dpoRequired = required ? 'yes' : 'no';
      } else if (label === 'reason') {
        const reason = check.text(value, 1000, where, 'reason a DPO is or is not required');
        if (reason) item.dpoRequiredReason = reason;
      } else if (label === 'public body') {
        const publicBody = yesNo(value, 'whether it is a public body');
        if (publicBody !== undefined) item.publicBody = publicBody;
      } else if (label === 'language') {
        const language = check.text(value, 35, where, `language of "${name}"`);
        if (language) item.language = language;
      } else if (label === 'DPO title') {
        const title = check.text(value, 300, where, 'DPO title');
        if (title) item.dpoTitle = title;
      } else if (label === 'DPO address') {
        const address = check.text(value, 1000, where, 'DPO address');
        if (address) item.dpoAddress = address;
      } else if (label === 'transfer mechanism') {
        const mechanism = context.legalBasis(value, 'transfer-mechanism', where);
        if (mechanism) item.transferMechanism = mechanism;
      } else {
        const note = check.text(value, 4000, where, 'note on the register-wide transfer mechanism');
        if (note) item.transferMechanismNote = note;
      }
    }
    blocks.organisations.add(item, where, line);
  });

  const contacts = new Map<string, Partial<OrganisationContact>[]>();
  cells.eachLine(COLUMN.controllerContacts, (line, where) => {
    const found = split(line, where, 'role: dpo; name: …; title: …; email: …; phone: …; address: …');
    if (!found) return;
    const [name, rest] = found;
    const { leading, parts } = readLabelled(rest, contactLabels);
    if (leading.trim() !== '' || parts[0]?.[0] !== 'role')
      return problems.report(
        where,
        line,
        'Write each contact as "Controller: role: dpo; name: …; title: …; email: …; phone: …; address: …"',
      );
    const contact: Partial<OrganisationContact> = {};
    let ok = true;
    for (const [label, value] of parts) {
      const given =
        label === 'role'
          ? check.oneOf(contactRoles, value, where, 'role of the contact')
          : label === 'email'
            ? check.email(value, where, 'email of the contact')
            : check.text(value, label === 'address' ? 1000 : label === 'phone' ? 50 : 300, where, `${label} of the contact`);
      if (given === undefined) ok = false;
      else (contact as Record<string, string>)[label] = given;
    }
    if (ok) contacts.set(name, [...(contacts.get(name) ?? []), contact]);
  });
  for (const [name, list] of contacts)
    blocks.organisations.add({ name, roles: [], contacts: list }, cells.where(COLUMN.controllerContacts), '');
}
