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
  expand: ['representative', 'transferMechanism'],
  rules: {
    async beforeWrite(manager, next, existing) {
      if (existing && next.representativeId === existing.id) {
        throw new AppError('UNKNOWN_REFERENCE', 'An organisation cannot be its own representative.', {
          errors: [{ in: 'body', path: '/representativeId', message: 'must not be the organisation itself' }],
        });
      }
      if (next.transferMechanismId) {
        const [basis] = await manager.query('SELECT kind FROM legal_bases WHERE id = $1', [next.transferMechanismId]);
        if (basis && basis.kind !== 'transfer-mechanism') {
          throw new AppError('UNKNOWN_REFERENCE', 'A register-wide transfer mechanism must be an Art. 45–49 mechanism.', {
            errors: [{ in: 'body', path: '/transferMechanismId', message: 'is not a transfer mechanism (Art. 45–49)' }],
          });
        }
      }
    },
  },
};
