import type { ArgumentMetadata } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';
import { ParseMonthPipe } from './parse-month.pipe';

const meta: ArgumentMetadata = { type: 'param', data: 'month' };

function codeOf(value: string): string | undefined {
  try {
    new ParseMonthPipe().transform(value, meta);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    const body = (error as ApiException).getResponse() as { details?: Array<{ field: string; code: string }> };
    expect(body.details?.[0]?.field).toBe('month');
    return body.details?.[0]?.code;
  }
}

describe(ParseMonthPipe.name, () => {
  it('should pass a month of the business window through unchanged', () => {
    expect(new ParseMonthPipe().transform('2026-06', meta)).toBe('2026-06');
  });

  it('should refuse text that is not YYYY-MM with isMonth', () => {
    expect(codeOf('2026-6')).toBe('isMonth');
    expect(codeOf('2026-13')).toBe('isMonth');
    expect(codeOf('六月')).toBe('isMonth');
  });

  it('should refuse a real month outside 2000-01 … 2099-12 with isBusinessMonth (rankings, briefings and reports too)', () => {
    expect(codeOf('1999-12')).toBe('isBusinessMonth');
    expect(codeOf('2100-01')).toBe('isBusinessMonth');
  });
});
