import { findingCodes, findingSeverities, ruleCatalogue, type FindingSeverity } from './catalogue';
import { accountability } from './rules/accountability';
import type { Draft, FindingRecord } from './rules/common';
import { completeness } from './rules/completeness';
import { dataMap } from './rules/data-map';
import { lawfulness } from './rules/lawfulness';
import { notices } from './rules/notices';
import { sharing } from './rules/sharing';
import type { Ref, RegisterSnapshot } from './snapshot';

export type { FindingRecord } from './rules/common';

/** The rule families: those checking one activity at a time, and those looking across the register. */
const activityRules = [completeness, lawfulness, sharing, accountability];
const registerRules = [notices, dataMap];

const severityRank = (severity: FindingSeverity) => findingSeverities.indexOf(severity);
const byName = (a: Ref, b: Ref) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/**
 * Every finding for the snapshot's activities. Findings about a shared entry (an organisation, a
 * recipient, a retention rule, a policy) are reported once, listing every activity concerned.
 * Sorted errors first, then by rule, entity and field, so the order is stable.
 */
export function checkRegister(snapshot: RegisterSnapshot): FindingRecord[] {
  const drafts = [
    ...snapshot.activities.flatMap((a) =>
      activityRules
        .flatMap((rule): Draft[] => rule(a, snapshot))
        .map((d) => ({
          ...d,
          activities: d.activities ?? [d.activity ?? a],
        })),
    ),
    ...registerRules.flatMap((rule) => rule(snapshot)),
  ];
  const merged = new Map<string, FindingRecord>();
  for (const { activity: _activity, key, activities = [], ...draft } of drafts) {
    const id = [draft.code, draft.entity.id, draft.field, key].join('|');
    const existing = merged.get(id);
    const refs = activities.map(({ id: activityId, name }) => ({ id: activityId, name }));
    if (existing) {
      for (const ref of refs) if (!existing.activities.some((known) => known.id === ref.id)) existing.activities.push(ref);
    } else {
      merged.set(id, { ...draft, severity: ruleCatalogue[draft.code].severity, activities: refs });
    }
  }
  const order = new Map(findingCodes.map((code, i) => [code, i]));
  return [...merged.values()]
    .map((finding) => ({ ...finding, activities: [...finding.activities].sort(byName) }))
    .sort(
      (x, y) =>
        severityRank(x.severity) - severityRank(y.severity) ||
        order.get(x.code)! - order.get(y.code)! ||
        byName(x.entity, y.entity) ||
        (x.field ?? '').localeCompare(y.field ?? '', 'en', { numeric: true }),
    );
}
