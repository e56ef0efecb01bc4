import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in the caller's transaction when `manager` is one (a scheduled job that must commit its work together
 * with its job_run row), else in a new transaction of its own.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager) {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('inTransaction: the given manager is not inside a transaction');
    }
    return work(manager);
  }
  return dataSource.transaction(work);
}
