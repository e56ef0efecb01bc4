import { formatPercent, formatPoints } from '../money/wan-yuan.js';
import { expectedFraction } from '../periods/time-progress.js';
import { cellFigures } from './traffic-light.js';

// DOMAIN.md §4: annual target for 实际到位资金 20亿元 = 200000 万元
describe('cellFigures', () => {
  it('should give 65.00% vs 50.00%, +15.00 pp, green for 13亿 by June', () => {
    const expected = expectedFraction(null, 6);
    const f = cellFigures('130000', '200000', expected);
    expect(f).toEqual({ completion: '0.65', gapPp: '15', light: 'green' });
    expect(formatPercent(expected)).toBe('50.00%');
    expect(formatPoints(f.gapPp)).toBe('+15.00');
  });

  it('should give 75.00% vs 83.33%, −8.33 pp, yellow for 15亿 by October with the default band', () => {
    const expected = expectedFraction(null, 10);
    const f = cellFigures('150000', '200000', expected);
    expect(f.completion).toBe('0.75');
    expect(formatPercent(expected)).toBe('83.33%');
    expect(formatPoints(f.gapPp)).toBe('-8.33');
    expect(f.light).toBe('yellow');
  });

  it('should use the plan band: the same −8.33 pp is red with a 5 pp band', () => {
    expect(cellFigures('150000', '200000', expectedFraction(null, 10), '5').light).toBe('red');
    expect(cellFigures('100000', '200000', expectedFraction(null, 10)).light).toBe('red');
  });

  it('should show "—" (all null) without a target', () => {
    expect(cellFigures('5', null, '0.5')).toEqual({ completion: null, gapPp: null, light: null });
    expect(cellFigures('5', '0', '0.5').light).toBeNull();
  });
});
