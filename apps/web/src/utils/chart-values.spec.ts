import { describe, expect, it } from 'vitest';

import { chartValue, figureText, figureUnit } from './chart-values';

const yi = { kind: 'amount', measure: '亿元' };
const count = { kind: 'count', measure: '个' };
const ratio = { kind: 'ratio', measure: '%' };

describe('chart values', () => {
  it('should plot money in 亿元, ratios in percent and counts as they are', () => {
    expect(chartValue('2492400', yi)).toBe(249.24);
    expect(chartValue('0.8', ratio)).toBe(80);
    expect(chartValue('8', count)).toBe(8);
    expect(chartValue('123456', { kind: 'amount', measure: '万元' })).toBe(123456);
    expect(chartValue(null, yi)).toBeNull();
  });

  it('should write figures with separators and two decimals in 亿元, counts whole when whole', () => {
    expect(figureText('30000000', yi)).toBe('3,000.00');
    expect(figureText('2990880', yi)).toBe('299.09');
    expect(figureText('10', count)).toBe('10');
    expect(figureText('9.6', count)).toBe('9.60');
    expect(figureText('0.6', ratio, 1)).toBe('60.0%');
    expect(figureText(null, count)).toBe('—');
  });

  it('should name the unit after a figure, through a translation when given', () => {
    expect(figureUnit(yi)).toBe('亿元');
    expect(figureUnit(ratio)).toBe('');
    expect(figureUnit(yi, () => '100M CNY')).toBe('100M CNY');
  });
});
