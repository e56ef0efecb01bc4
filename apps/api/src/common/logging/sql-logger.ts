import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import type { LoggerOptions, Logger as TypeOrmLogger } from 'typeorm';

/** Longest SQL text kept in a log line (a set-based upsert of 2,000 rows is long, and it is not the point). */
export const MAX_LOGGED_SQL = 2000;

/** What is logged of a statement's parameters: how many and their types, never a value (AUD-6). */
export interface RedactedParameters {
  count: number;
  types: string[];
}

export function redactParameters(parameters: unknown): RedactedParameters {
  const list = Array.isArray(parameters)
    ? parameters
    : parameters && typeof parameters === 'object'
      ? Object.values(parameters)
      : [];
  return { count: list.length, types: list.map(typeOfParameter) };
}

function typeOfParameter(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'date';
  if (Buffer.isBuffer(value)) return 'buffer';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function truncate(sql: string): string {
  return sql.length > MAX_LOGGED_SQL ? `${sql.slice(0, MAX_LOGGED_SQL)}…` : sql;
}

interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  message?: string;
}

/** Quoted text and `(key)=(value)` pairs of a PostgreSQL message are values: they are replaced by an ellipsis. */
function redactText(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(…)');
}

/**
 * The part of a PostgreSQL error that may be logged: the SQLSTATE, the constraint, table and column, and the message
 * with its quoted text removed (`invalid input syntax for type integer: "…"` would otherwise carry a value).
 * `detail` and `where` are dropped: they quote row values (`Key (code)=(T01) already exists`).
 */
export function redactDatabaseError(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as PgErrorFields & { driverError?: PgErrorFields; name?: string; stack?: string };
  const pg = e.driverError ?? e;
  const message = redactText(typeof pg.message === 'string' ? pg.message : String(error));
  // the stack's first line repeats the message; the frames say where it failed and carry no value
  const frames =
    typeof e.stack === 'string' ? e.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return {
    name: e.name ?? 'Error',
    message,
    ...(frames.length ? { stack: [`${e.name ?? 'Error'}: ${message}`, ...frames].join('\n') } : {}),
    ...(pg.code ? { code: pg.code } : {}),
    ...(pg.constraint ? { constraint: pg.constraint } : {}),
    ...(pg.table ? { table: pg.table } : {}),
    ...(pg.column ? { column: pg.column } : {}),
  };
}

/**
 * A failed statement as a loggable object: the query text (placeholders, no values), the parameters' count and types,
 * and the redacted error. Used by the TypeORM logger and by the exception filter for a QueryFailedError.
 */
export function describeFailedQuery(
  error: unknown,
  query?: string,
  parameters?: unknown,
): Record<string, unknown> {
  const e = error as { query?: string; parameters?: unknown } | undefined;
  const sql = query ?? e?.query;
  return {
    ...(sql ? { query: truncate(sql) } : {}),
    parameters: redactParameters(parameters ?? e?.parameters),
    err: redactDatabaseError(error),
  };
}

/** True for TypeORM's QueryFailedError (and anything shaped like it): an error that carries SQL and parameters. */
export function isQueryError(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    ((error as Error).name === 'QueryFailedError' || ('query' in error && 'parameters' in error))
  );
}

/**
 * TypeORM's logger, routed into the JSON logger (nestjs-pino): one structured line per failed or slow statement, with
 * the query text and its parameters redacted to count and types. Inside a request, nestjs-pino's request-bound logger
 * adds the request id (`req.id`), the same id as the error body's `requestId`.
 */
export class SqlLogger implements TypeOrmLogger {
  /**
   * `logging` is the DataSource's option (TypeORM calls a custom logger whatever it says, so the logger checks it):
   * `['error']` in Pacer, `false` in tests that provoke failures on purpose.
   */
  constructor(
    private readonly logging: LoggerOptions = ['error'],
    private readonly logger: LoggerService = new NestLogger('Database'),
  ) {}

  private isOn(level: 'query' | 'error' | 'schema' | 'warn' | 'info' | 'log' | 'migration'): boolean {
    if (this.logging === true || this.logging === 'all') return true;
    return Array.isArray(this.logging) && (this.logging as string[]).includes(level);
  }

  logQuery(query: string, parameters?: unknown[]): void {
    if (this.isOn('query'))
      this.logger.debug?.({ query: truncate(query), parameters: redactParameters(parameters) }, 'query');
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    if (this.isOn('error')) this.logger.error(describeFailedQuery(error, query, parameters), 'query failed');
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    // TypeORM calls this only past maxQueryExecutionTime, which is a deliberate setting
    this.logger.warn(
      { durationMs: time, query: truncate(query), parameters: redactParameters(parameters) },
      'slow query',
    );
  }

  logSchemaBuild(message: string): void {
    if (this.isOn('schema')) this.logger.log({ schema: message }, 'schema build');
  }

  logMigration(message: string): void {
    if (this.isOn('migration')) this.logger.log({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.isOn(level)) return;
    if (level === 'warn') this.logger.warn({ detail: String(message) }, 'database warning');
    else this.logger.log({ detail: String(message) }, 'database');
  }
}
