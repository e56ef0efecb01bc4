import type { LoggerService } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

import { describeFailedQuery, SqlLogger } from './sql-logger';

function newTestLogger(logging: ConstructorParameters<typeof SqlLogger>[0] = ['error']) {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      calls.push({ level, args });
  const mock: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
  };
  return { sut: new SqlLogger(logging, mock), calls };
}

/** What pg throws for `SELECT $1::int` with a text that is not a number, as TypeORM wraps it. */
function failedCast(value: string): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input syntax for type integer: "${value}"`), {
    code: '22P02',
    detail: `value ${value}`,
  });
  return new QueryFailedError(
    'SELECT id FROM app_user WHERE username = $1 AND id = $2::int',
    [value, value],
    driverError,
  );
}

describe(SqlLogger.name, () => {
  const secret = '城关镇填报员的密码Kaohe#2026';

  it('should log a failed statement as one structured line with the parameters redacted to count and types', () => {
    const { sut, calls } = newTestLogger();
    const error = failedCast(secret);
    sut.logQueryError(error, error.query, [secret, 42, null, new Date()]);
    expect(calls).toHaveLength(1);
    const [fields, message] = calls[0]!.args as [Record<string, unknown>, string];
    expect(calls[0]!.level).toBe('error');
    expect(message).toBe('query failed');
    expect(fields).toMatchObject({
      query: 'SELECT id FROM app_user WHERE username = $1 AND id = $2::int',
      parameters: { count: 4, types: ['string', 'number', 'null', 'date'] },
      err: { code: '22P02', message: 'invalid input syntax for type integer: "…"' },
    });
    expect(JSON.stringify(calls)).not.toContain('Kaohe');
    expect(JSON.stringify(calls)).not.toContain('城关镇');
  });

  it('should drop the values a constraint violation quotes', () => {
    const { sut, calls } = newTestLogger();
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "unit_code_key"'),
      {
        code: '23505',
        constraint: 'unit_code_key',
        table: 'unit',
        detail: 'Key (code)=(T01) already exists.',
      },
    );
    sut.logQueryError(
      new QueryFailedError('INSERT INTO unit (code) VALUES ($1)', ['T01'], driverError),
      'INSERT INTO unit (code) VALUES ($1)',
      ['T01'],
    );
    const [fields] = calls[0]!.args as [Record<string, unknown>];
    expect(fields.err).toMatchObject({ code: '23505', constraint: 'unit_code_key', table: 'unit' });
    expect(JSON.stringify(fields)).not.toMatch(/T01/);
  });

  it('should say nothing when the data source turned error logging off', () => {
    const { sut, calls } = newTestLogger(false);
    sut.logQueryError(failedCast('x'), 'SELECT 1', ['x']);
    expect(calls).toHaveLength(0);
  });

  it('should describe a QueryFailedError for the exception filter without its values, keeping the frames', () => {
    const described = describeFailedQuery(failedCast(secret));
    expect(described).toMatchObject({ parameters: { count: 2, types: ['string', 'string'] } });
    expect((described.err as { stack: string }).stack).toMatch(
      /^QueryFailedError: invalid input syntax.*\n\s+at /,
    );
    expect(JSON.stringify(described)).not.toContain('Kaohe');
  });
});
