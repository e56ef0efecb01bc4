import './pg-types';

import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';

import { SqlLogger } from '../common/logging/sql-logger';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The connection options, shared by the app, the CLI and the tests. */
export function buildDataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  // REL-7: the schema changes only through migrations, run under a lock by runMigrationsLocked()
  for (const key of ['synchronize', 'dropSchema', 'migrationsRun'] as const) {
    if ((overrides as Record<string, unknown>)[key]) throw new Error(`${key} is never turned on (REL-7)`);
  }
  const logging = overrides.logging ?? ['error'];
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false, // run by runMigrationsLocked() under an advisory lock
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging,
    // failed statements go to the JSON logger as one line, parameters redacted to count and types (AUD-6, ERR-1)
    logger: new SqlLogger(logging),
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    // business dates are Asia/Shanghai; the session zone makes now()::date agree
    extra: { max: 20, options: '-c TimeZone=Asia/Shanghai', application_name: 'pacer-api' },
    ...overrides,
  } as DataSourceOptions;
}

/** Key of the advisory lock that serialises migrations between replicas starting together. */
export const MIGRATION_LOCK_KEY = 7_365_001;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock on one dedicated connection,
 * so that two replicas starting together never race; the second waits, then finds nothing to do.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  /** Run after the migrations, still under the lock, on the lock's connection (the runtime role's grants). */
  after?: (runner: QueryRunner) => Promise<void>,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await after?.(runner);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** For the TypeORM CLI: `npm run typeorm -- migration:show` with DATABASE_URL set. */
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL ?? 'postgresql://localhost/pacer'));
