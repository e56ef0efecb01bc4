import { formatPercent, formatPoints } from '../money/wan-yuan.js';
import { completionOf, gapPpOf, lightOf, progressFigures } from './progress-figures.js';

describe('progressFigures', () => {
  // DOMAIN.md §4: annual target 20亿元 = 200000 万元
  const target = '200000';

  it('should give 65.00% vs 50.00%, +15.00 pp, green for 13亿 by June', () => {
    const f = progressFigures({ actual: '130000', target, monthNo: 6, curve: null });
    expect(f).toEqual({ completion: '0.65', expected: '0.5', gapPp: '15', light: 'green' });
    expect(formatPercent(f.completion)).toBe('65.00%');
    expect(formatPercent(f.expected)).toBe('50.00%');
    expect(formatPoints(f.gapPp)).toBe('+15.00');
  });

  it('should give 75.00% vs 83.33%, −8.33 pp, yellow for 15亿 by October with the default band', () => {
    const f = progressFigures({ actual: '150000', target, monthNo: 10, curve: null });
    expect(f.completion).toBe('0.75');
    expect(formatPercent(f.expected)).toBe('83.33%');
    // exact 10/12, not a rounded 0.8333
    expect(f.expected.startsWith('0.83333333333333')).toBe(true);
    expect(formatPoints(f.gapPp)).toBe('-8.33');
    expect(f.light).toBe('yellow');
  });

  it('should turn red beyond the band, and use the plan band', () => {
    expect(
      progressFigures({ actual: '150000', target, monthNo: 10, curve: null, yellowBand: '5' }).light,
    ).toBe('red');
    expect(progressFigures({ actual: '100000', target, monthNo: 10, curve: null }).light).toBe('red');
  });

  it('should treat the band edge as yellow and exactly on time as green', () => {
    expect(lightOf('-10', '10')).toBe('yellow');
    expect(lightOf('-10.0001', '10')).toBe('red');
    expect(lightOf('0', '10')).toBe('green');
    // 5/6 of the target by October is exactly on time, no rounding noise
    expect(progressFigures({ actual: '50000', target: '60000', monthNo: 10, curve: null }).light).toBe(
      'green',
    );
  });

  it('should follow the plan curve when there is one', () => {
    const curve = ['0.05', '0.1', '0.2', '0.3', '0.4', '0.6', '0.65', '0.7', '0.8', '0.85', '0.9', '1'];
    const f = progressFigures({ actual: '130000', target, monthNo: 6, curve });
    expect(f.expected).toBe('0.6');
    expect(f.gapPp).toBe('5');
  });

  it('should show "—" (all null) without a target or with a zero target', () => {
    expect(progressFigures({ actual: '5', target: null, monthNo: 3, curve: null })).toEqual({
      completion: null,
      expected: '0.25',
      gapPp: null,
      light: null,
    });
    expect(completionOf('5', '0')).toBeNull();
  });

  it('should keep completion exact', () => {
    expect(completionOf('1', '3')!.toFixed()).toMatch(/^0\.3{40}$/);
    expect(gapPpOf('0.65', '0.5').toFixed()).toBe('15');
  });
});
