import {
  addMonths,
  businessDate,
  businessMonth,
  isBusinessDate,
  isBusinessMonth,
  isIsoDate,
  isMonth,
  monthLabelZh,
  monthsOfYear,
  parseMonth,
} from './month.js';
import { expectedFraction, linearCurve, validateCurve } from './time-progress.js';

describe('month', () => {
  it('should accept only YYYY-MM with a real month', () => {
    expect(isMonth('2026-10')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', 202610]) {
      expect(isMonth(bad)).toBe(false);
    }
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
  });

  it('should reject impossible dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });

  it('should keep entered dates and months inside the business window (VAL-1)', () => {
    expect(isBusinessDate('2026-03-18')).toBe(true);
    expect(isBusinessDate('2000-01-01')).toBe(true);
    expect(isBusinessDate('2099-12-31')).toBe(true);
    for (const bad of ['1900-01-01', '1999-12-31', '2100-01-01', '9999-12-31', '2026-02-30', 20260318]) {
      expect(isBusinessDate(bad)).toBe(false);
    }
    expect(isBusinessMonth('2026-10')).toBe(true);
    expect(isBusinessMonth('1900-01')).toBe(false);
    expect(isBusinessMonth('2100-01')).toBe(false);
  });

  it('should move across year boundaries', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsOfYear(2026)).toHaveLength(12);
    expect(monthLabelZh('2026-10')).toBe('2026年10月');
  });

  it('should place an instant in its Asia/Shanghai month whatever the server zone', () => {
    // 2026-10-31T16:30Z is 2026-11-01 00:30 in Shanghai
    expect(businessDate(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11-01');
    expect(businessMonth(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(businessMonth(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });
});

describe('time progress', () => {
  it('should expect m/12 exactly with the default curve', () => {
    expect(expectedFraction(null, 6).toFixed(4)).toBe('0.5000');
    expect(expectedFraction(null, 10).mul(100).toFixed(2)).toBe('83.33');
    expect(expectedFraction(null, 12).toFixed()).toBe('1');
  });

  it('should read a custom curve', () => {
    const curve = ['0.05', '0.1', '0.2', '0.3', '0.4', '0.5', '0.55', '0.6', '0.7', '0.8', '0.9', '1'];
    expect(expectedFraction(curve, 3).toFixed()).toBe('0.2');
    expect(validateCurve(curve)).toEqual([]);
  });

  it('should refuse a decreasing or short curve', () => {
    expect(validateCurve(['0.1'])).toEqual(['curve must have exactly 12 values']);
    const bad = [...linearCurve()];
    bad[5] = '0.1';
    expect(validateCurve(bad)).toContain('curve[5] must not be below curve[4]');
    const notEnding = [...linearCurve()];
    notEnding[11] = '0.95';
    expect(validateCurve(notEnding)).toContain('curve[11] must be 1');
  });
});
