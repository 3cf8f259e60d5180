import { DataSubjectRight } from '../../entities/data-subject-right';
import type { ResourceDefinition } from '../crud/resource-definition';
import { DataSubjectRightListQuery, DataSubjectRightResponse } from './dto';

export const dataSubjectRights: ResourceDefinition<DataSubjectRight> = {
  path: 'data-subject-rights',
  singular: 'data subject right',
  tag: 'Data subject rights',
  tagDescription: 'The GDPR rights of data subjects (Art. 7(3), 15–22, 77) with their W3C DPV IRIs: reference data, read-only.',
  entity: DataSubjectRight,
  readOnly: true,
  dto: { response: DataSubjectRightResponse, query: DataSubjectRightListQuery },
  filters: { code: { kind: 'equals', column: 'code' } },
};
