import { systemKinds } from '../../../entities/system';
import { readLabelled } from '../../register/csv-labelled';
import { systemListSeparator } from '../../register/render-csv';
import type { SeedActivity, SeedSystem } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

const labels = ['kind', 'provider', 'hosted in', 'security measures', 'holds'] as const;
const names = (value: string) =>
  value
    .split(systemListSeparator)
    .map((name) => name.trim())
    .filter((name) => name !== '');

/**
 * The systems the activity uses, a line each as the export writes them (render-csv.ts systemText):
 * "Name: kind: saas; provider: Google LLC; hosted in: US, DE; security measures: A | B; holds: C".
 * The data categories held must be among the activity's own.
 */
export function readSystems(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { blocks, check, problems } = context;
  cells.eachLine(COLUMN.systems, (line, where) => {
    const at = line.indexOf(': kind: ');
    if (at < 0) return problems.report(where, line, 'Write each system as "Name: kind: saas; provider: …; hosted in: US; holds: …"');
    const name = check.name(line.slice(0, at).trim(), where, 'system');
    const system: SeedSystem = { name: name ?? '' };
    for (const [label, value] of readLabelled(line.slice(at + 2), labels).parts) {
      if (label === 'kind') {
        const kind = check.oneOf(systemKinds, value, where, `kind of system "${system.name}"`);
        if (kind && kind !== 'not-stated') system.kind = kind;
      } else if (label === 'provider') {
        if (check.name(value, where, `provider of system "${system.name}"`)) system.provider = value;
      } else if (label === 'hosted in') {
        const countries = value.split(',').map((country) => check.country(country.trim(), where, `hosting country of "${system.name}"`));
        if (countries.every(Boolean)) system.hostingCountries = countries as string[];
      } else if (label === 'security measures') system.securityMeasures = names(value);
      else {
        const held = names(value);
        const unknown = held.filter(
          (category) => !activity.dataCategories.some((d) => d.dataCategory.toLowerCase() === category.toLowerCase()),
        );
        if (unknown.length > 0)
          problems.report(where, line, `"${unknown.join('", "')}" is not among this activity's categories of personal data`);
        (system as SeedSystem & { held?: string[] }).held = held;
      }
    }
    if (!name) return;
    const { held = [], ...own } = system as SeedSystem & { held?: string[] };
    const stored = blocks.systems.add(own, where, line);
    activity.systems ??= [];
    if (!activity.systems.some((link) => link.system.toLowerCase() === stored.name.toLowerCase()))
      activity.systems.push({ system: stored.name, ...(held.length > 0 ? { dataCategories: held } : {}) });
  });
}

/**
 * The security measures and providers the systems name that no other column describes: by name
 * only (the import finds them in the register, or records just the name), never invented.
 */
export function completeSystemReferences(context: ReadingContext): void {
  const { document, knownOrganisations } = context;
  for (const system of document.systems ?? []) {
    for (const measure of system.securityMeasures ?? []) {
      if (!document.securityMeasures.some((m) => m.name.toLowerCase() === measure.toLowerCase()))
        document.securityMeasures.push({ name: measure });
    }
    const provider = system.provider?.toLowerCase();
    if (
      provider &&
      !document.organisations.some((o) => o.name.toLowerCase() === provider) &&
      !knownOrganisations.some((o) => o.toLowerCase() === provider)
    )
      document.organisations.push({ name: system.provider! } as never);
  }
}
