import { once } from 'node:events';
import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { Client, type ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';

import { buildDataSourceOptions, runMigrationsLocked } from '../data-source';
import { MIGRATIONS } from '../migrations';
import { type BackupEvent, BackupError, type BackupHeader, BackupParser } from './backup-format';
import {
  findNonEmptyTable,
  MIGRATION_ROW_TABLES,
  quoteIdent,
  readAppliedMigrations,
  readCatalog,
  SCHEMA_TABLES,
} from './catalog';

export interface RestoreResult {
  header: BackupHeader;
  /** Migrations run before loading (none when the database was already at the backup's schema version). */
  migrated: string[];
  tables: Array<{ name: string; rows: number }>;
}

/** The migrations this code knows, in order, by the name TypeORM records. */
export function knownMigrations(): string[] {
  return MIGRATIONS.map((m) => (new m() as { name?: string }).name ?? m.name);
}

/** The decompressed bytes of a backup file, with read and gzip errors said in one line. */
function openBackup(file: string): AsyncIterator<Buffer> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`no such file: ${file}`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} is not a file`);
  const gunzip = createGunzip();
  const source = fs.createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const inner = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    next: async () => {
      try {
        return await inner.next();
      } catch (error) {
        throw readError(error);
      }
    },
    return: async () => {
      source.destroy();
      gunzip.destroy();
      return { done: true, value: undefined };
    },
  };
}

function readError(error: unknown): Error {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_DATA_ERROR' && /incorrect header check/.test(e.message)) {
    return new BackupError('this is not a Pacer backup (it is not gzip-compressed)');
  }
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/.test(e.message)) {
    return new BackupError('the backup ends too early: the file is truncated');
  }
  if (e.code?.startsWith('Z_')) return new BackupError(`the backup is corrupt (${e.message})`);
  if (e.code === 'EACCES') return new BackupError(`cannot read the file: ${e.message}`);
  return e instanceof Error ? e : new Error(String(error));
}

/** Reads events until `want` says stop; keeps the rest for the next call. */
class EventSource {
  private readonly parser = new BackupParser();
  private queue: BackupEvent[] = [];
  private ended = false;

  constructor(private readonly bytes: AsyncIterator<Buffer>) {}

  async next(): Promise<BackupEvent | null> {
    while (this.queue.length === 0) {
      if (this.ended) return null;
      const { done, value } = await this.bytes.next();
      if (done) {
        this.ended = true;
        this.parser.finish();
      } else {
        this.queue = this.parser.push(value);
      }
    }
    return this.queue.shift()!;
  }

  async close(): Promise<void> {
    await this.bytes.return?.();
  }
}

async function runMigrationsTo(url: string, count: number): Promise<string[]> {
  const dataSource = new DataSource(
    buildDataSourceOptions(url, { migrations: MIGRATIONS.slice(0, count), entities: [] }),
  );
  await dataSource.initialize();
  try {
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Refuses, before anything is written, a backup this code or this database cannot take. */
async function checkTarget(client: ClientBase, header: BackupHeader): Promise<number> {
  const known = knownMigrations();
  const index = known.indexOf(header.schemaVersion);
  if (index < 0) {
    throw new BackupError(
      `the backup is of schema version ${header.schemaVersion}, newer than this Pacer knows (${known.at(-1)}): restore it with the Pacer that made it, or a newer one`,
    );
  }
  const applied = await readAppliedMigrations(client);
  const unknown = applied.find((name) => !known.includes(name));
  if (unknown)
    throw new BackupError(
      `the database has migration ${unknown}, which this Pacer does not know: restore into a new, empty database`,
    );
  if (applied.length > index + 1) {
    throw new BackupError(
      `the database is already at schema version ${applied.at(-1)}, newer than the backup's ${header.schemaVersion}: restore into a new, empty database`,
    );
  }
  const table = await findNonEmptyTable(client);
  if (table) {
    throw new BackupError(
      `the database is not empty (table ${table} has rows): restore only into a new, empty database`,
    );
  }
  return index + 1;
}

/** After migrating to the backup's version, the database must have exactly the backup's tables and columns. */
async function checkSchemaMatches(client: ClientBase, header: BackupHeader): Promise<void> {
  const catalog = new Map((await readCatalog(client)).map((t) => [t.name, t]));
  for (const table of header.tables) {
    const columns = catalog.get(table.name)?.columns;
    if (!columns)
      throw new BackupError(
        `the backup has table ${table.name}, which schema ${header.schemaVersion} does not: the file is corrupt`,
      );
    const missing = table.columns.filter((c) => !columns.includes(c));
    const extra = columns.filter((c) => !table.columns.includes(c));
    if (missing.length + extra.length > 0) {
      throw new BackupError(
        `the columns of table ${table.name} in the backup do not match schema ${header.schemaVersion} (${[...missing, ...extra].join(', ')}): the file is corrupt`,
      );
    }
    catalog.delete(table.name);
  }
  if (catalog.size > 0) {
    throw new BackupError(
      `the backup lacks table(s) ${[...catalog.keys()].join(', ')} of schema ${header.schemaVersion}: the file is corrupt`,
    );
  }
}

async function copyTable(
  client: ClientBase,
  events: EventSource,
  header: BackupHeader,
  name: string,
): Promise<number> {
  const table = header.tables.find((t) => t.name === name)!;
  const stream = client.query(
    copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`),
  );
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; a server error must not surface as an unhandled rejection first
  // once the server refused a row, the stream has no connection left: the next write must give that error instead
  let refused: unknown = null;
  stream.on('error', (error) => (refused ??= error));
  try {
    for (;;) {
      const event = await events.next();
      if (!event) throw new BackupError(`the backup ends inside table ${name}: the file is truncated`);
      if (event.type === 'tableEnd') break;
      if (event.type !== 'data') throw new BackupError(`the backup is corrupt inside table ${name}`);
      if (refused) throw refused;
      let isFlowing: boolean;
      try {
        isFlowing = stream.write(event.chunk);
      } catch (error) {
        throw refused ?? error;
      }
      if (!isFlowing) await Promise.race([once(stream, 'drain'), done]);
    }
    stream.end();
    await done;
  } catch (error) {
    stream.destroy();
    await done.catch(() => undefined);
    throw error;
  }
  if (stream.rowCount !== table.rows) {
    throw new BackupError(
      `table ${name} holds ${stream.rowCount} rows in the file, its header says ${table.rows}: the file is corrupt`,
    );
  }
  return stream.rowCount;
}

/** setval of every column sequence to the largest value loaded (or back to 1 for an empty table). */
async function resetSequences(client: ClientBase): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; seq: string }>(
    `SELECT c.relname AS table, a.attname AS column, s.seq
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(format('%I.%I', current_schema(), c.relname), a.attname) AS seq) s
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND s.seq IS NOT NULL`,
  );
  for (const r of rows) {
    if (SCHEMA_TABLES.has(r.table)) continue;
    const col = quoteIdent(r.column);
    await client.query(
      `SELECT setval($1, coalesce(max(${col}), 1), max(${col}) IS NOT NULL) FROM ${quoteIdent(r.table)}`,
      [r.seq],
    );
  }
}

function databaseError(error: unknown, table: string | null): Error {
  if (error instanceof BackupError) return error;
  const e = error as { message?: string; code?: string };
  if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) {
    return new BackupError(
      `${table ? `table ${table}: ` : ''}the database refused the backup's rows: ${e.message}`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Reads just the header of a backup file (to refuse a wrong file before any database is touched). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const events = new EventSource(openBackup(file));
  try {
    const first = await events.next();
    if (first?.type !== 'header') throw new BackupError('the backup has no header: the file is corrupt');
    return first.header;
  } finally {
    await events.close();
  }
}

/**
 * Loads a backup file into an EMPTY database (REL-8): refuses a file that is not a backup, a backup of a schema newer
 * than this code, and a database that holds any row; runs the migrations up to the backup's schema version; then
 * loads every table in ONE transaction, in the file's foreign-key order, resets the sequences and commits. Any error
 * rolls everything back. Triggers stay as the migrations made them: COPY inserts, which the audit log's append-only
 * triggers allow, and the deferred checks (project shares) run at commit; the triggers that derive rows (认定's
 * verification rows from project and project_fund) stand aside for the transaction (`pacer.restoring`), since the
 * derived rows are in the backup. The scoring data version is bumped once at
 * commit like any other write, so no cache built before the restore is taken for the restored data.
 */
export async function restoreFromFile(url: string, file: string): Promise<RestoreResult> {
  const events = new EventSource(openBackup(file));
  try {
    const first = await events.next();
    if (first?.type !== 'header') throw new BackupError('the backup has no header: the file is corrupt');
    const header = first.header;

    const client = new Client({ connectionString: url, application_name: 'pacer-restore' });
    await client.connect();
    let migrated: string[] = [];
    const tables: RestoreResult['tables'] = [];
    let current: string | null = null;
    try {
      const count = await checkTarget(client, header);
      migrated = await runMigrationsTo(url, count);

      await client.query('BEGIN');
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      // rows kept by triggers (认定's verification rows) are restored as backed up, not made again by the triggers
      await client.query(`SELECT set_config('pacer.restoring', 'on', true)`);
      const names = header.tables.map((t) => quoteIdent(t.name));
      // nothing else writes while we load; then check again that no one wrote before we locked
      await client.query(`LOCK TABLE ${names.join(', ')} IN EXCLUSIVE MODE`);
      const table = await findNonEmptyTable(client);
      if (table)
        throw new BackupError(
          `the database is not empty (table ${table} has rows): restore only into a new, empty database`,
        );
      await checkSchemaMatches(client, header);
      for (const t of header.tables) {
        if (MIGRATION_ROW_TABLES.has(t.name)) await client.query(`DELETE FROM ${quoteIdent(t.name)}`);
      }
      for (;;) {
        const event = await events.next();
        if (!event || event.type === 'end') break;
        if (event.type !== 'table') throw new BackupError('the backup is corrupt between two tables');
        current = event.table.name;
        tables.push({ name: current, rows: await copyTable(client, events, header, current) });
        current = null;
      }
      if (await events.next())
        throw new BackupError('the backup has data after its end marker: the file is corrupt');
      await resetSequences(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw databaseError(error, current);
    } finally {
      await client.end().catch(() => undefined);
    }
    return { header, migrated, tables };
  } finally {
    await events.close();
  }
}
