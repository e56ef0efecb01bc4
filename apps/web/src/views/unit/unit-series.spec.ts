import { describe, expect, it } from 'vitest';

import type { ScorecardCell, ScorecardResponse } from '@pacer/shared';

import { buildRankTrendOption } from './charts/rank-trend.options';
import { rankHistory, unitSeries } from './unit-series';

function cell(actual: string, target: string | null, expected: string): ScorecardCell {
  return {
    indicatorId: 1,
    code: 'QYZE',
    name: '签约项目总投资',
    measure: '亿元',
    actual,
    target,
    completion: null,
    expected,
    gapPp: null,
    light: null,
    forecast: { runRate: null, seasonal: null, value: null, method: null, yearsUsed: 0, completion: null, isAtRisk: null },
    isAtRisk: null,
  };
}

function card(month: string, rank: number | null, c: ScorecardCell): ScorecardResponse {
  return {
    planId: 1,
    month,
    isFrozen: month < '2026-03',
    computedAt: null,
    unit: { id: 2, code: 'T01', name: '城关镇', category: 'town' },
    group: { code: 'towns', name: '乡镇（街道）组' },
    rank,
    list: null,
    movement: null,
    items: [],
    subtotal: '0',
    coefficient: null,
    total: '0',
    displayDecimals: 2,
    cells: [c],
  };
}

const cards = [
  card('2026-03', 1, cell('149140', '150000', '0.25')),
  card('2026-01', 5, cell('0', '150000', '0.0833333333')),
  card('2026-02', 2, cell('130000', '150000', '0.1666666667')),
];

describe('unit series', () => {
  it('should turn the monthly scorecards into a trend per indicator, oldest month first', () => {
    const [series] = unitSeries(cards);
    expect(series!.target).toBe('150000');
    expect(series!.points.map((p) => [p.month, p.actual, p.expectedActual, p.isFrozen])).toEqual([
      ['2026-01', '0', '12500', true],
      ['2026-02', '130000', '25000', true],
      ['2026-03', '149140', '37500', false],
    ]);
  });

  it('should give no expected line without a target, and nothing without scorecards', () => {
    const [series] = unitSeries([card('2026-01', null, cell('3', null, '0.08'))]);
    expect(series!.points[0]!.expectedActual).toBeNull();
    expect(unitSeries([])).toEqual([]);
  });

  it('should chart the rank with 1 on top, the axis down to the group size', () => {
    const points = rankHistory(cards);
    expect(points).toEqual([
      { month: '2026-01', rank: 5 },
      { month: '2026-02', rank: 2 },
      { month: '2026-03', rank: 1 },
    ]);
    const option = buildRankTrendOption({ points, groupSize: 10, animation: false });
    const yAxis = option.yAxis as { inverse: boolean; min: number; max: number };
    expect(yAxis).toMatchObject({ inverse: true, min: 1, max: 10 });
    expect((option.series as Array<{ data: number[] }>)[0]!.data).toEqual([5, 2, 1]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
    expect((buildRankTrendOption({ points }).yAxis as { max: number }).max).toBe(5);
  });
});
