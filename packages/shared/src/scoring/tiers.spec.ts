import fc from 'fast-check';

import { scoreTiers } from './tiers.js';
import type { TiersItem } from './types.js';

// ≥100% → 100, ≥80% → 75, ≥50% → 50, else 0 (DOMAIN.md §5)
const item: TiersItem = {
  code: 'started',
  name: '新开工项目',
  method: 'tiers',
  indicator: 'started',
  tiers: [
    { min: '1', points: '100' },
    { min: '0.8', points: '75' },
    { min: '0.5', points: '50' },
  ],
};

describe('scoreTiers', () => {
  it.each([
    ['12', '100', '完成率 120.00% ≥ 100% → 100.00'],
    ['10', '100', '完成率 100.00% ≥ 100% → 100.00'],
    ['8', '75', '完成率 80.00% ≥ 80% → 75.00'],
    ['9.99', '75', '完成率 99.90% ≥ 80% → 75.00'],
    ['5', '50', '完成率 50.00% ≥ 50% → 50.00'],
    ['4.99', '0', '完成率 49.90% < 50% → 0.00'],
    ['0', '0', '完成率 0.00% < 50% → 0.00'],
  ])('should give actual %s of 10 → %s (DOMAIN.md §5)', (actual, points, formula) => {
    const s = scoreTiers(item, { actual, target: '10' });
    expect(s.points.toFixed()).toBe(points);
    expect(s.formula).toBe(formula);
  });

  it('should accept tiers in any order and an `otherwise`', () => {
    const shuffled = { ...item, tiers: [item.tiers[2]!, item.tiers[0]!, item.tiers[1]!], otherwise: '10' };
    expect(scoreTiers(shuffled, { actual: '8', target: '10' }).points.toFixed()).toBe('75');
    expect(scoreTiers(shuffled, { actual: '1', target: '10' }).points.toFixed()).toBe('10');
  });

  it('should show "—" without a target', () => {
    expect(scoreTiers(item, { actual: '8', target: null }).formula).toBe('—（无目标任务，不计分）');
  });

  it('should never lower the points when the actual grows', () => {
    fc.assert(
      fc.property(fc.nat(30_000), fc.nat(30_000), (a, more) => {
        const low = scoreTiers(item, { actual: String(a / 1000), target: '10' }).points;
        const high = scoreTiers(item, { actual: String((a + more) / 1000), target: '10' }).points;
        expect(high.gte(low)).toBe(true);
      }),
    );
  });
});
