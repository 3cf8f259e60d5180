import { RetentionRule } from '../../entities/retention-rule';
import type { ResourceDefinition } from '../crud/resource-definition';
import { type FieldError, validationFailed } from '../errors';
import { RetentionRuleCreate, RetentionRuleListQuery, RetentionRuleResponse, RetentionRuleUpdate } from './dto';

/** A kind of period and its duration agree: a fixed duration has one; a permanent, open-ended or unstated period has none. */
function kindProblems(rule: Partial<RetentionRule>): FieldError[] {
  const problems: FieldError[] = [];
  if (rule.kind === 'fixed-duration' && !rule.duration) {
    problems.push({ in: 'body', path: '/duration', message: 'is required for a fixed-duration retention (or choose another kind)' });
  }
  if ((rule.kind === 'permanent' || rule.kind === 'as-long-as-necessary' || rule.kind === 'not-stated') && rule.duration) {
    problems.push({
      in: 'body',
      path: '/duration',
      message: `has no place in a ${rule.kind} retention: state the period as fixed-duration, until-event or statutory`,
    });
  }
  if (rule.kind === 'until-event' && !rule.startEvent) {
    problems.push({ in: 'body', path: '/startEvent', message: 'names the event an until-event retention lasts until, so it is required' });
  }
  return problems;
}

export const retentionRules: ResourceDefinition<RetentionRule> = {
  path: 'retention-rules',
  singular: 'retention rule',
  tag: 'Retention rules',
  tagDescription:
    'How long data is kept (Art. 30(1)(f)): a fixed duration from an event, the statutory period of a law or archive list, until an event, permanently (Art. 89), as long as necessary — or not stated — with what happens after, and periods that apply only under a condition.',
  entity: RetentionRule,
  dto: { create: RetentionRuleCreate, update: RetentionRuleUpdate, response: RetentionRuleResponse, query: RetentionRuleListQuery },
  filters: {
    kind: { kind: 'equals', column: 'kind' },
    endAction: { kind: 'equals', column: 'endAction' },
    activityId: { kind: 'linked-to-activity' },
  },
  rules: {
    beforeWrite(_manager, next, existing) {
      // A stated duration is a fixed period; nothing stated is not stated (on create; a change keeps the kind).
      if (!existing && !next.kind) next.kind = next.duration ? 'fixed-duration' : 'not-stated';
      const problems = kindProblems(next);
      if (problems.length > 0) throw validationFailed(problems);
    },
  },
};
