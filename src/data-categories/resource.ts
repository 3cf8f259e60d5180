import type { EntityManager } from 'typeorm';
import { DataCategory } from '../../entities/data-category';
import type { ResourceDefinition } from '../crud/resource-definition';
import { AppError } from '../errors';
import { DataCategoryCreate, DataCategoryListQuery, DataCategoryResponse, DataCategoryUpdate } from './dto';

/** A category may not become its own ancestor. */
async function assertNoCycle(manager: EntityManager, id: string, parentId: string) {
  const [row] = await manager.query(
    `WITH RECURSIVE ancestors(id, parent_id) AS (
       SELECT id, parent_id FROM data_categories WHERE id = $1
       UNION SELECT c.id, c.parent_id FROM data_categories c JOIN ancestors a ON c.id = a.parent_id
     ) SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $2) AS cycle`,
    [parentId, id],
  );
  if (row?.cycle) {
    throw new AppError('UNKNOWN_REFERENCE', 'A data category cannot be placed under itself or one of its subcategories.', {
      errors: [{ in: 'body', path: '/parentId', message: 'would create a cycle' }],
    });
  }
}

export const dataCategories: ResourceDefinition<DataCategory> = {
  path: 'data-categories',
  singular: 'data category',
  tag: 'Data categories',
  tagDescription: 'What personal data is processed (Art. 30(1)(c)), with its sensitivity (Art. 9, Art. 10) and hierarchy.',
  entity: DataCategory,
  dto: { create: DataCategoryCreate, update: DataCategoryUpdate, response: DataCategoryResponse, query: DataCategoryListQuery },
  filters: {
    sensitivity: { kind: 'equals', column: 'sensitivity' },
    parentId: { kind: 'equals', column: 'parentId' },
    activityId: { kind: 'linked-to-activity' },
  },
  expand: ['parent'],
  rules: {
    async beforeWrite(manager, next, existing) {
      if (existing && next.parentId) await assertNoCycle(manager, existing.id, next.parentId);
    },
  },
};
