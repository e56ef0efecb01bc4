import fc from 'fast-check';

import { scoreThreshold } from './threshold.js';
import type { ThresholdItem } from './types.js';

// 5 points for meeting the target, +0.1 per 1亿 over, at most +2 (DOMAIN.md §5); amounts in 万元
const item: ThresholdItem = {
  code: 'funds',
  name: '实际到位资金',
  method: 'threshold',
  indicator: 'funds',
  points: '5',
  increment: { per: '10000', points: '0.1', max: '2' },
};

describe('scoreThreshold', () => {
  it('should give 0 below the target', () => {
    const s = scoreThreshold(item, { actual: '90000', target: '100000' });
    expect(s.points.toFixed()).toBe('0');
    expect(s.formula).toBe('完成率 90.00% < 100% → 0.00');
  });

  it('should give 5 exactly at the target', () => {
    const s = scoreThreshold(item, { actual: '100000', target: '100000' });
    expect(s.points.toFixed()).toBe('5');
    expect(s.formula).toBe('完成率 100.00% ≥ 100% → 5 + min(0.1 × ⌊0 ÷ 10000⌋, 2) = 5.00');
  });

  it('should add 0.1 per whole 1亿 over: 3.5亿 over → 5.30 (DOMAIN.md §5)', () => {
    const s = scoreThreshold(item, { actual: '135000', target: '100000' });
    expect(s.points.toFixed()).toBe('5.3');
    expect(s.formula).toBe('完成率 135.00% ≥ 100% → 5 + min(0.1 × ⌊35000 ÷ 10000⌋, 2) = 5.30');
    expect(s.inputs.increment).toBe('0.3');
  });

  it('should cap the increment at +2: 30亿 over → 7.00 (DOMAIN.md §5)', () => {
    const s = scoreThreshold(item, { actual: '400000', target: '100000' });
    expect(s.points.toFixed()).toBe('7');
    expect(s.formula).toBe('完成率 400.00% ≥ 100% → 5 + min(0.1 × ⌊300000 ÷ 10000⌋, 2) = 7.00');
  });

  it('should count parts of a unit in prorata mode, and no increment without one', () => {
    const prorata = { ...item, increment: { ...item.increment!, mode: 'prorata' as const } };
    expect(scoreThreshold(prorata, { actual: '135000', target: '100000' }).points.toFixed()).toBe('5.35');
    const plainItem = { ...item, increment: undefined };
    const s = scoreThreshold(plainItem, { actual: '135000', target: '100000' });
    expect(s.points.toFixed()).toBe('5');
    expect(s.formula).toBe('完成率 135.00% ≥ 100% → 5.00');
  });

  it('should use a lower threshold without paying for the part below the target', () => {
    const s = scoreThreshold({ ...item, threshold: '0.9' }, { actual: '95000', target: '100000' });
    expect(s.points.toFixed()).toBe('5');
    expect(s.formula).toBe('完成率 95.00% ≥ 90% → 5 + min(0.1 × ⌊0 ÷ 10000⌋, 2) = 5.00');
  });

  it('should show "—" without a target', () => {
    expect(scoreThreshold(item, { actual: '1', target: null }).isScored).toBe(false);
  });

  it('should never lower the points when the actual grows, and stay within 0..points + max', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        (target, a, more) => {
          const low = scoreThreshold(item, { actual: String(a), target: String(target) }).points;
          const high = scoreThreshold(item, { actual: String(a + more), target: String(target) }).points;
          expect(high.gte(low)).toBe(true);
          expect(low.gte(0) && high.lte(7)).toBe(true);
        },
      ),
    );
  });
});
