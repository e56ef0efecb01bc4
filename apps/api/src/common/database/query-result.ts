// TypeORM's manager.query() answers UPDATE and DELETE with [rows, affectedCount], everything else with rows.

/** Rows affected by an UPDATE or DELETE. */
export function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/** The RETURNING rows of an UPDATE or DELETE (or the rows of an INSERT/SELECT). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (result as T[]) ?? [];
}
