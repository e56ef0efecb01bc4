import { describe, expect, it } from 'vitest';

import type { RankingResponse } from '@pacer/shared';

import { demoRanking } from '@/test-fixtures/assessment';

import { groupColumns, groupRows } from './ranking-table';

const ranking: RankingResponse = {
  ...demoRanking,
  rows: [
    {
      unitId: 2,
      unitCode: 'T01',
      unitName: '城关镇',
      group: 'towns',
      total: '45.85666667',
      rank: 1,
      list: 'red',
      movement: { kind: 'same', places: 0 },
      previousRank: 1,
      items: [
        { code: 'C_QYZE', name: '签约项目总投资完成率', points: '24.85666667', isScored: true },
        { code: 'C_DWZJ', name: '实际到位资金完成率', points: '18', isScored: true },
        { code: 'D_REPORT', name: '月报迟报漏报扣分', points: '3', isScored: true },
      ],
    },
    {
      unitId: 12,
      unitCode: 'D01',
      unitName: '县发展和改革局',
      group: 'departments',
      total: '10',
      rank: 1,
      list: null,
      movement: { kind: 'new', places: 0 },
      previousRank: null,
      items: [
        { code: 'C_QYZE', name: '签约项目总投资完成率', points: '0', isScored: false },
        { code: 'D_REPORT', name: '月报迟报漏报扣分', points: '3', isScored: true },
      ],
    },
  ],
};

describe('ranking table', () => {
  it('should give each item its column, rounded to the plan decimals, and — when not scored', () => {
    const [row] = groupRows(ranking, 'towns');
    expect(row!.totalText).toBe('45.86');
    expect(row!.points).toEqual({ C_QYZE: '24.86', C_DWZJ: '18.00', D_REPORT: '3.00' });
    expect(groupRows(ranking, 'departments')[0]!.points.C_QYZE).toBe('—');
  });

  it('should show a group only the items that apply to its units', () => {
    expect(groupColumns(ranking, 'towns').map((c) => c.code)).toEqual(['C_QYZE', 'C_DWZJ', 'D_REPORT']);
    expect(groupColumns(ranking, 'departments').map((c) => c.code)).toEqual(['C_QYZE', 'D_REPORT']);
  });
});
