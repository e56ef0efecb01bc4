import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';

import { buildDataSourceOptions, runMigrationsLocked } from './data-source';

/** The login role of a postgres:// URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The runtime role's privileges (AUD-4 "where the deployment can", least privilege), granted by the owner after every
 * migration run, so a table a later migration adds is covered at the next start:
 * - DML (SELECT, INSERT, UPDATE, DELETE) on every table, USAGE on every sequence; no DDL (no CREATE on the schema, it
 *   owns nothing), no TRUNCATE, REFERENCES or TRIGGER;
 * - `audit_event`: SELECT and INSERT only; `audit_purge`: SELECT only; the retention purge goes through the owner's
 *   SECURITY DEFINER `audit_purge_through()` (EXECUTE granted);
 * - `migrations` (TypeORM's record): SELECT only (the readiness probe reads it).
 * Then it checks the result: a runtime role that could still change the audit log (a superuser, or the tables' owner)
 * stops the start with a message rather than run with a false promise.
 */
export async function grantRuntimePrivileges(runner: QueryRunner, role: string): Promise<void> {
  const r = quoteIdent(role);
  await runner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  // PostgreSQL < 15 lets PUBLIC create in the public schema; 15+ already does not
  await runner.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await runner.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
  await runner.query(`REVOKE UPDATE, DELETE ON audit_event FROM ${r}`);
  await runner.query(`REVOKE INSERT, UPDATE, DELETE ON audit_purge, migrations FROM ${r}`);
  await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await runner.query(`GRANT EXECUTE ON FUNCTION audit_purge_through(timestamptz, bigint) TO ${r}`);

  const [check]: Array<{ isSuper: boolean; canChangeAudit: boolean; canCreate: boolean }> = await runner.query(
    `SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = $1), false) AS "isSuper",
            has_table_privilege($1, 'audit_event', 'UPDATE') OR has_table_privilege($1, 'audit_event', 'DELETE')
              OR has_table_privilege($1, 'audit_event', 'TRUNCATE') OR has_table_privilege($1, 'audit_purge', 'DELETE')
              AS "canChangeAudit",
            has_schema_privilege($1, 'public', 'CREATE') AS "canCreate"`,
    [role],
  );
  if (check!.isSuper || check!.canChangeAudit || check!.canCreate) {
    throw new Error(
      `the runtime database role "${role}" (DATABASE_URL) is a superuser, owns the tables or may create in the schema: ` +
        'give DATABASE_URL a plain login role and DATABASE_MIGRATION_URL the role that owns the schema',
    );
  }
}

/**
 * Migrations through the owner's URL (DATABASE_MIGRATION_URL, or the embedded cluster's superuser), then — when the
 * runtime URL is another role — that role's grants, both under the migration lock so replicas starting together never
 * race. The owner's connections are closed afterwards: requests never use them.
 */
export async function migrateAsOwner(
  migrationUrl: string,
  runtimeUrl: string,
  overrides: Partial<DataSourceOptions> = {},
): Promise<string[]> {
  const owner = await new DataSource(
    buildDataSourceOptions(migrationUrl, {
      ...overrides,
      extra: { max: 2, options: '-c TimeZone=Asia/Shanghai', application_name: 'pacer-migrate' },
    }),
  ).initialize();
  try {
    const runtimeRole = roleOf(runtimeUrl);
    return await runMigrationsLocked(owner, async (runner) => {
      if (runtimeRole !== roleOf(migrationUrl)) await grantRuntimePrivileges(runner, runtimeRole);
    });
  } finally {
    await owner.destroy();
  }
}
