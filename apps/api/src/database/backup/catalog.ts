import type { ClientBase } from 'pg';

/** Tables that are not data: the migration log is rebuilt by running the migrations on restore. */
export const SCHEMA_TABLES = new Set(['migrations', 'typeorm_metadata']);

/**
 * Tables whose rows a migration itself inserts (ScoringDataVersion: the one `scoring_data_version` row). A fresh
 * database holds them, so they do not make it "not empty"; restore replaces them with the backup's rows.
 */
export const MIGRATION_ROW_TABLES = new Set(['scoring_data_version']);

export interface CatalogTable {
  name: string;
  /** Saved columns in attribute order (dropped and generated columns left out). */
  columns: string[];
  references: string[];
  /** A single-column foreign key to the table itself (unit.parent_id → unit.id): rows are saved parents first. */
  selfReference: { column: string; referenced: string } | null;
  /** More than one self-reference, or one over several columns: not supported by the row order. */
  hasComplexSelfReference: boolean;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The data tables of the current schema with their columns and foreign keys. */
export async function readCatalog(client: ClientBase): Promise<CatalogTable[]> {
  const { rows } = await client.query<{
    name: string;
    columns: string[];
    references: string[] | null;
    self: Array<{ column: string; referenced: string; width: number }> | null;
  }>(
    `SELECT c.relname AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns,
            array(SELECT DISTINCT r.relname::text FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid
                   WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid) AS references,
            (SELECT json_agg(json_build_object(
                      'column', (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = k.conkey[1]),
                      'referenced', (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = k.confkey[1]),
                      'width', cardinality(k.conkey)))
               FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = c.oid) AS self
       FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  return rows
    .filter((r) => !SCHEMA_TABLES.has(r.name))
    .map((r) => {
      const self = r.self ?? [];
      return {
        name: r.name,
        columns: r.columns,
        references: r.references ?? [],
        selfReference:
          self.length === 1 && self[0]!.width === 1
            ? { column: self[0]!.column, referenced: self[0]!.referenced }
            : null,
        hasComplexSelfReference: self.length > 1 || (self.length === 1 && self[0]!.width !== 1),
      };
    });
}

/** The name of the last migration applied, or null when the database was never migrated. */
export async function readSchemaVersion(client: ClientBase): Promise<string | null> {
  const names = await readAppliedMigrations(client);
  return names.at(-1) ?? null;
}

/** Applied migrations in the order they ran (empty when there is no migrations table). */
export async function readAppliedMigrations(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass(quote_ident(current_schema()) || '.migrations') IS NOT NULL AS exists`,
  );
  if (!rows[0]!.exists) return [];
  const applied = await client.query<{ name: string }>(
    'SELECT name FROM migrations ORDER BY "timestamp", id',
  );
  return applied.rows.map((r) => r.name);
}

/** The first data table holding a row (migration-seeded tables aside), or null when the database is empty. */
export async function findNonEmptyTable(client: ClientBase): Promise<string | null> {
  const tables = (await readCatalog(client)).filter((t) => !MIGRATION_ROW_TABLES.has(t.name));
  if (tables.length === 0) return null;
  const { rows } = await client.query<{ name: string }>(
    tables
      .map((t) => `SELECT ${quoteLiteral(t.name)} AS name WHERE EXISTS (SELECT 1 FROM ${quoteIdent(t.name)})`)
      .join(' UNION ALL ') + ' LIMIT 1',
  );
  return rows[0]?.name ?? null;
}
