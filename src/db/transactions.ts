import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction of its own, or — given the caller's transaction — inside that one
 * (as a savepoint), so a caller can make several service writes one all-or-nothing change.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  within: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return within ? within.transaction(work) : dataSource.transaction(work);
}
