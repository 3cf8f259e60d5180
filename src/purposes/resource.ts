import { Purpose } from '../../entities/purpose';
import type { ResourceDefinition } from '../crud/resource-definition';
import { PurposeCreate, PurposeListQuery, PurposeResponse, PurposeUpdate } from './dto';

export const purposes: ResourceDefinition<Purpose> = {
  path: 'purposes',
  singular: 'purpose',
  tag: 'Purposes',
  tagDescription: 'Why personal data is processed (Art. 30(1)(b)); legal bases are attached per processing activity.',
  entity: Purpose,
  dto: { create: PurposeCreate, update: PurposeUpdate, response: PurposeResponse, query: PurposeListQuery },
  filters: {
    activityId: { kind: 'linked-to-activity' },
  },
};
