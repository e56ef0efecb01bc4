import { describe, expect, it } from 'vitest';

import type { RankingResponse } from '@pacer/shared';

import { demoRanking } from '@/test-fixtures/assessment';

import { columnBands, deductionBases, groupColumns, groupRows, headerWords } from './ranking-table';

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

describe('ranking table headers and deductions (issue 14 point 2)', () => {
  const t = (key: string) =>
    ({
      'ranking.bands.completion': '完成率得分（分）',
      'ranking.bands.bonus': '加分（分）',
      'ranking.bands.deduction': '扣分（分）',
      'ranking.bands.deductionPoints': '扣分项得分（分）',
      'ranking.bands.points': '指标得分（分）',
    })[key] ?? key;
  const withBase: RankingResponse = {
    ...ranking,
    columns: [
      { code: 'C_QYZE', name: '签约项目总投资完成率', method: 'completion' },
      { code: 'C_DWZJ', name: '实际到位资金完成率', method: 'completion' },
      { code: 'B_W500', name: '引进500强企业加分', method: 'bonus' },
      { code: 'D_REPORT', name: '月报迟报漏报扣分', method: 'deduction', base: '3' },
    ],
    rows: ranking.rows.map((r, i) => ({
      ...r,
      items: r.items.map((item) => (item.code === 'D_REPORT' ? { ...item, points: i === 0 ? '0' : '2.5' } : item)),
    })),
  };

  it('should show what a deduction took off, signed with a minus (−3.00), and 0.00 when nothing', () => {
    expect(groupRows(withBase, 'towns')[0]!.points.D_REPORT).toBe('−3.00');
    expect(groupRows(withBase, 'departments')[0]!.points.D_REPORT).toBe('−0.50');
    const full = { ...withBase, rows: ranking.rows };
    expect(groupRows(full, 'towns')[0]!.points.D_REPORT).toBe('0.00');
    // completion points stay as they are
    expect(groupRows(withBase, 'towns')[0]!.points.C_QYZE).toBe('24.86');
  });

  it('should head the items in bands that say (分), each column without what its band says', () => {
    const bands = columnBands(withBase.columns, t);
    expect(bands.map((b) => [b.label, b.columns.map((c) => c.words.join('|'))])).toEqual([
      ['完成率得分（分）', ['签约|项目|总投资', '实际|到位|资金']],
      ['加分（分）', ['引进|500强|企业']],
      ['扣分（分）', ['月报|迟报|漏报']],
    ]);
    // a snapshot frozen before the base was kept shows the points, headed as such
    expect(columnBands(ranking.columns, t).map((b) => b.label)).toEqual(['完成率得分（分）', '扣分项得分（分）']);
    expect(deductionBases(withBase.columns)).toEqual([{ name: '月报迟报漏报扣分', base: '3' }]);
  });

  it('should break a header only between words, and an unknown long name every two characters', () => {
    expect(headerWords('10亿元以上项目')).toEqual(['10亿元', '以上', '项目']);
    expect(headerWords('外出招商批次')).toEqual(['外出', '招商', '批次']);
    expect(headerWords('开工率')).toEqual(['开工率']);
    expect(headerWords('乡村振兴示范点')).toEqual(['乡村', '振兴', '示范', '点']);
  });
});
