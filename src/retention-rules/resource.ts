import { RetentionRule } from '../../entities/retention-rule';
import type { ResourceDefinition } from '../crud/resource-definition';
import { RetentionRuleCreate, RetentionRuleListQuery, RetentionRuleResponse, RetentionRuleUpdate } from './dto';

export const retentionRules: ResourceDefinition<RetentionRule> = {
  path: 'retention-rules',
  singular: 'retention rule',
  tag: 'Retention rules',
  tagDescription: 'How long data is kept (Art. 30(1)(f)): ISO 8601 durations from a start event, and what happens after.',
  entity: RetentionRule,
  dto: { create: RetentionRuleCreate, update: RetentionRuleUpdate, response: RetentionRuleResponse, query: RetentionRuleListQuery },
  filters: {
    endAction: { kind: 'equals', column: 'endAction' },
    activityId: { kind: 'linked-to-activity' },
  },
};
