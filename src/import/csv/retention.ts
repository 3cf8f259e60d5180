import { retentionEndActions } from '../../../entities/retention-rule';
import type { SeedActivity, SeedRetentionRule } from '../register-document';
import type { ActivityCells } from './activity-rows';
import { nameBefore } from './cells';
import { COLUMN } from './columns';
import type { ReadingContext } from './reading-context';

/**
 * The retention schedule: a line per data category, "Data category: Rule name (P7Y, at most P10Y,
 * from start event, then erase, legal reference)", linking the rule to that category of the activity.
 * `listedData` are the data categories the activity lists (case aside), refused ones included.
 */
export function readRetention(activity: SeedActivity, cells: ActivityCells, context: ReadingContext, listedData: Set<string>): void {
  const { blocks, check, problems } = context;
  cells.eachLine(COLUMN.retention, (line, where) => {
    const dataName = nameBefore(line, [...activity.dataCategories.map((d) => d.dataCategory), ...listedData], ': ');
    if (dataName === undefined)
      return problems.report(
        where,
        line,
        'Expected "Data category: retention rule (duration, from start event, then action)" or "Data category: no retention recorded"',
      );
    if (!listedData.has(dataName.toLowerCase())) {
      return problems.report(
        where,
        line,
        `"${dataName}" is not among this activity's categories of personal data ("${COLUMN.personalData}")`,
      );
    }
    const rest = line.slice(dataName.length + 2).trim();
    if (/^no retention recorded$/i.test(rest)) return;
    const match = /^(.+?)\s*\(([^,()]+?)(?:, at most ([^,()]+?))?, from (.*), then ([^,()]+?)(?:, (.*))?\)$/s.exec(rest);
    if (!match) {
      return problems.report(
        where,
        line,
        'Write the retention as "Data category: Rule name (P7Y, at most P10Y, from start event, then erase, legal reference)"',
      );
    }
    const [, ruleName, durationText, maximumText, startEvent, endActionText, legalReferenceText] = match;
    const ruleOk = check.name(ruleName!.trim(), where, 'retention rule');
    const ruleDuration = check.duration(durationText!.trim(), where, 'retention duration');
    const maximum = maximumText === undefined ? undefined : check.duration(maximumText.trim(), where, 'maximum retention duration');
    const start = check.name(startEvent!.trim(), where, 'start event of the retention') && startEvent!.trim();
    const endAction = check.oneOf(retentionEndActions, endActionText!.trim(), where, 'action at the end of the retention');
    const legalReference = check.text(legalReferenceText?.trim(), 1000, where, 'legal reference');
    if (!ruleOk || !ruleDuration || (maximumText !== undefined && !maximum) || !start || !endAction) return;
    const item: SeedRetentionRule = { name: ruleOk, duration: ruleDuration, startEvent: start, endAction };
    if (maximum) item.maximumDuration = maximum;
    if (legalReference) item.legalReference = legalReference;
    const rule = blocks.retentionRules.add(item, where, line);
    const link = activity.dataCategories.find((d) => d.dataCategory.toLowerCase() === dataName.toLowerCase());
    if (!link) return;
    if (link.retentionRule && link.retentionRule.toLowerCase() !== rule.name.toLowerCase()) {
      return problems.report(where, line, `"${link.dataCategory}" already has the retention rule "${link.retentionRule}" in this activity`);
    }
    link.retentionRule = rule.name;
  });
}
