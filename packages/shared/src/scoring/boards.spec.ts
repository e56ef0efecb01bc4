import fc from 'fast-check';

import { Dec } from '../money/decimal.js';
import { isOnPace, type BoardContext } from './boards.js';
import { boardsInput, withRules } from './fixtures/boards-plan.js';
import { scorePlan } from './index.js';
import type { BoardRule, ScorePlanInput, ScorePlanResult } from './types.js';

const pool = (result: ScorePlanResult, board: string, code: string) =>
  result.boards!.find((b) => b.code === board)!.pools.find((p) => p.code === code)!;

const progressBoard: BoardRule = {
  code: 'progress',
  name: '指标进度',
  lists: {
    red: { size: 3, allOf: [{ type: 'onPace', indicators: ['funds'] }] },
    black: { size: 2, allOf: [{ type: 'behindPace', indicators: ['funds'] }] },
  },
};

describe('scorePlan boards (issue 16 rule 8)', () => {
  it('should keep today’s lists and give no boards or awards when the plan sets none', () => {
    const result = scorePlan(boardsInput);
    const towns = result.groups[0]!;
    expect(towns.entries.map((e) => [e.unitName, e.rank, e.total, e.list])).toEqual([
      ['城关镇', 1, '82', 'red'],
      ['东湖镇', 2, '78', 'red'],
      ['西山乡', 3, '70', null],
      ['石桥镇', 4, '66', null],
      ['白沙镇', 5, '40', 'black'],
      ['青林乡', 6, '30', 'black'],
    ]);
    expect(towns.entries.every((e) => e.isTied === false)).toBe(true);
    expect(result.boards).toEqual([]);
    expect(result.awards).toEqual([]);
  });

  it('should keep on a top-N list only the units that meet its condition, so it may hold fewer or none', () => {
    const result = scorePlan(withRules({ boards: [progressBoard] }));
    const towns = pool(result, 'progress', 'towns');
    // 前3名 are 城关镇, 东湖镇, 西山乡; 西山乡 has 40% of 实际到位资金 against 50%
    expect(towns.red).toEqual({
      rule: '综合得分前3名且实际到位资金达到序时进度的单位',
      size: 3,
      unitIds: [1, 2],
    });
    expect(towns.black).toEqual({
      rule: '综合得分后2名且实际到位资金低于序时进度的单位',
      size: 2,
      unitIds: [6, 5],
    });
    // 街道: one place each (half of two); 南港街道 is last but on pace (60%): the black list is empty
    const streets = pool(result, 'progress', 'streets');
    expect(streets.red!.unitIds).toEqual([12]); // 北关街道 exactly on 50%: the edge is included
    expect(streets.black!.unitIds).toEqual([]);
    // 县直部门: the first (商务局, 20%) is behind pace: no red list
    const departments = pool(result, 'progress', 'departments');
    expect(departments.red!.unitIds).toEqual([]);
    expect(departments.black!.unitIds).toEqual([21]);
    expect(towns.entries.map((e) => [e.unitId, e.list])).toEqual([
      [1, 'red'],
      [2, 'red'],
      [3, null],
      [4, null],
      [5, 'black'],
      [6, 'black'],
    ]);
  });

  it('should size each list per ranking group and per list', () => {
    const board: BoardRule = {
      code: 'progress',
      name: '指标进度',
      lists: { red: { size: 1, sizes: { towns: 3 } }, black: { size: 1, sizes: { towns: 2 } } },
    };
    const result = scorePlan(withRules({ boards: [board] }));
    expect(pool(result, 'progress', 'towns').red!.unitIds).toEqual([1, 2, 3]);
    expect(pool(result, 'progress', 'towns').black!.unitIds).toEqual([6, 5]);
    expect(pool(result, 'progress', 'streets').red).toEqual({
      rule: '综合得分前1名的单位',
      size: 1,
      unitIds: [12],
    });
  });

  it('should put a unit on a list when any one of its conditions holds: first on any indicator, or on k of m', () => {
    const board: BoardRule = {
      code: 'champions',
      name: '单项冠军',
      groups: ['towns'],
      lists: {
        red: {
          anyOf: [
            { type: 'firstOn', indicators: ['funds'] },
            { type: 'firstOn', indicators: ['signed'] },
          ],
        },
      },
    };
    const twoOfThree: BoardRule = {
      code: 'allround',
      name: '综合冠军',
      groups: ['towns'],
      lists: { red: { allOf: [{ type: 'firstOn', indicators: ['funds', 'signed', 'started'], min: 2 }] } },
    };
    const result = scorePlan(withRules({ boards: [board, twoOfThree] }));
    // 城关镇 first on 实际到位资金 (80%), 西山乡 on 签约项目 (90%)
    expect(pool(result, 'champions', 'towns').red).toEqual({
      rule: '实际到位资金完成率居第一或签约项目完成率居第一的单位',
      size: null,
      unitIds: [1, 3],
    });
    expect(pool(result, 'champions', 'towns').black).toBeNull();
    expect(result.boards![0]!.pools.map((p) => p.code)).toEqual(['towns']);
    // 城关镇 is first on 实际到位资金 and 新开工项目 (90%): two of three
    expect(pool(result, 'allround', 'towns').red).toEqual({
      rule: '实际到位资金、签约项目、新开工项目中至少2项完成率居第一的单位',
      size: null,
      unitIds: [1],
    });
  });

  it('should give each board its own rule: 基础工作 ranks on its item alone', () => {
    const basics: BoardRule = {
      code: 'basics',
      name: '基础工作',
      items: ['basics'],
      lists: { black: { size: 1 } },
    };
    const result = scorePlan(withRules({ boards: [progressBoard, basics] }));
    const towns = pool(result, 'basics', 'towns');
    expect(towns.entries.map((e) => [e.unitId, e.score])).toEqual([
      [1, '10'],
      [2, '10'],
      [3, '10'],
      [5, '10'],
      [6, '10'],
      [4, '8'],
    ]);
    expect(towns.black).toEqual({ rule: '基础工作得分后1名的单位', size: 1, unitIds: [4] });
    expect(towns.red).toBeNull();
    expect(pool(result, 'progress', 'towns').red!.unitIds).toEqual([1, 2]);
  });

  it('should rank two groups together on one board while the groups and other boards keep them apart', () => {
    const together: BoardRule = {
      code: 'townsAndStreets',
      name: '乡镇街道赛马榜',
      pools: [{ code: 'local', name: '乡镇（街道）', groups: ['towns', 'streets'] }],
      lists: { red: { size: 3 } },
    };
    const result = scorePlan(withRules({ boards: [together, progressBoard] }));
    const local = pool(result, 'townsAndStreets', 'local');
    expect(local.entries.map((e) => [e.unitName, e.rank, e.isTied])).toEqual([
      ['城关镇', 1, false],
      ['北关街道', 2, false],
      ['东湖镇', 3, false],
      ['西山乡', 4, false],
      ['石桥镇', 5, true],
      ['南港街道', 5, true],
      ['白沙镇', 7, false],
      ['青林乡', 8, false],
    ]);
    expect(local.red!.unitIds).toEqual([1, 12, 2]);
    expect(result.boards![0]!.pools.map((p) => p.code)).toEqual(['local', 'departments']);
    expect(result.boards![1]!.pools.map((p) => p.code)).toEqual(['towns', 'streets', 'departments']);
    expect(result.groups.map((g) => g.entries.length)).toEqual([6, 2, 2]);
  });
});

describe('scorePlan tie-breaks and rank modes (issue 16 rule 7)', () => {
  const together: BoardRule = {
    code: 'local',
    name: '乡镇街道赛马榜',
    pools: [{ code: 'local', name: '乡镇（街道）', groups: ['towns', 'streets'] }],
    groups: ['towns', 'streets'],
    lists: { red: { size: 3 } },
  };

  it('should separate a tie by the plan’s chain, and rank dense when the plan says so', () => {
    const chained = scorePlan(
      withRules({ boards: [together], tieBreaks: [{ by: 'completion', indicator: 'funds' }] }),
    );
    expect(
      pool(chained, 'local', 'local')
        .entries.slice(4, 6)
        .map((e) => [e.unitName, e.rank, e.isTied]),
    ).toEqual([
      ['石桥镇', 5, false],
      ['南港街道', 6, false],
    ]);
    const dense = scorePlan(withRules({ boards: [together], rankMode: 'dense' }));
    expect(pool(dense, 'local', 'local').entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 5, 6, 7]);
  });

  it('should apply the chain to the groups’ ranks and lists: equal totals part by points on an item', () => {
    // 北关街道 with 6.5 签约项目: 30 + 26 + 10 = 66, as 南港街道 (36 + 20 + 10)
    const actuals = boardsInput.actuals.map((a) =>
      a.unitId === 12 && a.indicatorId === 2 ? { ...a, value: '6.5' } : a,
    );
    const tied = scorePlan({ ...boardsInput, actuals }).groups[1]!.entries;
    expect(tied.map((e) => [e.unitName, e.rank, e.isTied, e.list])).toEqual([
      ['南港街道', 1, true, 'red'],
      ['北关街道', 1, true, 'red'],
    ]);
    const chain = withRules({ tieBreaks: [{ by: 'item', item: 'signed' }, { by: 'unitOrder' }] });
    const broken = scorePlan({ ...chain, actuals }).groups[1]!.entries;
    expect(broken.map((e) => [e.unitName, e.rank, e.isTied, e.list])).toEqual([
      ['北关街道', 1, false, 'red'],
      ['南港街道', 2, false, 'black'],
    ]);
  });

  it('should mark 并列 on the groups’ entries where a tie stands', () => {
    // 石桥镇 with 5 签约项目: 42 + 20 + 8 = 70, as 西山乡
    const actuals = boardsInput.actuals.map((a) =>
      a.unitId === 4 && a.indicatorId === 2 ? { ...a, value: '5' } : a,
    );
    const towns = scorePlan({ ...boardsInput, actuals }).groups[0]!.entries;
    expect(towns.map((e) => [e.unitName, e.rank, e.isTied])).toEqual([
      ['城关镇', 1, false],
      ['东湖镇', 2, false],
      ['西山乡', 3, true],
      ['石桥镇', 3, true],
      ['白沙镇', 5, false],
      ['青林乡', 6, false],
    ]);
  });
});

describe('isOnPace', () => {
  it('should hold a figure exactly on 序时进度 when m/12 has no finite decimal (1 of 3 in April)', () => {
    const ctx = {
      figures: () => ({ actual: '1', target: '3' }),
      expected: new Dec(4).div(12),
    } as unknown as BoardContext;
    expect(isOnPace(ctx, 1, 'signed')).toBe(true);
    const below = { ...ctx, figures: () => ({ actual: '0.99999999', target: '3' }) } as BoardContext;
    expect(isOnPace(below, 1, 'signed')).toBe(false);
    const none = { ...ctx, figures: () => ({ actual: '1', target: null }) } as BoardContext;
    expect(isOnPace(none, 1, 'signed')).toBeNull();
  });
});

describe('scorePlan boards and awards properties', () => {
  const townIds = [1, 2, 3, 4, 5, 6, 11, 12];
  const figures = fc.array(fc.tuple(fc.nat(12_000), fc.nat(12), fc.nat(12)), {
    minLength: townIds.length,
    maxLength: townIds.length,
  });
  const withActuals = (rules: Parameters<typeof withRules>[0], rows: Array<[number, number, number]>) => {
    const input = withRules(rules);
    return {
      ...input,
      actuals: input.actuals.map((a) => {
        const i = townIds.indexOf(a.unitId);
        return i < 0 ? a : { ...a, value: String(rows[i]![a.indicatorId - 1]) };
      }),
    };
  };
  const onPace = (input: ScorePlanInput, unitId: number, indicatorId: number) => {
    const t = input.targets.find((x) => x.unitId === unitId && x.indicatorId === indicatorId);
    const a = input.actuals.find((x) => x.unitId === unitId && x.indicatorId === indicatorId)!;
    return t ? new Dec(a.value).gte(new Dec(t.value).div(2)) : null;
  };

  it('should never list a unit that fails its condition, nor one unit on both lists', () => {
    const firstOrLast: BoardRule = {
      code: 'edges',
      name: '单项',
      lists: {
        red: { anyOf: [{ type: 'firstOn', indicators: ['funds', 'signed'] }] },
        black: { anyOf: [{ type: 'lastOn', indicators: ['funds', 'signed'] }] },
      },
    };
    fc.assert(
      fc.property(figures, fc.integer({ min: 1, max: 5 }), (rows, n) => {
        const board: BoardRule = {
          ...progressBoard,
          lists: {
            red: { size: n, allOf: [{ type: 'onPace', indicators: ['funds', 'signed'] }] },
            black: { size: n, anyOf: [{ type: 'behindPace', indicators: ['funds', 'signed'] }] },
          },
        };
        const input = withActuals({ boards: [board, firstOrLast] }, rows as Array<[number, number, number]>);
        const result = scorePlan(input);
        for (const p of result.boards![0]!.pools) {
          const rank = new Map(p.entries.map((e) => [e.unitId, e]));
          for (const id of p.red!.unitIds) {
            expect(onPace(input, id, 1) && onPace(input, id, 2)).toBe(true);
            expect(rank.get(id)!.rank).toBeLessThanOrEqual(n);
          }
          for (const id of p.black!.unitIds) {
            expect(onPace(input, id, 1) === false || onPace(input, id, 2) === false).toBe(true);
          }
          expect(p.red!.unitIds.filter((id) => p.black!.unitIds.includes(id))).toEqual([]);
        }
        for (const p of result.boards![1]!.pools) {
          expect(p.red!.unitIds.filter((id) => p.black!.unitIds.includes(id))).toEqual([]);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('should award only qualified units, and none when no unit passes the gates', () => {
    fc.assert(
      fc.property(figures, fc.integer({ min: 1, max: 3 }), (rows, count) => {
        const input = withActuals(
          { awards: [{ code: 'banner', name: '流动红旗', gates: ['funds', 'signed'], count }] },
          rows as Array<[number, number, number]>,
        );
        for (const p of scorePlan(input).awards![0]!.pools) {
          for (const id of p.qualified) expect(onPace(input, id, 1) && onPace(input, id, 2)).toBe(true);
          expect(p.winners.every((id) => p.qualified.includes(id))).toBe(true);
          if (p.qualified.length === 0) expect(p.winners).toEqual([]);
          else expect(p.winners.length).toBeGreaterThanOrEqual(Math.min(count, p.qualified.length));
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('boards and awards measure 序时进度 per indicator (its lag or curve, §7.4)', () => {
  // June: the plan's 序时进度 is 50%; 实际到位资金 with data two months late is measured against 1–4月 = 33.33%
  const lagged = { indicators: { funds: { timeProgress: { lagMonths: 2 } } } };

  it('should put on the red list a unit on its indicator’s own pace though behind the plan’s m/12', () => {
    const plain = pool(scorePlan(withRules({ boards: [progressBoard] })), 'progress', 'towns');
    expect(plain.red!.unitIds).toEqual([1, 2]); // 西山乡 40% < 50%
    const result = scorePlan(withRules({ ...lagged, boards: [progressBoard] }));
    const towns = pool(result, 'progress', 'towns');
    expect(towns.red!.unitIds).toEqual([1, 2, 3]); // 西山乡 40% ≥ 33.33%
    // still behind its own pace: 白沙镇 30%, 青林乡 20%
    expect(towns.black!.unitIds.sort()).toEqual([5, 6]);
  });

  it('should gate an award on each indicator’s own pace', () => {
    const award = { code: 'banner', name: '流动红旗', gates: ['funds'], count: 3 };
    const qualified = (rules: Parameters<typeof withRules>[0]) =>
      scorePlan(withRules({ ...rules, awards: [award] }))
        .awards![0]!.pools.find((p) => p.code === 'towns')!
        .qualified.slice()
        .sort();
    expect(qualified({})).toEqual([1, 2, 4]); // 80%, 60%, 70% ≥ 50%
    expect(qualified(lagged)).toEqual([1, 2, 3, 4]); // and 西山乡 40% ≥ 33.33%
  });

  it('should keep a unit exactly on its own pace on pace (compared as a fraction: 1 of 3 against 1–4月)', () => {
    // 东湖镇 with 3333.33… cannot be typed; a target of 3 and 1 in place is exactly 4/12 of it
    const input = withRules({ ...lagged, boards: [progressBoard] });
    const exact: ScorePlanInput = {
      ...input,
      targets: input.targets.map((t) =>
        t.unitId === 3 && t.indicatorId === 1 ? { ...t, value: '12000' } : t,
      ),
      actuals: input.actuals.map((a) =>
        a.unitId === 3 && a.indicatorId === 1 ? { ...a, value: '4000' } : a,
      ),
    };
    expect(pool(scorePlan(exact), 'progress', 'towns').red!.unitIds).toContain(3);
  });
});
