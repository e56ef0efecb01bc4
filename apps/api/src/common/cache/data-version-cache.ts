import type { DataSource, EntityManager } from 'typeorm';

import { VersionedCache } from './versioned-cache';

/**
 * The scoring data version (migration 1765000000000): one number every committed write to plans, units, indicators,
 * targets, the year-to-date summary, the ledger, manual entries and report states moves (docs/benchmarks.md).
 */
export async function scoringDataVersion(q: DataSource | EntityManager): Promise<string> {
  const rows: Array<{ version: string }> = await q.query('SELECT version::text AS version FROM scoring_data_version');
  return rows[0]?.version ?? '0';
}

/**
 * Values computed from what the scoring data version covers, kept while it holds (live rankings, progress). A hit
 * needs the version the caller has just read; a miss computes in one REPEATABLE READ snapshot whose first statement
 * reads the version, so the kept value is exactly that version's figures even while writes commit meanwhile.
 */
export class DataVersionCache<T> {
  private readonly cache: VersionedCache<T>;

  constructor(
    private readonly dataSource: DataSource,
    capacity: number,
  ) {
    this.cache = new VersionedCache<T>(capacity);
  }

  async get(key: string, compute: (manager: EntityManager, version: string) => Promise<T>): Promise<T> {
    const version = await scoringDataVersion(this.dataSource);
    return this.cache.get(key, version, () =>
      this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const computedOn = await scoringDataVersion(manager);
        return { version: computedOn, value: await compute(manager, computedOn) };
      }),
    );
  }
}
