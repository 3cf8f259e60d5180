import { System } from '../../entities/system';
import type { ResourceDefinition } from '../crud/resource-definition';
import { unknownReference, type FieldError } from '../errors';
import { SystemCreate, SystemListQuery, SystemResponse, SystemUpdate } from './dto';

export const systems: ResourceDefinition<System> = {
  path: 'systems',
  singular: 'system',
  tag: 'Systems',
  tagDescription:
    'Where personal data lives: applications, databases, SaaS products, file shares, paper archives and devices, with their owner, provider, hosting countries and security measures. Activities link the systems they use.',
  entity: System,
  dto: { create: SystemCreate, update: SystemUpdate, response: SystemResponse, query: SystemListQuery },
  filters: {
    kind: { kind: 'equals', column: 'kind' },
    hostingCountry: { kind: 'array-contains', column: 'hostingCountries' },
    providerId: { kind: 'equals', column: 'providerId' },
    securityMeasureId: { kind: 'array-contains', column: 'securityMeasureIds' },
    activityId: { kind: 'linked-to-activity' },
  },
  expand: ['provider'],
  rules: {
    // The measures are a list of ids (no link table of their own): each must name a stored measure.
    async beforeWrite(manager, next) {
      const ids = next.securityMeasureIds ?? [];
      if (ids.length === 0) return;
      const rows: { id: string }[] = await manager.query('SELECT id FROM security_measures WHERE id = ANY($1::uuid[])', [ids]);
      const found = new Set(rows.map((row) => row.id));
      const errors: FieldError[] = ids.flatMap((id, i) =>
        found.has(id) ? [] : [{ in: 'body' as const, path: `/securityMeasureIds/${i}`, message: 'no security measure with this id' }],
      );
      if (errors.length > 0) throw unknownReference(errors);
    },
  },
};
