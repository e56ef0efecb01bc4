import fc from 'fast-check';

import {
  formatAmount,
  formatNumber,
  formatPercent,
  formatPoints,
  isDecimalString,
  sumDecimals,
  wanToYi,
  yiToWan,
} from './wan-yuan.js';

describe('wan-yuan', () => {
  it('should accept only plain decimal strings', () => {
    expect(isDecimalString('3000000')).toBe(true);
    expect(isDecimalString('12.3456')).toBe(true);
    for (const bad of ['', 'NaN', '1e309', '-1', '1,000', '0.00001', ' 1', '1.', '.5', '123456789012345']) {
      expect(isDecimalString(bad)).toBe(false);
    }
    expect(isDecimalString(12)).toBe(false);
    expect(isDecimalString('-1', { allowNegative: true })).toBe(true);
  });

  it('should convert between 万元 and 亿元 exactly', () => {
    expect(wanToYi('3000000')).toBe('300');
    expect(wanToYi('12345.6789')).toBe('1.23456789');
    expect(yiToWan('0.0001')).toBe('1');
  });

  it('should format 万元 as 亿元 with two decimals and thousands separators', () => {
    expect(formatAmount('3000000')).toBe('300.00');
    expect(formatAmount('123456789.5')).toBe('12,345.68');
    expect(formatAmount('3000000', { withUnit: true })).toBe('300.00亿元');
    expect(formatAmount('1234567.5', { unit: '万元' })).toBe('1,234,568');
    expect(formatAmount(null)).toBe('—');
  });

  it('should round half-up, never half-even', () => {
    expect(formatNumber('0.125', 2)).toBe('0.13');
    expect(formatNumber('2.5', 0)).toBe('3');
    expect(formatNumber('-1234.5', 0)).toBe('-1,235');
  });

  it('should format percentages and signed gaps', () => {
    expect(formatPercent('0.65')).toBe('65.00%');
    expect(formatPercent('0.833333')).toBe('83.33%');
    expect(formatPoints('15')).toBe('+15.00');
    expect(formatPoints('-8.3333')).toBe('-8.33');
  });

  it('should sum 10,000 random amounts exactly (DATA-1)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), { minLength: 10000, maxLength: 10000 }), (cents) => {
        // amounts with 4 decimals, built from integers so the expected sum is exact BigInt arithmetic
        const strings = cents.map((c) => {
          const s = c.toString().padStart(5, '0');
          return `${s.slice(0, -4)}.${s.slice(-4)}`;
        });
        const expected = cents.reduce((a, b) => a + b, 0n).toString().padStart(5, '0');
        const sum = sumDecimals(strings);
        const normalised = expected.slice(0, -4).replace(/^0+(?=\d)/, '') + '.' + expected.slice(-4);
        expect(sum).toBe(normalised.replace(/\.?0+$/, '') || '0');
      }),
      { numRuns: 3 },
    );
  });
});
