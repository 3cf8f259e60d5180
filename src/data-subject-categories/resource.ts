import { DataSubjectCategory } from '../../entities/data-subject-category';
import type { ResourceDefinition } from '../crud/resource-definition';
import { DataSubjectCategoryCreate, DataSubjectCategoryListQuery, DataSubjectCategoryResponse, DataSubjectCategoryUpdate } from './dto';

export const dataSubjectCategories: ResourceDefinition<DataSubjectCategory> = {
  path: 'data-subject-categories',
  singular: 'data subject category',
  tag: 'Data subject categories',
  tagDescription: 'Whose personal data is processed (Art. 30(1)(c)): customers, website visitors, people reporting abuse…',
  entity: DataSubjectCategory,
  dto: {
    create: DataSubjectCategoryCreate,
    update: DataSubjectCategoryUpdate,
    response: DataSubjectCategoryResponse,
    query: DataSubjectCategoryListQuery,
  },
  filters: {
    activityId: { kind: 'linked-to-activity' },
  },
};
