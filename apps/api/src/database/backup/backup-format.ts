/**
 * The Pacer backup file (REL-8): gzip of a small text format, readable with `zcat`:
 *
 *   PACER-BACKUP\n
 *   {"formatVersion":1,"schemaVersion":"…","tables":[{"name":"unit","columns":["id",…],"rows":25},…],…}\n
 *   TABLE unit\n
 *   <the rows, exactly as PostgreSQL's COPY … TO STDOUT text format writes them>
 *   \.\n
 *   TABLE …
 *   END\n
 *
 * In COPY text format a backslash in data is always escaped (`\\`), so a line that is exactly `\.` never is a row:
 * it ends the table unambiguously. The tables come in foreign-key order (parents first), which restore relies on.
 * This file holds only pure code (no I/O) so that the parsing is unit-tested on its own.
 */

export const BACKUP_MAGIC = 'PACER-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;
/** A header line longer than this is not a Pacer header (a wrong file must not be read whole into memory). */
export const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export interface BackupTable {
  name: string;
  /** The columns in the order of the data lines (generated columns are not saved). */
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  formatVersion: number;
  /** The name of the last migration applied to the database that was saved (e.g. `AuditRetention1765300000000`). */
  schemaVersion: string;
  createdAt: string;
  /** PostgreSQL's `server_version` of the source, for the record. */
  serverVersion: string;
  tables: BackupTable[];
}

/** A backup file that cannot be used: the message is one line, meant for a person. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;
const NEWLINE = 0x0a;
const END_OF_DATA = Buffer.from('\\.');
const TABLE_PREFIX = 'TABLE ';
const TRAILER = 'END';

export function formatHeader(header: BackupHeader): string {
  return `${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`;
}

export function tableLine(name: string): string {
  return `${TABLE_PREFIX}${name}\n`;
}

export const END_OF_TABLE_LINE = '\\.\n';
export const TRAILER_LINE = `${TRAILER}\n`;

/** Checks a parsed header line; answers the header or throws a BackupError that says what is wrong. */
export function parseHeader(line: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupError('the backup header is damaged (not JSON): the file is corrupt');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BackupError('the backup header is damaged (not an object): the file is corrupt');
  }
  const h = value as Record<string, unknown>;
  if (typeof h.formatVersion !== 'number' || !Number.isInteger(h.formatVersion) || h.formatVersion < 1) {
    throw new BackupError('the backup header has no valid formatVersion: the file is corrupt');
  }
  if (h.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `the backup is in format ${h.formatVersion}, made by a newer Pacer; this one reads format ${BACKUP_FORMAT_VERSION}: upgrade Pacer first`,
    );
  }
  if (typeof h.schemaVersion !== 'string' || !/^[A-Za-z][A-Za-z0-9]*\d{13}$/.test(h.schemaVersion)) {
    throw new BackupError('the backup header names no valid schema version: the file is corrupt');
  }
  if (!Array.isArray(h.tables) || h.tables.length === 0) {
    throw new BackupError('the backup header lists no tables: the file is corrupt');
  }
  const seen = new Set<string>();
  const tables = h.tables.map((t: unknown, i: number): BackupTable => {
    const table = (t ?? {}) as Record<string, unknown>;
    if (typeof table.name !== 'string' || !IDENTIFIER.test(table.name) || seen.has(table.name)) {
      throw new BackupError(`the backup header's table #${i + 1} has no valid name: the file is corrupt`);
    }
    seen.add(table.name);
    if (
      !Array.isArray(table.columns) ||
      table.columns.length === 0 ||
      !table.columns.every((c) => typeof c === 'string' && IDENTIFIER.test(c)) ||
      new Set(table.columns).size !== table.columns.length
    ) {
      throw new BackupError(
        `the backup header's columns of table ${table.name} are not valid: the file is corrupt`,
      );
    }
    if (typeof table.rows !== 'number' || !Number.isSafeInteger(table.rows) || table.rows < 0) {
      throw new BackupError(
        `the backup header's row count of table ${table.name} is not valid: the file is corrupt`,
      );
    }
    return { name: table.name, columns: table.columns as string[], rows: table.rows };
  });
  return {
    formatVersion: h.formatVersion,
    schemaVersion: h.schemaVersion,
    createdAt: typeof h.createdAt === 'string' ? h.createdAt : '',
    serverVersion: typeof h.serverVersion === 'string' ? h.serverVersion : '',
    tables,
  };
}

export type BackupEvent =
  | { type: 'header'; header: BackupHeader }
  | { type: 'table'; table: BackupTable }
  /** Whole data lines of the current table (each ends with a newline), ready for COPY … FROM STDIN. */
  | { type: 'data'; chunk: Buffer }
  | { type: 'tableEnd'; table: BackupTable }
  | { type: 'end' };

type State = 'magic' | 'header' | 'section' | 'data' | 'done';

/**
 * A push parser over the decompressed bytes: feed it chunks split anywhere (even inside a UTF-8 character) and it
 * answers events. Data lines are passed on as bytes, never decoded, and a table's lines come out in as few slices
 * as the chunks allow (no row is held longer than one chunk).
 */
export class BackupParser {
  private state: State = 'magic';
  private pending: Buffer = Buffer.alloc(0);
  private header: BackupHeader | null = null;
  private tableIndex = -1;

  push(chunk: Buffer): BackupEvent[] {
    const events: BackupEvent[] = [];
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    while (pos < buf.length) {
      if (this.state === 'done') {
        throw new BackupError('the backup has data after its end marker: the file is corrupt');
      }
      if (this.state === 'data') {
        // pass on every whole data line up to the end-of-table line, as one slice
        const start = pos;
        let lineStart = pos;
        let ended = false;
        for (;;) {
          const nl = buf.indexOf(NEWLINE, lineStart);
          if (nl < 0) break;
          if (nl - lineStart === END_OF_DATA.length && buf.subarray(lineStart, nl).equals(END_OF_DATA)) {
            if (lineStart > start) events.push({ type: 'data', chunk: buf.subarray(start, lineStart) });
            events.push({ type: 'tableEnd', table: this.currentTable() });
            this.state = 'section';
            lineStart = nl + 1;
            ended = true;
            break;
          }
          lineStart = nl + 1;
        }
        if (!ended && lineStart > start) events.push({ type: 'data', chunk: buf.subarray(start, lineStart) });
        pos = lineStart;
        if (!ended) break; // the rest is a partial line: wait for more bytes
        continue;
      }
      const nl = buf.indexOf(NEWLINE, pos);
      if (nl < 0) {
        const limit = this.state === 'header' ? MAX_HEADER_BYTES : 256;
        if (buf.length - pos > limit) throw this.tooLong();
        break;
      }
      const line = buf.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      this.line(line, events);
    }
    this.pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
    return events;
  }

  /** Call at the end of the input: throws unless the file ended exactly after its end marker. */
  finish(): void {
    if (this.state === 'done' && this.pending.length === 0) return;
    if (this.state === 'magic' && this.pending.length === 0) throw new BackupError('the file is empty');
    if (this.state === 'magic' || (this.state === 'header' && !this.header)) {
      if (this.state === 'magic') throw notABackup();
      throw new BackupError('the backup ends inside its header: the file is truncated');
    }
    const where =
      this.tableIndex >= 0 && this.header ? ` in table ${this.header.tables[this.tableIndex]?.name}` : '';
    throw new BackupError(`the backup ends before its end marker${where}: the file is truncated`);
  }

  private line(line: string, events: BackupEvent[]): void {
    switch (this.state) {
      case 'magic':
        if (line !== BACKUP_MAGIC) throw notABackup();
        this.state = 'header';
        return;
      case 'header':
        this.header = parseHeader(line);
        events.push({ type: 'header', header: this.header });
        this.state = 'section';
        return;
      case 'section': {
        const tables = this.header!.tables;
        if (line === TRAILER) {
          if (this.tableIndex !== tables.length - 1) {
            throw new BackupError(
              `the backup ends after ${this.tableIndex + 1} of its ${tables.length} tables: the file is corrupt`,
            );
          }
          events.push({ type: 'end' });
          this.state = 'done';
          return;
        }
        const expected = tables[this.tableIndex + 1];
        if (
          !line.startsWith(TABLE_PREFIX) ||
          !expected ||
          line.slice(TABLE_PREFIX.length) !== expected.name
        ) {
          throw new BackupError(
            `the backup has "${line.slice(0, 40)}" where ${expected ? `table ${expected.name}` : 'its end'} should begin: the file is corrupt`,
          );
        }
        this.tableIndex += 1;
        events.push({ type: 'table', table: expected });
        this.state = 'data';
        return;
      }
      default:
        throw new BackupError('the backup could not be read: the file is corrupt');
    }
  }

  private currentTable(): BackupTable {
    return this.header!.tables[this.tableIndex]!;
  }

  private tooLong(): BackupError {
    if (this.state === 'magic') return notABackup();
    if (this.state === 'header') return new BackupError('the backup header is too long: the file is corrupt');
    return new BackupError('the backup has a damaged section line: the file is corrupt');
  }
}

function notABackup(): BackupError {
  return new BackupError('this is not a Pacer backup (it does not begin with PACER-BACKUP)');
}
