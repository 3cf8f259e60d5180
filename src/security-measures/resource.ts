import { SecurityMeasure } from '../../entities/security-measure';
import type { ResourceDefinition } from '../crud/resource-definition';
import { SecurityMeasureCreate, SecurityMeasureListQuery, SecurityMeasureResponse, SecurityMeasureUpdate } from './dto';

export const securityMeasures: ResourceDefinition<SecurityMeasure> = {
  path: 'security-measures',
  singular: 'security measure',
  tag: 'Security measures',
  tagDescription: 'Technical and organisational measures (Art. 30(1)(g), Art. 32), with the standards they relate to.',
  entity: SecurityMeasure,
  dto: {
    create: SecurityMeasureCreate,
    update: SecurityMeasureUpdate,
    response: SecurityMeasureResponse,
    query: SecurityMeasureListQuery,
  },
  filters: {
    type: { kind: 'equals', column: 'type' },
    activityId: { kind: 'linked-to-activity' },
  },
};
