import { retentionEndActions, retentionKinds, type RetentionCondition } from '../../../entities/retention-rule';
import { readLabelled } from '../../register/csv-labelled';
import type { SeedActivity, SeedRetentionRule } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore } from './cells';
import { COLUMN } from './columns';
import type { At } from './problem-list';
import type { ReadingContext } from './reading-context';

const labels = ['kind', 'duration', 'at most', 'from', 'then', 'reference', 'if'] as const;
const example = 'Rule name (kind: until-event; duration: P2Y; from: the account is closed; then: erase; reference: …)';

/**
 * A retention rule as the export writes it, "Name (kind: …; duration: …; at most: …; from: …;
 * then: …; reference: …; if: when tax law applies → P10Y, then erase)", or as exports before
 * retention kinds did, "Name (P7Y, at most P10Y, from start event, then erase, legal reference)"
 * (a fixed duration). What a rule leaves out stays not stated.
 */
function readRule(text: string, where: At, context: ReadingContext): SeedRetentionRule | undefined {
  const { check, problems } = context;
  const open = text.indexOf(' (kind: ');
  if (open < 0 || !text.endsWith(')')) return readFixedDuration(text, where, context);
  const name = check.name(text.slice(0, open).trim(), where, 'retention rule');
  const { parts } = readLabelled(text.slice(open + 2, -1), labels);
  const rule: Partial<SeedRetentionRule> & { conditions: RetentionCondition[] } = { conditions: [] };
  let ok = name !== undefined;
  for (const [label, value] of parts) {
    const refused = () => (ok = false);
    if (label === 'kind') {
      const kind = check.oneOf(retentionKinds, value, where, 'kind of retention');
      if (kind) rule.kind = kind;
      else refused();
    } else if (label === 'duration' || label === 'at most') {
      const duration = check.duration(value, where, label === 'duration' ? 'retention duration' : 'maximum retention duration');
      if (!duration) refused();
      else if (label === 'duration') rule.duration = duration;
      else rule.maximumDuration = duration;
    } else if (label === 'from') {
      if (check.name(value, where, 'start event of the retention')) rule.startEvent = value;
      else refused();
    } else if (label === 'then') {
      const action = check.oneOf(retentionEndActions, value, where, 'action at the end of the retention');
      if (action) rule.endAction = action;
      else refused();
    } else if (label === 'reference') {
      const reference = check.text(value, 1000, where, 'legal reference');
      if (reference) rule.legalReference = reference;
      else refused();
    } else {
      // The condition is in the source's words; the period and action after the last arrow are the register's.
      const match = /^(.+) → (P\S+|no period)(?:, then ([a-z-]+))?$/s.exec(value);
      if (!match) {
        problems.report(where, value, 'Write a condition as "if: when tax law applies → P10Y, then erase" (or "→ no period")');
        refused();
        continue;
      }
      const duration = match[2] === 'no period' ? null : (check.duration(match[2]!, where, 'duration under a condition') ?? undefined);
      const endAction =
        match[3] === undefined ? null : (check.oneOf(retentionEndActions, match[3], where, 'action under a condition') ?? undefined);
      if (duration === undefined || endAction === undefined) refused();
      else rule.conditions.push({ condition: match[1]!.trim(), duration, endAction });
    }
  }
  if (!ok || !name || !rule.kind) return undefined;
  const item: SeedRetentionRule = { name, kind: rule.kind };
  for (const field of ['duration', 'maximumDuration', 'startEvent', 'endAction', 'legalReference'] as const)
    if (rule[field] !== undefined) (item as unknown as Record<string, unknown>)[field] = rule[field];
  if (rule.conditions.length > 0) item.conditions = rule.conditions;
  return item;
}

/** The retention format of exports before retention kinds: every rule a fixed duration with a start event and an end action. */
function readFixedDuration(text: string, where: At, { check, problems }: ReadingContext): SeedRetentionRule | undefined {
  const match = /^(.+?)\s*\(([^,()]+?)(?:, at most ([^,()]+?))?, from (.*), then ([^,()]+?)(?:, (.*))?\)$/s.exec(text);
  if (!match) return void problems.report(where, text, `Write the retention as "${example}"`);
  const [, ruleName, durationText, maximumText, startEvent, endActionText, legalReferenceText] = match;
  const ruleOk = check.name(ruleName!.trim(), where, 'retention rule');
  const ruleDuration = check.duration(durationText!.trim(), where, 'retention duration');
  const maximum = maximumText === undefined ? undefined : check.duration(maximumText.trim(), where, 'maximum retention duration');
  const start = check.name(startEvent!.trim(), where, 'start event of the retention') && startEvent!.trim();
  const endAction = check.oneOf(retentionEndActions, endActionText!.trim(), where, 'action at the end of the retention');
  const legalReference = check.text(legalReferenceText?.trim(), 1000, where, 'legal reference');
  if (!ruleOk || !ruleDuration || (maximumText !== undefined && !maximum) || !start || !endAction) return undefined;
  const item: SeedRetentionRule = { name: ruleOk, kind: 'fixed-duration', duration: ruleDuration, startEvent: start, endAction };
  if (maximum) item.maximumDuration = maximum;
  if (legalReference) item.legalReference = legalReference;
  return item;
}

/**
 * The retention schedule: a line per data category, "Data category: rule" (or "Data category: no
 * retention recorded"), linking the rule to that category of the activity; and the rules the
 * record states for the activity as a whole, a rule a line. `listedData` are the data categories
 * the activity lists (case aside), refused ones included.
 */
export function readRetention(activity: SeedActivity, cells: ActivityCells, context: ReadingContext, listedData: Set<string>): void {
  const { blocks, problems } = context;
  cells.eachLine(COLUMN.retention, (line, where) => {
    const dataName = nameBefore(line, [...activity.dataCategories.map((d) => d.dataCategory), ...listedData], ': ');
    if (dataName === undefined)
      return problems.report(where, line, `Expected "Data category: ${example}" or "Data category: no retention recorded"`);
    if (!listedData.has(dataName.toLowerCase())) {
      return problems.report(
        where,
        line,
        `"${dataName}" is not among this activity's categories of personal data ("${COLUMN.personalData}")`,
      );
    }
    const rest = line.slice(dataName.length + 2).trim();
    if (/^no retention recorded$/i.test(rest)) return;
    const item = readRule(rest, where, context);
    if (!item) return;
    const rule = blocks.retentionRules.add(item, where, line);
    const link = activity.dataCategories.find((d) => d.dataCategory.toLowerCase() === dataName.toLowerCase());
    if (!link) return;
    if (link.retentionRule && link.retentionRule.toLowerCase() !== rule.name.toLowerCase()) {
      return problems.report(where, line, `"${link.dataCategory}" already has the retention rule "${link.retentionRule}" in this activity`);
    }
    link.retentionRule = rule.name;
  });
  cells.eachLine(COLUMN.activityRetention, (line, where) => {
    const item = readRule(line, where, context);
    if (!item) return;
    const rule = blocks.retentionRules.add(item, where, line);
    activity.retentionRules ??= [];
    if (!activity.retentionRules.some((name) => name.toLowerCase() === rule.name.toLowerCase())) activity.retentionRules.push(rule.name);
  });
}
