import { figureText, forecastText } from './chart-values.js';

describe('forecastText (issue 14 point 3)', () => {
  const count = { kind: 'count', measure: '个' };

  it('should forecast a count to a whole number, half-up, where figureText keeps the fraction', () => {
    expect(figureText('1.2', count)).toBe('1.20');
    expect(forecastText('1.2', count)).toBe('1');
    expect(forecastText('2.5', count)).toBe('3');
    expect(forecastText('2.49999', count)).toBe('2');
    expect(forecastText('12', { kind: 'count', measure: '条' })).toBe('12');
    expect(forecastText('1234.6', count)).toBe('1,235');
  });

  it('should keep 2 decimals for amounts and the given decimals for ratios', () => {
    expect(forecastText('2492456', { kind: 'amount', measure: '亿元' })).toBe('249.25');
    expect(forecastText('1234.5', { kind: 'amount', measure: '万元' })).toBe('1,234.50');
    expect(forecastText('0.456', { kind: 'ratio', measure: '%' }, 1)).toBe('45.6%');
    expect(forecastText(null, count)).toBe('—');
  });
});
