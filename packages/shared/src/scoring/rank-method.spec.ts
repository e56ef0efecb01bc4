import fc from 'fast-check';

import { scoreRank } from './rank-method.js';
import type { PoolMember, RankItem } from './types.js';

// weight 10, step 0.5 (DOMAIN.md §5)
const item: RankItem = {
  code: 'funds-rank',
  name: '到位资金名次',
  method: 'rank',
  indicator: 'funds',
  weight: '10',
  step: '0.5',
};
const member = (unitId: number, actual: string, target: string | null = '100'): PoolMember => ({
  unitId,
  sortOrder: unitId,
  actual,
  target,
});

describe('scoreRank', () => {
  it('should give 10, 9.5, 9 to places 1, 2, 3 (DOMAIN.md §5)', () => {
    const scores = scoreRank(item, [member(1, '50'), member(2, '90'), member(3, '70')]);
    expect(scores.get(2)!.points.toFixed()).toBe('10');
    expect(scores.get(3)!.points.toFixed()).toBe('9.5');
    expect(scores.get(1)!.points.toFixed()).toBe('9');
    expect(scores.get(1)!.formula).toBe('第 3 名 → 10 − (3 − 1) × 0.5 = 9.00');
  });

  it('should share the place between equal values: 1, 1, 3', () => {
    const scores = scoreRank(item, [member(1, '90'), member(2, '90'), member(3, '70')]);
    expect([1, 2, 3].map((id) => scores.get(id)!.inputs.place)).toEqual([1, 1, 3]);
    expect([1, 2, 3].map((id) => scores.get(id)!.points.toFixed())).toEqual(['10', '10', '9']);
  });

  it('should rank completion by default: a small unit ahead of its target beats a big one behind', () => {
    const scores = scoreRank(item, [member(1, '500', '1000'), member(2, '90', '100')]);
    expect(scores.get(2)!.inputs.place).toBe(1);
    expect(scores.get(1)!.inputs.place).toBe(2);
    const byActual = scoreRank({ ...item, basis: 'actual' }, [
      member(1, '500', '1000'),
      member(2, '90', '100'),
    ]);
    expect(byActual.get(1)!.inputs.place).toBe(1);
  });

  it('should not go below the floor', () => {
    const scores = scoreRank({ ...item, step: '4', floor: '1' }, [
      member(1, '3'),
      member(2, '2'),
      member(3, '1'),
      member(4, '0'),
    ]);
    expect([1, 2, 3, 4].map((id) => scores.get(id)!.points.toFixed())).toEqual(['10', '6', '2', '1']);
    expect(scores.get(4)!.formula).toBe('第 4 名 → max(10 − (4 − 1) × 4, 1) = 1.00');
  });

  it('should leave out units without a target: they take no place', () => {
    const scores = scoreRank(item, [member(1, '90', null), member(2, '50'), member(3, '40')]);
    expect(scores.get(1)!.isScored).toBe(false);
    expect(scores.get(2)!.inputs.place).toBe(1);
  });

  it('should keep points within floor..weight and never give a better value fewer points', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 40 }), (values) => {
        const scores = scoreRank(
          item,
          values.map((v, i) => member(i + 1, String(v))),
        );
        values.forEach((v, i) => {
          const p = scores.get(i + 1)!.points;
          expect(p.gte(0) && p.lte(10)).toBe(true);
          values.forEach((w, j) => {
            if (v > w) expect(p.gte(scores.get(j + 1)!.points)).toBe(true);
          });
        });
      }),
    );
  });
});
