import { scorePlan, type RankingResponse, type ScorePlanInput } from '@pacer/shared';

import { boardsView, type ScoredMonth } from '../rankings/rankings.types';
import { boardBlocks } from './briefing-boards';

// 乡镇 of a June: 实际到位资金 by completion (weight 100); time progress 50%
const towns: Array<[number, string, number]> = [
  [1, '城关镇', 8000],
  [2, '东湖镇', 4500],
  [3, '西山乡', 4000],
  [4, '石桥镇', 7000],
  [5, '白沙镇', 3000],
  [6, '青林乡', 2000],
];

function rankingOf(scoring: ScorePlanInput['plan']['scoring'], month = 6): RankingResponse {
  const result = scorePlan({
    plan: {
      scoring,
      rankingGroups: [{ code: 'towns', name: '乡镇', categories: ['town'] }],
      month,
      curve: null,
    },
    units: towns.map(([id, name]) => ({ id, name, category: 'town', sortOrder: id })),
    indicators: [{ id: 1, code: 'funds', name: '实际到位资金' }],
    targets: towns.map(([id]) => ({ unitId: id, indicatorId: 1, value: '10000' })),
    actuals: towns.map(([id, , funds]) => ({ unitId: id, indicatorId: 1, value: String(funds) })),
  });
  const scored = {
    boards: result.boards,
    awards: result.awards,
    units: result.units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      rank: u.rank,
      total: u.total,
    })),
  } as unknown as ScoredMonth;
  return { ...boardsView(scored, undefined) } as RankingResponse;
}

const items = [
  { code: 'funds', name: '实际到位资金', method: 'completion' as const, indicator: 'funds', weight: '100' },
];

describe('boardBlocks', () => {
  it('should state each list with its rule in words and how many units meet it', () => {
    const ranking = rankingOf({
      items,
      boards: [
        {
          code: 'progress',
          name: '指标进度榜',
          lists: {
            red: { size: 3, allOf: [{ type: 'onPace', indicators: ['funds'] }] },
            black: { size: 2, allOf: [{ type: 'onPace', indicators: ['funds'] }] },
          },
        },
      ],
    });
    expect(boardBlocks(ranking, 2)).toEqual([
      {
        heading: '（一）指标进度榜',
        paragraphs: [
          '乡镇：红榜：综合得分前3名且实际到位资金达到序时进度的单位（本月2个单位符合）：城关镇（80.00分）、石桥镇（70.00分）。' +
            '黑榜：综合得分后2名且实际到位资金达到序时进度的单位（本月无单位符合）。',
        ],
      },
    ]);
  });

  it('should name the award winners among the qualified, and say when none qualified', () => {
    const ranking = rankingOf({
      items,
      awards: [
        { code: 'banner', name: '流动红旗', gates: ['funds'] },
        {
          code: 'star',
          name: '招商之星',
          gates: ['funds'],
          items: ['funds'],
          scoreName: '到位资金得分',
          count: 2,
        },
      ],
    });
    expect(boardBlocks(ranking, 2).map((b) => b.heading)).toEqual(['（一）流动红旗', '（二）招商之星']);
    expect(boardBlocks(ranking, 2)[0]!.paragraphs).toEqual([
      '乡镇：流动红旗评选实际到位资金达到序时进度的单位中综合得分最高的单位。本月达标单位2个（城关镇、石桥镇），获评单位：城关镇（80.00分）。',
    ]);
    // in December (100% expected) no town is on pace
    const none = rankingOf({ items, awards: [{ code: 'banner', name: '流动红旗', gates: ['funds'] }] }, 12);
    expect(boardBlocks(none, 2)[0]!.paragraphs).toEqual([
      '乡镇：流动红旗评选实际到位资金达到序时进度的单位中综合得分最高的单位。本月无单位达标，流动红旗空缺。',
    ]);
  });

  it('should say when a pool is too small for the places of a list (at most half of it, issue 14 point 1)', () => {
    const ranking = rankingOf({
      items,
      boards: [{ code: 'speed', name: '赛马榜', lists: { red: { size: 4 }, black: { size: 4 } } }],
    });
    const [paragraph] = boardBlocks(ranking, 2)[0]!.paragraphs;
    expect(paragraph).toBe(
      '乡镇：红榜：综合得分前4名的单位（本月3个单位符合，本组6个单位参加排名，按规则列3名）：' +
        '城关镇（80.00分）、石桥镇（70.00分）、东湖镇（45.00分）。' +
        '黑榜：综合得分后4名的单位（本月3个单位符合，本组6个单位参加排名，按规则列3名）：' +
        '青林乡（20.00分）、白沙镇（30.00分）、西山乡（40.00分）。',
    );
  });

  it('should write nothing for a plan without boards or awards', () => {
    expect(boardBlocks(rankingOf({ items, listSize: 2 }), 2)).toEqual([]);
  });
});
