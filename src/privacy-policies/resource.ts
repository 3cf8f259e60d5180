import { PrivacyPolicy } from '../../entities/privacy-policy';
import type { ResourceDefinition } from '../crud/resource-definition';
import { validationFailed } from '../errors';
import { PrivacyPolicyCreate, PrivacyPolicyListQuery, PrivacyPolicyResponse, PrivacyPolicyUpdate } from './dto';

export const privacyPolicies: ResourceDefinition<PrivacyPolicy> = {
  path: 'privacy-policies',
  singular: 'privacy policy',
  tag: 'Privacy policies',
  tagDescription:
    'Published privacy policies (Art. 13/14 notices): contact and response time, the rights they name (with any fee), last change.',
  entity: PrivacyPolicy,
  dto: { create: PrivacyPolicyCreate, update: PrivacyPolicyUpdate, response: PrivacyPolicyResponse, query: PrivacyPolicyListQuery },
  filters: { organisationId: { kind: 'equals', column: 'organisationId' } },
  expand: ['organisation'],
  rules: {
    beforeWrite(_manager, next) {
      const seen = new Set<string>();
      const repeated = (next.rights ?? []).flatMap((statement, index) => {
        const again = seen.has(statement.right);
        seen.add(statement.right);
        return again ? [{ in: 'body' as const, path: `/rights/${index}/right`, message: 'appears more than once' }] : [];
      });
      if (repeated.length > 0) throw validationFailed(repeated);
    },
  },
};
