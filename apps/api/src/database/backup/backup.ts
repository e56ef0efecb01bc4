import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import {
  BACKUP_FORMAT_VERSION,
  BackupError,
  type BackupHeader,
  END_OF_TABLE_LINE,
  formatHeader,
  tableLine,
  TRAILER_LINE,
} from './backup-format';
import { type CatalogTable, quoteIdent, readCatalog, readSchemaVersion } from './catalog';
import { orderByForeignKeys } from './table-order';

/** The COPY statement of one table: a self-referencing table (the unit tree) is saved parents first. */
export function copyOutSql(table: CatalogTable): string {
  const t = quoteIdent(table.name);
  const columns = table.columns.map(quoteIdent);
  if (!table.selfReference) return `COPY ${t} (${columns.join(', ')}) TO STDOUT`;
  const fk = quoteIdent(table.selfReference.column);
  const key = quoteIdent(table.selfReference.referenced);
  return `COPY (
    WITH RECURSIVE walk(k, depth) AS (
      SELECT ${key}, 0 FROM ${t} WHERE ${fk} IS NULL OR ${fk} = ${key}
      UNION ALL
      SELECT c.${key}, w.depth + 1 FROM ${t} c JOIN walk w ON c.${fk} = w.k AND c.${fk} <> c.${key}
    )
    SELECT ${columns.map((c) => `${t}.${c}`).join(', ')} FROM ${t} JOIN walk ON walk.k = ${t}.${key}
     ORDER BY walk.depth, walk.k
  ) TO STDOUT`;
}

async function write(out: Writable, data: string | Buffer): Promise<void> {
  if (!out.write(data)) await once(out, 'drain');
}

/**
 * Writes every data table of the database, uncompressed, to `out` from ONE snapshot (REPEATABLE READ, READ ONLY):
 * what another session commits meanwhile is in none of the tables or in all of them. Rows stream from COPY to `out`
 * chunk by chunk, so no table is held in memory. Answers the header written (row counts of the snapshot).
 */
export async function writeBackup(
  client: ClientBase,
  out: Writable,
  now = new Date(),
): Promise<BackupHeader> {
  // DEFERRABLE only has an effect with SERIALIZABLE; REPEATABLE READ already gives one consistent snapshot
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const schemaVersion = await readSchemaVersion(client);
    if (!schemaVersion)
      throw new BackupError('the database has no migrations applied: there is nothing to back up');
    const catalog = await readCatalog(client);
    const complex = catalog.find((t) => t.hasComplexSelfReference);
    if (complex)
      throw new BackupError(`table ${complex.name} refers to itself in a way the backup cannot order`);
    const byName = new Map(catalog.map((t) => [t.name, t]));
    const order = orderByForeignKeys(catalog).map((name) => byName.get(name)!);
    const { rows: counts } = await client.query<{ name: string; n: string }>(
      order
        .map((t) => `SELECT '${t.name}' AS name, count(*) AS n FROM ${quoteIdent(t.name)}`)
        .join(' UNION ALL '),
    );
    const countOf = new Map(counts.map((r) => [r.name, Number(r.n)]));
    const { rows: server } = await client.query<{ server_version: string }>('SHOW server_version');
    const header: BackupHeader = {
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion,
      createdAt: now.toISOString(),
      serverVersion: server[0]!.server_version,
      tables: order.map((t) => ({ name: t.name, columns: t.columns, rows: countOf.get(t.name) ?? 0 })),
    };
    await write(out, formatHeader(header));
    for (const table of order) {
      await write(out, tableLine(table.name));
      const stream = client.query(copyTo(copyOutSql(table)));
      for await (const chunk of stream) await write(out, chunk as Buffer);
      const expected = countOf.get(table.name) ?? 0;
      if (stream.rowCount !== expected) {
        // only a parent cycle in a self-referencing table can lose rows here
        throw new BackupError(
          `table ${table.name}: ${stream.rowCount} rows saved of ${expected} (a parent cycle?)`,
        );
      }
      await write(out, END_OF_TABLE_LINE);
    }
    await write(out, TRAILER_LINE);
    return header;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/** The absolute path to write a backup to; refuses an existing file and a missing folder. */
export function checkBackupDestination(file: string): string {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists: choose another file name`);
  if (!fs.existsSync(path.dirname(target)))
    throw new BackupError(`the folder ${path.dirname(target)} does not exist`);
  return target;
}

/**
 * Backs the database up into `file` (gzip). The file is written beside as `<file>.partial` with mode 0600 (it holds
 * personal data and password hashes) and renamed only once complete, so a failed run never leaves a file that looks
 * like a backup. An existing file is never overwritten.
 */
export async function backupToFile(
  client: ClientBase,
  file: string,
): Promise<{ header: BackupHeader; bytes: number }> {
  const target = checkBackupDestination(file);
  const partial = `${target}.partial`;
  const gzip = createGzip({ level: 6 });
  const sink = fs.createWriteStream(partial, { mode: 0o600 });
  const done = pipeline(gzip, sink);
  try {
    const header = await writeBackup(client, gzip);
    gzip.end();
    await done;
    fs.renameSync(partial, target);
    return { header, bytes: fs.statSync(target).size };
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
