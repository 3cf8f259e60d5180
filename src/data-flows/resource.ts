import type { EntityManager } from 'typeorm';
import { DataFlow, type FlowEndKind } from '../../entities/data-flow';
import type { ResourceDefinition } from '../crud/resource-definition';
import { unknownReference, type FieldError } from '../errors';
import { DataFlowCreate, DataFlowListQuery, DataFlowResponse, DataFlowUpdate } from './dto';

/** The table of each kind of end, and how a message names it. */
export const flowEndTables: Record<FlowEndKind, { table: string; singular: string }> = {
  'collection-channel': { table: 'collection_channels', singular: 'collection channel' },
  'data-subject-category': { table: 'data_subject_categories', singular: 'data subject category' },
  system: { table: 'systems', singular: 'system' },
  recipient: { table: 'recipients', singular: 'recipient' },
};

async function existing(manager: EntityManager, table: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  return new Set(rows.map((row) => row.id));
}

/**
 * A flow's ends point at entries of different kinds, so no foreign key can hold them: every
 * write checks that both exist, that they differ, that its data categories exist, and that its
 * mechanism is a transfer mechanism.
 */
async function checkFlow(manager: EntityManager, next: Partial<DataFlow>) {
  const errors: FieldError[] = [];
  for (const end of ['from', 'to'] as const) {
    const kind = next[`${end}Kind`] as FlowEndKind;
    const id = next[`${end}Id`]!;
    const { table, singular } = flowEndTables[kind];
    if (!(await existing(manager, table, [id])).has(id))
      errors.push({ in: 'body', path: `/${end}Id`, message: `no ${singular} with this id` });
  }
  if (next.fromKind === next.toKind && next.fromId === next.toId) {
    errors.push({ in: 'body', path: '/toId', message: 'is where the flow starts: a flow goes from one entry to another' });
  }
  const categories = next.dataCategoryIds ?? [];
  const found = await existing(manager, 'data_categories', categories);
  categories.forEach((id, i) => {
    if (!found.has(id)) errors.push({ in: 'body', path: `/dataCategoryIds/${i}`, message: 'no data category with this id' });
  });
  if (next.transferMechanismId) {
    const [basis]: { kind: string }[] = await manager.query('SELECT kind FROM legal_bases WHERE id = $1', [next.transferMechanismId]);
    if (!basis) errors.push({ in: 'body', path: '/transferMechanismId', message: 'no legal basis with this id' });
    else if (basis.kind !== 'transfer-mechanism')
      errors.push({ in: 'body', path: '/transferMechanismId', message: 'is not a transfer mechanism (Art. 45–49)' });
  }
  if (errors.length > 0) throw unknownReference(errors);
}

export const dataFlows: ResourceDefinition<DataFlow> = {
  path: 'data-flows',
  singular: 'data flow',
  tag: 'Data flows',
  tagDescription:
    'Recorded flows of personal data between systems, collection channels, data subject categories and recipients, with the data categories carried and any transfer. The flows the register implies are derived in GET /v1/register/data-map.',
  entity: DataFlow,
  dto: { create: DataFlowCreate, update: DataFlowUpdate, response: DataFlowResponse, query: DataFlowListQuery },
  filters: {
    fromId: { kind: 'equals', column: 'fromId' },
    toId: { kind: 'equals', column: 'toId' },
    dataCategoryId: { kind: 'array-contains', column: 'dataCategoryIds' },
    transferCountry: { kind: 'equals', column: 'transferCountry' },
  },
  expand: ['transferMechanism'],
  rules: { beforeWrite: (manager, next) => checkFlow(manager, next) },
};
