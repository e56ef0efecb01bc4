import fc from 'fast-check';

import { scoreRelative } from './relative.js';
import type { PoolMember, RelativeItem } from './types.js';

const item: RelativeItem = {
  code: 'funds-rel',
  name: '到位资金',
  method: 'relative',
  indicator: 'funds',
  max: '100',
  min: '60',
};
const member = (unitId: number, actual: string, target: string | null = '10'): PoolMember => ({
  unitId,
  sortOrder: unitId,
  actual,
  target,
});

describe('scoreRelative', () => {
  it('should give 100, 80, 60 for values 10, 6, 2 with 100/60 (DOMAIN.md §5)', () => {
    const scores = scoreRelative({ ...item, basis: 'actual' }, [
      member(1, '10'),
      member(2, '6'),
      member(3, '2'),
    ]);
    expect([1, 2, 3].map((id) => scores.get(id)!.points.toFixed())).toEqual(['100', '80', '60']);
    expect(scores.get(2)!.formula).toBe('60 + (6 − 2) ÷ (10 − 2) × (100 − 60) = 80.00');
  });

  it('should compare completion rates by default', () => {
    const scores = scoreRelative(item, [member(1, '10', '10'), member(2, '6', '10'), member(3, '2', '10')]);
    expect([1, 2, 3].map((id) => scores.get(id)!.points.toFixed())).toEqual(['100', '80', '60']);
    expect(scores.get(2)!.formula).toBe('60 + (60.00% − 20.00%) ÷ (100.00% − 20.00%) × (100 − 60) = 80.00');
  });

  it('should keep exact points at 8 places', () => {
    const scores = scoreRelative({ ...item, basis: 'actual' }, [
      member(1, '3'),
      member(2, '1'),
      member(3, '0'),
    ]);
    expect(scores.get(2)!.points.toFixed()).toBe('73.33333333');
  });

  it('should leave out units without a target and give max when best = worst', () => {
    const scores = scoreRelative(item, [member(1, '5'), member(2, '7', null), member(3, '5')]);
    expect(scores.get(2)!.isScored).toBe(false);
    expect(scores.get(2)!.points.toFixed()).toBe('0');
    expect(scores.get(1)!.points.toFixed()).toBe('100');
    expect(scores.get(1)!.formula).toBe('组内最优 = 最差 → 100.00');
    expect(scores.get(1)!.inputs.compared).toBe(2);
  });

  it('should keep every scored unit within min..max, the best at max and the worst at min', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 2, maxLength: 20 }), (values) => {
        const scores = scoreRelative(
          item,
          values.map((v, i) => member(i + 1, String(v))),
        );
        const points = [...scores.values()].map((s) => s.points);
        for (const p of points) expect(p.gte(60) && p.lte(100)).toBe(true);
        expect(points.some((p) => p.eq(100))).toBe(true);
        if (new Set(values).size > 1) expect(points.some((p) => p.eq(60))).toBe(true);
      }),
    );
  });
});
