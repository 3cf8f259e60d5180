import type { Resource } from '../auth/permissions';
import type { ClassType } from '../http/dto';
import type { EntityManager } from 'typeorm';
import type { RegisterEntity } from '../../entities/register-entity';

/** How one query parameter narrows a list. */
export type FilterSpec =
  /** column = value (enums, countries, foreign keys) */
  | { kind: 'equals'; column: string }
  /** value is one of the array column's elements */
  | { kind: 'array-contains'; column: string }
  /** linked from the given processing activity, through any link table */
  | { kind: 'linked-to-activity' }
  /** true: the timestamp column is set and not in the future; false: it is not */
  | { kind: 'since'; column: string };

export interface ResourceRules<E> {
  /** Cross-field and cross-entity checks; throw an AppError to refuse. */
  beforeWrite?(manager: EntityManager, next: Partial<E>, existing?: E): Promise<void> | void;
  /** Refuse changes to entries that must not change (reference data). */
  assertMutable?(existing: E): void;
}

/**
 * Everything that makes a building-block resource: its entity, its DTO classes (the one source
 * of its request/response shapes), its filters and rules. Routes, OpenAPI and the service are
 * all derived from this.
 */
export interface ResourceDefinition<E extends RegisterEntity = RegisterEntity> {
  /** URL segment under /v1, e.g. 'data-categories': a resource of the permission table (auth/permissions.ts). */
  path: Resource;
  /** For messages: 'data category'. */
  singular: string;
  tag: string;
  tagDescription: string;
  entity: new () => E;
  /** Reference data: only list and get are offered (create/update DTOs are then not used). */
  readOnly?: boolean;
  /**
   * The field a register document names an entry by, when it is not `name` (legal bases: `code`);
   * lists of links also order the entries by it.
   */
  naturalKey?: string;
  dto: { create?: ClassType; update?: ClassType; response: ClassType; query: ClassType };
  filters: Record<string, FilterSpec>;
  /** Many-to-one relations returned as { id, name } next to their id field. */
  expand?: string[];
  /** Values every created entry gets, whatever the request says. */
  createDefaults?: Partial<E>;
  rules?: ResourceRules<E>;
}
