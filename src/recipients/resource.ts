import { Recipient } from '../../entities/recipient';
import type { ResourceDefinition } from '../crud/resource-definition';
import { RecipientCreate, RecipientListQuery, RecipientResponse, RecipientUpdate } from './dto';

export const recipients: ResourceDefinition<Recipient> = {
  path: 'recipients',
  singular: 'recipient',
  tag: 'Recipients',
  tagDescription: 'Who receives personal data (Art. 30(1)(d)): processors, other controllers, registries, bureaus, authorities.',
  entity: Recipient,
  dto: { create: RecipientCreate, update: RecipientUpdate, response: RecipientResponse, query: RecipientListQuery },
  filters: {
    kind: { kind: 'equals', column: 'kind' },
    category: { kind: 'equals', column: 'category' },
    country: { kind: 'equals', column: 'country' },
    organisationId: { kind: 'equals', column: 'organisationId' },
    processingAgreementStatus: { kind: 'equals', column: 'processingAgreementStatus' },
    activityId: { kind: 'linked-to-activity' },
  },
  expand: ['organisation'],
  rules: {
    beforeWrite(_manager, next, existing) {
      // A recorded agreement reference means an agreement exists (as the migration read the old data).
      if (!existing && !next.processingAgreementStatus && next.processingAgreementRef) next.processingAgreementStatus = 'signed';
    },
  },
};
