import { OrganisationalUnit } from '../../entities/organisational-unit';
import type { ResourceDefinition } from '../crud/resource-definition';
import { OrganisationalUnitCreate, OrganisationalUnitListQuery, OrganisationalUnitResponse, OrganisationalUnitUpdate } from './dto';

export const organisationalUnits: ResourceDefinition<OrganisationalUnit> = {
  path: 'organisational-units',
  singular: 'organisational unit',
  tag: 'Organisational units',
  tagDescription:
    "The departments and business functions that own processing activities and building blocks. An editor's token names its units by key; editors write only their units' entries, admins and the DPO all of them.",
  entity: OrganisationalUnit,
  // Tokens name a unit by its key, and so do a register document's `ownerUnit` fields.
  naturalKey: 'key',
  dto: {
    create: OrganisationalUnitCreate,
    update: OrganisationalUnitUpdate,
    response: OrganisationalUnitResponse,
    query: OrganisationalUnitListQuery,
  },
  filters: {
    kind: { kind: 'equals', column: 'kind' },
    key: { kind: 'equals', column: 'key' },
  },
};
