import { Organisation } from '../../entities/organisation';
import type { ResourceDefinition } from '../crud/resource-definition';
import { AppError } from '../errors';
import { OrganisationCreate, OrganisationListQuery, OrganisationResponse, OrganisationUpdate } from './dto';

export const organisations: ResourceDefinition<Organisation> = {
  path: 'organisations',
  singular: 'organisation',
  tag: 'Organisations',
  tagDescription: 'Controllers, joint controllers, processors and representatives named in the register (Art. 30(1)(a), 30(2)(a)).',
  entity: Organisation,
  dto: { create: OrganisationCreate, update: OrganisationUpdate, response: OrganisationResponse, query: OrganisationListQuery },
  filters: {
    role: { kind: 'array-contains', column: 'roles' },
    country: { kind: 'equals', column: 'country' },
    activityId: { kind: 'linked-to-activity' },
  },
  expand: ['representative'],
  rules: {
    beforeWrite(_manager, next, existing) {
      if (existing && next.representativeId === existing.id) {
        throw new AppError('UNKNOWN_REFERENCE', 'An organisation cannot be its own representative.', {
          errors: [{ in: 'body', path: '/representativeId', message: 'must not be the organisation itself' }],
        });
      }
    },
  },
};
