import type { DataSource } from 'typeorm';

/** Row count and an md5 over every row's text, per table of the public schema. */
export type TableChecksums = Record<string, { rows: number; md5: string }>;

/**
 * A fingerprint of the whole database: two equal fingerprints mean no row was inserted, changed or deleted.
 * `where` narrows a table (e.g. `{ audit_event: "action <> 'auth.denied'" }`) to the rows that must not change.
 */
export async function tableChecksums(
  dataSource: DataSource,
  options: { where?: Record<string, string> } = {},
): Promise<TableChecksums> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: TableChecksums = {};
  for (const { name } of tables) {
    const where = options.where?.[name];
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
         FROM "${name}" t ${where ? `WHERE ${where}` : ''}`,
    );
    result[name] = row as { rows: number; md5: string };
  }
  return result;
}

/** The tables whose fingerprint differs, with both sides (an empty object when nothing changed). */
export function changedTables(before: TableChecksums, after: TableChecksums): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) {
      changed[name] = { before: before[name], after: after[name] };
    }
  }
  return changed;
}
