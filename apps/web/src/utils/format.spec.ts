import { describe, expect, it } from 'vitest';

import {
  amountWan,
  amountWithUnit,
  amountYi,
  dateTime,
  endOfBusinessDay,
  percent,
  points,
  startOfBusinessDay,
  thousands,
} from './format';

describe('amountYi', () => {
  it('should convert 万元 to 亿元 with 2 decimals', () => {
    expect(amountYi('3000000')).toBe('300.00');
    expect(amountYi('200000')).toBe('20.00');
  });

  it('should group thousands and round half-up', () => {
    expect(amountYi('123456789.5')).toBe('12,345.68');
    // 50 万元 = 0.005 亿元: half-up gives 0.01 (banker's rounding would give 0.00)
    expect(amountYi('50')).toBe('0.01');
    expect(amountYi('250')).toBe('0.03');
    expect(amountYi('49.99')).toBe('0.00');
  });

  it('should keep exactness beyond float precision', () => {
    // 0.1 + 0.2 style errors must not appear: 12345678901234.5678 万元 stays exact
    expect(amountYi('12345678901234.5678', 4)).toBe('1,234,567,890.1235');
  });

  it('should show a dash for a missing value', () => {
    expect(amountYi(null)).toBe('—');
    expect(amountYi(undefined)).toBe('—');
    expect(amountYi('')).toBe('—');
  });

  it('should format negative corrections with the sign before the digits', () => {
    expect(amountYi('-12345678')).toBe('-1,234.57');
  });
});

describe('amountWan / amountWithUnit', () => {
  it('should keep 万元 as whole numbers by default', () => {
    expect(amountWan('123456.5')).toBe('123,457');
    expect(amountWan('123456.4')).toBe('123,456');
  });

  it('should append the unit', () => {
    expect(amountWithUnit('3000000')).toBe('300.00亿元');
    expect(amountWithUnit('3000000', '万元')).toBe('3,000,000万元');
    expect(amountWithUnit('3000000', '亿元', 1)).toBe('300.0亿元');
  });
});

describe('percent / points / thousands', () => {
  it('should render ratios as percentages, half-up', () => {
    expect(percent('0.65')).toBe('65.00%');
    expect(percent('0.833335')).toBe('83.33%');
    expect(percent('0.1234567', 1)).toBe('12.3%');
    expect(percent('0.000125', 2)).toBe('0.01%');
  });

  it('should sign percentage points', () => {
    expect(points('15')).toBe('+15.00');
    expect(points('-8.333')).toBe('-8.33');
    expect(points('0')).toBe('+0.00');
  });

  it('should group thousands with exact half-up rounding', () => {
    expect(thousands('1234567.005')).toBe('1,234,567.01');
    // (1.005).toFixed(2) is '1.00' in floating point; the decimal path must give 1.01
    expect(thousands('1.005')).toBe('1.01');
    expect(thousands(1000, 0)).toBe('1,000');
  });
});

describe('dateTime', () => {
  it('should show an instant in Asia/Shanghai whatever the browser zone', () => {
    expect(dateTime('2026-03-01T01:02:03.000Z')).toBe('2026-03-01 09:02:03');
    expect(dateTime('2025-12-31T16:00:00Z')).toBe('2026-01-01 00:00:00');
    expect(dateTime(new Date('2026-06-30T23:59:59Z'))).toBe('2026-07-01 07:59:59');
  });

  it('should show a dash for a missing or broken value', () => {
    expect(dateTime(null)).toBe('—');
    expect(dateTime(undefined)).toBe('—');
    expect(dateTime('not a date')).toBe('—');
  });
});

describe('business day bounds', () => {
  it('should give the start and the exclusive end of a Shanghai day, across month and year ends', () => {
    expect(startOfBusinessDay('2026-02-28')).toBe('2026-02-28T00:00:00+08:00');
    expect(endOfBusinessDay('2026-02-28')).toBe('2026-03-01T00:00:00+08:00');
    expect(endOfBusinessDay('2025-12-31')).toBe('2026-01-01T00:00:00+08:00');
    expect(new Date(startOfBusinessDay('2026-03-01')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });
});
