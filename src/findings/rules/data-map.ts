import { eeaCountries } from '../../gdpr/countries';
import type { ActivityView } from '../../processing-activities/view';
import { heldIn } from '../../systems/held-data';
import type { RegisterSnapshot, SystemRecord } from '../snapshot';
import { lawOf, type Draft } from './common';

const systemEntity = (s: SystemRecord) => ({ resource: 'systems', id: s.id, name: s.name });
const listed = (items: string[]) => items.map((item) => `"${item}"`).join(', ');

/**
 * Where the data lives (systems, recorded flows): a system hosted outside the EEA with no
 * transfer recorded, a system holding special-category data that no activity keeping it there
 * states an Art. 9(2) condition for, and a system no activity links. A retired system is history.
 */
export function dataMap(snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const users = new Map<string, { activity: ActivityView; link: ActivityView['systems'][number] }[]>();
  for (const activity of snapshot.activities) {
    for (const link of activity.systems ?? []) {
      const list = users.get(link.system.id) ?? [];
      list.push({ activity, link });
      users.set(link.system.id, list);
    }
  }
  for (const system of snapshot.systems.values()) {
    if (snapshot.retired.has(system.id)) continue;
    const using = users.get(system.id) ?? [];
    if (using.length === 0) {
      if (!snapshot.wholeRegister) continue;
      out.push({
        code: 'system-unused',
        entity: systemEntity(system),
        field: null,
        activities: [],
        explanation: `Art. 30(1) and 5(2) GDPR: the record must describe the processing as it is done; no activity uses the system "${system.name}", so either a processing that uses it is missing from the register, or it holds personal data for no recorded purpose (Art. 5(1)(e)).`,
        resolution: `Link it from the activities that use it (systems in PATCH /v1/processing-activities/:id), or retire it once its data is gone (PATCH /v1/systems/${system.id} with retiredAt).`,
      });
      continue;
    }
    const law = lawOf(using[0]!.activity, snapshot);

    // Hosted outside the EEA: each activity keeping data there must record a transfer to that country.
    const outside = (system.hostingCountries ?? []).filter((country) => country !== 'not-stated' && !eeaCountries.has(country));
    if (outside.length > 0) {
      const flowCountries = new Set(
        snapshot.flows
          .filter(
            (f) =>
              !snapshot.retired.has(f.id) &&
              ((f.fromKind === 'system' && f.fromId === system.id) || (f.toKind === 'system' && f.toId === system.id)),
          )
          .map((f) => f.transferCountry)
          .filter((country): country is string => !!country),
      );
      const lacking = using.filter(({ activity }) =>
        outside.some(
          (country) =>
            !flowCountries.has(country) &&
            !activity.transfers.some((t) => t.destination === 'worldwide' || (t.destination === 'country' && t.country === country)),
        ),
      );
      if (lacking.length > 0) {
        out.push({
          code: 'system-transfer-not-recorded',
          entity: systemEntity(system),
          field: '/hostingCountries',
          activities: lacking.map(({ activity }) => activity),
          explanation: `${law('30(1)(e)', '44')}: data kept in a system hosted outside the EEA is transferred there; "${system.name}" is hosted in ${outside.join(', ')}, and ${lacking.length === 1 ? `the activity ${listed(lacking.map(({ activity }) => activity.name))} records` : `${lacking.length} activities using it record`} no transfer to ${outside.length === 1 ? 'that country' : 'those countries'}.`,
          resolution: `Record the transfer (to the system's provider, with its country and Art. 45–49 mechanism) in the transfers of each activity listed, or as a data flow into the system with its transferCountry (POST /v1/data-flows); or correct the hosting countries (PATCH /v1/systems/${system.id}).`,
        });
      }
    }

    // Special-category data kept there: some activity keeping it there must state an Art. 9(2) condition.
    const special = using
      .map(({ activity, link }) => ({ activity, categories: heldIn(activity, link).categories.filter((d) => d.sensitivity === 'special') }))
      .filter(({ categories }) => categories.length > 0);
    const conditioned = special.some(({ activity }) =>
      [...activity.purposes.flatMap((p) => p.legalBases), ...activity.legalBases].some(
        (basis) => basis.kind === 'special-category-condition',
      ),
    );
    if (special.length > 0 && !conditioned) {
      const names = [...new Set(special.flatMap(({ categories }) => categories.map((d) => d.name)))];
      out.push({
        code: 'system-special-category-condition-missing',
        entity: systemEntity(system),
        field: null,
        activities: special.map(({ activity }) => activity),
        explanation: `${law('9(1)')} prohibits processing special categories of data unless an ${law.article('9(2)')} condition applies; the system "${system.name}" holds ${listed(names)}, and no activity keeping it there states one.`,
        resolution: `Add the Art. 9(2) condition (gdpr-9-2-a … gdpr-9-2-j, or a national one) to the legal bases of the activities listed, state which data categories each keeps in the system (systems[].dataCategoryIds), or stop keeping this data there.`,
      });
    }
  }
  return out;
}
