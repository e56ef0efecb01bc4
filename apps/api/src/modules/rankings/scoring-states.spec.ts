import { type ScorePlanInput, type ScorePlanResult, scorePlan } from '@pacer/shared';

import { ScoringStates } from './scoring-states';

/** 12 towns and 3 departments of a county; 到位资金 by completion, 签约 by rank within the group. */
function county(fundsOf: (unitId: number) => string): ScorePlanInput {
  const towns = [
    '城关镇',
    '东湖镇',
    '西山乡',
    '石桥镇',
    '白沙镇',
    '青林乡',
    '南港街道',
    '北关街道',
    '龙泉镇',
    '桃源乡',
    '新河镇',
    '柳林镇',
  ];
  const units = [
    ...towns.map((name, i) => ({ id: i + 1, name, category: 'town', sortOrder: i + 1 })),
    ...['发改局', '商务局', '工信局'].map((name, i) => ({
      id: 21 + i,
      name,
      category: 'department',
      sortOrder: 21 + i,
    })),
  ];
  return {
    plan: {
      scoring: {
        items: [
          {
            code: 'funds',
            name: '实际到位资金',
            method: 'completion',
            indicator: 'funds',
            weight: '60',
            cap: '1.2',
          },
          {
            code: 'signedRank',
            name: '签约项目名次',
            method: 'rank',
            indicator: 'signed',
            weight: '10',
            step: '0.5',
          },
        ],
        listSize: 2,
      },
      rankingGroups: [
        { code: 'towns', name: '乡镇（街道）', categories: ['town'] },
        { code: 'departments', name: '县直部门', categories: ['department'] },
      ],
      month: 6,
      curve: null,
    },
    units,
    indicators: [
      { id: 1, code: 'funds', name: '实际到位资金' },
      { id: 2, code: 'signed', name: '签约项目个数' },
    ],
    targets: units.flatMap((u) => [
      { unitId: u.id, indicatorId: 1, value: '20000' },
      { unitId: u.id, indicatorId: 2, value: '10' },
    ]),
    actuals: units.flatMap((u) => [
      { unitId: u.id, indicatorId: 1, value: fundsOf(u.id) },
      { unitId: u.id, indicatorId: 2, value: String(u.id % 7) },
    ]),
  };
}

describe(ScoringStates.name, () => {
  // as for a province: a partial scoring only for a fifth of the units at most
  const setup = () => {
    const sut = new ScoringStates({ minPartialUnits: 0 });
    const full = jest.fn((input: ScorePlanInput): Promise<ScorePlanResult> =>
      Promise.resolve(scorePlan(input)),
    );
    return { sut, full };
  };

  it('should score a month whole first, then rescore only the unit whose figures an approval moved', async () => {
    const { sut, full } = setup();
    const june = county((id) => String(id * 1000));
    const first = await sut.score('7:2026-06', june, full);
    expect(first.path).toEqual({ kind: 'full' });
    expect(full).toHaveBeenCalledTimes(1);

    // 东湖镇's June report approved: 到位资金 2000 → 15000 万元
    const approved = county((id) => String(id === 2 ? 15000 : id * 1000));
    const second = await sut.score('7:2026-06', approved, full);
    expect(second.path).toEqual({ kind: 'partial', changedUnitIds: [2] });
    expect(full).toHaveBeenCalledTimes(1);
    expect(second.result).toEqual(scorePlan(approved));
  });

  it('should score whole again when many units changed, the plan changed or the month is another', async () => {
    const { sut, full } = setup();
    await sut.score(
      '7:2026-06',
      county((id) => String(id * 1000)),
      full,
    );
    // a month's first reports: every town moved
    const many = county((id) => String(id * 1500));
    expect((await sut.score('7:2026-06', many, full)).path).toEqual({ kind: 'full' });
    const otherMonth = { ...many, plan: { ...many.plan, month: 7 } };
    const july = await sut.score('7:2026-06', otherMonth, full);
    expect(july.path).toEqual({ kind: 'full' });
    expect(july.result).toEqual(scorePlan(otherMonth));
    expect((await sut.score('7:2026-08', otherMonth, full)).path).toEqual({ kind: 'full' });
    expect(full).toHaveBeenCalledTimes(4);
  });

  it('should answer the kept result itself when nothing changed', async () => {
    const { sut, full } = setup();
    const june = county((id) => String(id * 1000));
    const first = await sut.score('7:2026-06', june, full);
    const again = await sut.score(
      '7:2026-06',
      county((id) => String(id * 1000)),
      full,
    );
    expect(again.path).toEqual({ kind: 'partial', changedUnitIds: [] });
    expect(again.result).toBe(first.result);
  });
});
