import { describe, expect, it } from 'vitest';

import type { RankingResponse } from '@pacer/shared';

import {
  INACTIVE_UNIT_ID,
  officialRanking,
  whatIfIndicators,
  whatIfPlan,
  whatIfProgress,
  whatIfScoringInput,
} from '@/test-fixtures/what-if';

import {
  applyOverrides,
  formulaIndicators,
  fromInputValue,
  simulate,
  simulatedIndicatorIds,
  toInputValue,
} from './what-if';

const plan = whatIfPlan;
const scoring = whatIfScoringInput;
const indicators = whatIfIndicators;

const input = scoring.input;
const ranking = officialRanking(input);
const run = (unitId: number, overrides: Array<[number, string]>, official: RankingResponse = ranking) =>
  simulate({ scoring, ranking: official, unitId, overrides: new Map(overrides) });

describe('what-if simulation', () => {
  it('should score the engine input the server sends (GET /plans/:id/scoring-input) as it is', () => {
    expect(input.plan).toMatchObject({ month: 6, yellowBand: '10', displayDecimals: 2 });
    expect(input.units.map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(input.targets).toHaveLength(9);
    expect(input.actuals).toHaveLength(15);
    expect(ranking.rows.map((r) => [r.unitName, r.total, r.rank])).toEqual([
      ['甲镇', '40.83333333', 1],
      ['乙镇', '34.33333333', 2],
      ['丙镇', '24.16666667', 3],
    ]);
  });

  it('should reproduce the official totals exactly when nothing changes', () => {
    const result = run(3, []);
    expect(result.isBaselineExact).toBe(true);
    expect(result.group.map((u) => [u.unitName, u.simulatedTotal, u.simulatedRank])).toEqual([
      ['甲镇', '40.83333333', 1],
      ['乙镇', '34.33333333', 2],
      ['丙镇', '24.16666667', 3],
    ]);
  });

  it('should re-score a raised figure and move the rank, keeping the deduction the browser cannot count', () => {
    // 丙镇 signs 28亿 of its 20亿: 30 × min(140%, 120%) = 36 instead of 30 × 30% = 9.
    const result = run(4, [[1, '280000']]);
    // 甲镇 19.5 + 8.33 + 10 + 3 = 40.83; 乙镇 15 + 8.33 + 9 + (3 − 2 × 0.5) = 34.33; 丙镇 9 + 4.17 + 8 + 3 = 24.17.
    expect(result.unit).toMatchObject({ officialTotal: '24.16666667', officialRank: 3, simulatedRank: 1 });
    expect(result.unit.simulatedTotal).toBe('51.16666667');
    const items = Object.fromEntries(result.items.map((i) => [i.code, i]));
    expect(items.C_QYZE).toMatchObject({ official: '9', simulated: '36', isKept: false });
    expect(items.C_QYZE!.formula).toBe('30 × min(140.00%, 120%) = 36.00');
    expect(items.D_REPORT).toMatchObject({ official: '3', simulated: '3', isKept: true, formula: null });
    // 乙镇 keeps the two late reports the API counted: its official deduction stands.
    expect(result.group.find((u) => u.unitId === 3)!.simulatedTotal).toBe('34.33333333');
    expect(result.group.map((u) => u.unitName)).toEqual(['丙镇', '甲镇', '乙镇']);
  });

  it('should move the other units of the group on a rank item', () => {
    // 丙镇's funds jump to first place (90%): 甲镇 and 乙镇 each lose a place on 到位资金名次 (−1 point), 丙镇 gains two.
    const result = run(4, [[5, '90000']]);
    const total = (id: number) => result.group.find((u) => u.unitId === id)!.simulatedTotal;
    expect(total(2)).toBe('39.83333333');
    expect(total(3)).toBe('33.33333333');
    expect(total(4)).toBe('26.16666667');
  });

  it('should recompute a formula indicator from its edited parts', () => {
    // 丙镇 starts 3 of its 4 signed projects: 开工率 75% of 60% → 10 × min(125%, 100%) = 10 instead of 4.1667.
    const result = run(4, [[6, '3']]);
    const kgl = result.items.find((i) => i.code === 'C_KGL')!;
    expect(kgl.official).toBe('4.16666667');
    expect(kgl.simulated).toBe('10');
    const actuals = applyOverrides(input.actuals, 4, new Map([[6, '3']]), indicators);
    expect(actuals.find((a) => a.unitId === 4 && a.indicatorId === 11)!.value).toBe('0.75');
    expect(actuals.find((a) => a.unitId === 2 && a.indicatorId === 11)!.value).toBe('0.5');
    // A zero denominator gives 0, as in the API.
    const zero = applyOverrides(input.actuals, 4, new Map([[10, '0']]), indicators);
    expect(zero.find((a) => a.unitId === 4 && a.indicatorId === 11)!.value).toBe('0');
  });

  it('should say so when the live figures no longer reproduce the frozen points, and apply the difference', () => {
    const stale: RankingResponse = {
      ...ranking,
      rows: ranking.rows.map((r) =>
        r.unitId === 4
          ? { ...r, total: '27.16666667', items: r.items.map((i) => (i.code === 'C_QYZE' ? { ...i, points: '10' } : i)) }
          : r,
      ),
    };
    const result = run(4, [[1, '280000']], stale);
    expect(result.isBaselineExact).toBe(false);
    expect(result.unit.simulatedTotal).toBe('54.16666667');
  });

  it('should offer the indicators the simulated items read, formula parts included', () => {
    expect(simulatedIndicatorIds(plan.scoring.items, indicators)).toEqual([1, 5, 6, 10]);
    // the same from the route's answer: its indicators and their formulas
    expect(simulatedIndicatorIds(plan.scoring.items, formulaIndicators(scoring))).toEqual([1, 5, 6, 10]);
  });

  it('should score only the units the server sends: a unit it leaves out (停用) is never ranked here', () => {
    // 丁镇 was deactivated: /progress still lists it (with 30亿 signed of 20亿), the scoring input does not, so the
    // what-if never ranks it where the server does not (the input rebuilt from /progress did, first of the towns)
    expect(whatIfProgress.units.map((u) => u.id)).toContain(INACTIVE_UNIT_ID);
    const result = run(4, [[1, '280000']]);
    expect(result.group.map((u) => u.unitName)).toEqual(['丙镇', '甲镇', '乙镇']);
    expect(result.unit.simulatedRank).toBe(1);
    expect(formulaIndicators(scoring).find((i) => i.id === 11)!.formula).toEqual({
      kind: 'ratio',
      numerator: 'XKG',
      denominator: 'QYXM',
    });
  });

  it('should take 亿元 for money and percent for ratios, and refuse what is not a number ≥ 0', () => {
    const yi = { kind: 'amount', measure: '亿元' };
    expect(toInputValue('18468', yi)).toBe('1.8468');
    expect(fromInputValue('1.85', yi)).toBe('18500');
    expect(fromInputValue('1,200', yi)).toBe('12000000');
    expect(toInputValue('0.6', { kind: 'ratio', measure: '%' })).toBe('60');
    expect(fromInputValue('75', { kind: 'ratio', measure: '%' })).toBe('0.75');
    expect(fromInputValue('7', { kind: 'count', measure: '个' })).toBe('7');
    expect(fromInputValue('-1', yi)).toBeNull();
    expect(fromInputValue('abc', yi)).toBeNull();
    expect(fromInputValue('', yi)).toBeNull();
  });
});
