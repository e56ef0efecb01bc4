import {
  type RankingGroup,
  type ScorePlanInput,
  scorePlan,
  ScoringConfigError,
  type ScoringIndicator,
  type ScoringPlanConfig,
  type ScoringUnit,
  type UnitValue,
} from '@pacer/shared';

import { ScoringRunner } from './scoring-runner';

const indicators: ScoringIndicator[] = [
  { id: 1, code: 'signedAmount', name: '签约项目总投资' },
  { id: 2, code: 'funds', name: '实际到位资金' },
  { id: 3, code: 'started', name: '新开工项目个数' },
  { id: 4, code: 'registered', name: '新入库项目个数' },
  { id: 5, code: 'big10', name: '10亿元以上项目个数' },
];
const rankingGroups: RankingGroup[] = [
  { code: 'towns', name: '乡镇（街道）', categories: ['town'] },
  { code: 'departments', name: '市直部门', categories: ['department'] },
];
const scoring: ScoringPlanConfig = {
  items: [
    {
      code: 'signed',
      name: '签约项目',
      method: 'completion',
      indicator: 'signedAmount',
      weight: '30',
      cap: '1.2',
    },
    { code: 'funds', name: '实际到位资金', method: 'completion', indicator: 'funds', weight: '25' },
    {
      code: 'startup',
      name: '项目开工入库',
      method: 'composite',
      weight: '15',
      cap: '1',
      parts: [
        { indicator: 'started', share: '0.6' },
        { indicator: 'registered', share: '0.4' },
      ],
    },
    {
      code: 'fundsRank',
      name: '到位资金完成率名次',
      method: 'rank',
      groups: ['towns', 'departments'],
      indicator: 'funds',
      weight: '10',
      step: '0.1',
      floor: '4',
    },
    {
      code: 'fortune500',
      name: '引进500强企业',
      method: 'bonus',
      rules: [{ counter: 'fortune500', points: '10', label: '500强项目' }],
      cap: '20',
    },
    {
      code: 'reporting',
      name: '信息报送',
      method: 'deduction',
      base: '3',
      rules: [
        { counter: 'reportMissing', points: '1', label: '缺报月报' },
        { counter: 'reportLate', points: '0.5', label: '迟报月报' },
      ],
    },
  ],
  coefficient: '1',
  listSize: 10,
};

/**
 * A city of 1,200 towns and departments at `month`: its lists are long enough to travel to the worker and back in
 * several parts (targets 6,000 rows, cells ~1.8 MB of JSON, scorecards ~2.5 MB).
 */
function cityInput(month: number): ScorePlanInput {
  const units: ScoringUnit[] = Array.from({ length: 1200 }, (_, i) => ({
    id: i + 1,
    name: i % 4 === 3 ? `第${i + 1}局` : `第${i + 1}镇`,
    category: i % 4 === 3 ? 'department' : 'town',
    sortOrder: i + 1,
  }));
  const values = (pick: (unitId: number, indicatorId: number) => string): UnitValue[] =>
    units.flatMap((u) =>
      indicators.map((ind) => ({ unitId: u.id, indicatorId: ind.id, value: pick(u.id, ind.id) })),
    );
  return {
    plan: { scoring, rankingGroups, month, curve: null, yellowBand: '10' },
    units,
    indicators,
    targets: values((unitId, indicatorId) =>
      String(indicatorId <= 2 ? 50000 + (unitId % 7) * 10000 : 4 + (unitId % 5)),
    ),
    actuals: values((unitId, indicatorId) =>
      indicatorId <= 2
        ? `${10000 + ((unitId * 7919 + indicatorId * 104729) % 60000)}.5`
        : String((unitId * 31) % 9),
    ),
    counters: units.flatMap((u) => [
      ...(u.id % 9 === 0 ? [{ unitId: u.id, counter: 'fortune500', count: 1 + (u.id % 2) }] : []),
      ...(u.id % 13 === 0 ? [{ unitId: u.id, counter: 'reportLate', count: 1 }] : []),
      ...(u.id % 29 === 0 ? [{ unitId: u.id, counter: 'reportMissing', count: 2 }] : []),
    ]),
    manual: [{ unitId: 17, itemCode: 'reporting', counter: 'reportLate', count: 1, reason: '补报材料逾期' }],
  };
}

describe(ScoringRunner.name, () => {
  const runner = new ScoringRunner();
  const june = cityInput(6);
  const juneInProcess = scorePlan(june);

  afterEach(() => runner.stop());

  it('should give exactly what scorePlan gives in process', async () => {
    const result = await runner.score(june);
    expect(result.cells).toHaveLength(6000);
    expect(result.units).toHaveLength(1200);
    expect(result).toStrictEqual(juneInProcess);
  });

  it('should answer two calls at once, each with its own month', async () => {
    const may = cityInput(5);
    const [mayResult, juneResult] = await Promise.all([runner.score(may), runner.score(june)]);
    expect(mayResult).toStrictEqual(scorePlan(may));
    expect(juneResult).toStrictEqual(juneInProcess);
    expect(mayResult.expected).not.toBe(juneResult.expected);
  });

  it('should reject an invalid scoring configuration with a ScoringConfigError and its issues', async () => {
    const bad: ScorePlanInput = {
      ...june,
      plan: {
        ...june.plan,
        scoring: { ...scoring, items: [{ ...scoring.items[0]!, indicator: 'landArea', weight: '-5' }] },
      },
    };
    const inProcess = catching(() => scorePlan(bad));
    const error = await runner.score(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoringConfigError);
    expect((error as ScoringConfigError).issues).toEqual((inProcess as ScoringConfigError).issues);
    expect((error as ScoringConfigError).issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['items.0.indicator', 'items.0.weight']),
    );
    expect((error as Error).message).toBe((inProcess as Error).message);
  });

  it('should reject any other error of the engine with its message and stack', async () => {
    const thirteenth = { ...june, plan: { ...june.plan, month: 13 } };
    const inProcess = catching(() => scorePlan(thirteenth)) as Error;
    const error = (await runner.score(thirteenth).catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(ScoringConfigError);
    expect(error.name).toBe(inProcess.name);
    expect(error.message).toBe(inProcess.message);
    expect(error.stack).toContain(inProcess.message);
    // the worker is still there for the next call
    await expect(runner.score(june)).resolves.toStrictEqual(juneInProcess);
  });

  it('should reject the pending call when stopped, and start a new worker for the next one', async () => {
    const rejected = expect(runner.score(june)).rejects.toThrow('the scoring worker was stopped');
    await runner.stop();
    await rejected;
    await expect(runner.score(june)).resolves.toStrictEqual(juneInProcess);
  });

  it('should reject the pending call when its worker dies, and start a new worker for the next one', async () => {
    const rejected = expect(runner.score(june)).rejects.toThrow('the scoring worker exited');
    // as if the thread had died: terminated behind the runner's back
    await runner['running']!.worker.terminate();
    await rejected;
    await expect(runner.score(june)).resolves.toStrictEqual(juneInProcess);
  });
});

function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
