import { LegalBasis } from '../../entities/legal-basis';
import type { ResourceDefinition } from '../crud/resource-definition';
import { AppError, validationFailed } from '../errors';
import { LegalBasisCreate, LegalBasisListQuery, LegalBasisResponse, LegalBasisUpdate } from './dto';

export const legalBases: ResourceDefinition<LegalBasis> = {
  path: 'legal-bases',
  singular: 'legal basis',
  tag: 'Legal bases',
  tagDescription:
    'GDPR Art. 6, 9 and 10 grounds and Art. 45–49 transfer mechanisms with their W3C DPV IRIs (built in, read-only), plus national-law bases you add.',
  entity: LegalBasis,
  naturalKey: 'code',
  dto: { create: LegalBasisCreate, update: LegalBasisUpdate, response: LegalBasisResponse, query: LegalBasisListQuery },
  filters: {
    kind: { kind: 'equals', column: 'kind' },
    code: { kind: 'equals', column: 'code' },
    jurisdiction: { kind: 'equals', column: 'jurisdiction' },
    builtIn: { kind: 'equals', column: 'builtIn' },
    activityId: { kind: 'linked-to-activity' },
  },
  createDefaults: { builtIn: false },
  rules: {
    assertMutable(existing) {
      if (existing.builtIn) {
        throw new AppError('READ_ONLY', `${existing.article} (${existing.code}) is GDPR reference data and cannot be changed or deleted.`);
      }
    },
    beforeWrite(_manager, next) {
      if (next.code?.startsWith('gdpr-')) {
        throw validationFailed([{ in: 'body', path: '/code', message: 'the "gdpr-" prefix is reserved for built-in bases' }]);
      }
    },
  },
};
