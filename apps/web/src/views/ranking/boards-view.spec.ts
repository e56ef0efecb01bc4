import { describe, expect, it } from 'vitest';

import type { RankingResponse } from '@pacer/shared';

import { demoRanking } from '@/test-fixtures/assessment';

import { boardsOfGroup } from './boards-view';

const entry = (
  unitId: number,
  unitName: string,
  group: string,
  rank: number,
  score: string,
  isTied = false,
) => ({
  unitId,
  unitName,
  group,
  rank,
  isTied,
  score,
  list: null,
});

const ranking: RankingResponse = {
  ...demoRanking,
  displayDecimals: 2,
  boards: [
    {
      code: 'local',
      name: '乡镇街道赛马榜',
      pools: [
        {
          code: 'local',
          name: '乡镇（街道）',
          groups: ['towns', 'streets'],
          entries: [],
          red: {
            rule: '综合得分前2名且实际到位资金达到序时进度的单位',
            size: 2,
            entries: [
              entry(2, '城关镇', 'towns', 1, '84.775'),
              entry(9, '东城街道', 'streets', 1, '84.775', true),
            ],
          },
          black: { rule: '综合得分后1名的单位', size: 1, entries: [] },
        },
      ],
    },
  ],
  awards: [
    {
      code: 'banner',
      name: '流动红旗',
      pools: [
        {
          code: 'towns',
          name: '乡镇',
          groups: ['towns'],
          rule: '实际到位资金达到序时进度的单位中综合得分最高的单位',
          count: 1,
          qualified: [],
          winners: [],
        },
      ],
    },
  ],
};

describe('boardsOfGroup', () => {
  it('should show the pool holding the group with each list’s rule, 并列 and the scores rounded', () => {
    const { boards, awards } = boardsOfGroup(ranking, 'towns');
    expect(boards).toEqual([
      {
        key: 'local:local',
        title: '乡镇街道赛马榜 · 乡镇（街道）',
        lists: [
          {
            side: 'red',
            rule: '综合得分前2名且实际到位资金达到序时进度的单位',
            entries: [
              { unitId: 2, unitName: '城关镇', rank: 1, isTied: false, scoreText: '84.78' },
              { unitId: 9, unitName: '东城街道', rank: 1, isTied: true, scoreText: '84.78' },
            ],
          },
          { side: 'black', rule: '综合得分后1名的单位', entries: [] },
        ],
      },
    ]);
    expect(awards).toEqual([
      {
        key: 'banner:towns',
        title: '流动红旗',
        rule: '实际到位资金达到序时进度的单位中综合得分最高的单位',
        qualified: 0,
        winners: [],
      },
    ]);
  });

  it('should show nothing for a group no board or award covers, nor for a plan without any', () => {
    expect(boardsOfGroup(ranking, 'departments')).toEqual({ boards: [], awards: [] });
    expect(boardsOfGroup(demoRanking, 'towns')).toEqual({ boards: [], awards: [] });
  });
});
