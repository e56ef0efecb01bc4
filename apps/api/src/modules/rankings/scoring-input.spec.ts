import { movementOf, previousRanksOf } from './ranking-views';
import type { RankingPlan } from './rankings.repository';
import type { ScoredUnitView } from './scored-month';
import { builtInCounters, type LoadedScoringData, referencedSources, toEngineInput } from './scoring-input';

const plan: RankingPlan = {
  id: 7,
  year: 2026,
  name: '示范县2026年度招商引资目标责任考核',
  rootUnitId: 1,
  status: 'published',
  curve: null,
  yellowBand: '10',
  rankingGroups: [{ code: 'towns', name: '乡镇（街道）', categories: ['town'] }],
  displayDecimals: 2,
  countCredit: 'responsible',
  reportDeadlineDay: 5,
  scoring: {
    items: [
      {
        code: 'bonus',
        name: '引进500强企业',
        method: 'bonus',
        rules: [
          { counter: 'W500', points: '2' },
          { projects: 'signed', bands: [{ minWan: '100000', points: '4' }] },
        ],
      },
      {
        code: 'integrity',
        name: '项目推进与诚信',
        method: 'deduction',
        base: '0.5',
        rules: [
          { counter: 'lateStart', points: '0.1' },
          { counter: 'falsified', points: '0.2' },
        ],
      },
    ],
  },
};

const data = (): LoadedScoringData => ({
  plan,
  monthNo: 6,
  units: [
    { id: 1, code: 'XIAN', name: '示范县', category: 'county', parentId: null, depth: 0, sortOrder: 0 },
    { id: 2, code: 'T01', name: '城关镇', category: 'town', parentId: 1, depth: 1, sortOrder: 1 },
  ],
  indicators: [
    {
      id: 11,
      code: 'W500',
      name: '500强项目',
      measure: '个',
      kind: 'count',
      isScored: true,
      isHeadline: false,
    },
  ],
  targets: [],
  actuals: [
    { unitId: 2, indicatorId: 11, value: '3' },
    // an inactive unit's row: not scored, so not passed on
    { unitId: 9, indicatorId: 11, value: '1' },
  ],
  counters: [{ unitId: 2, counter: 'lateStart', count: '1' }],
  projects: [],
  manual: [
    {
      unitId: 2,
      itemCode: 'integrity',
      counter: 'falsified',
      count: '1',
      points: null,
      reason: '虚报到位资金',
    },
    { unitId: 2, itemCode: 'bonus', counter: null, count: null, points: '1.5', reason: '县政府研究加分' },
  ],
  history: [],
});

describe('scoring input', () => {
  it('should find the counters and project lists the scoring reads', () => {
    const sources = referencedSources(plan.scoring);
    expect([...sources.counters].sort()).toEqual(['W500', 'falsified', 'lateStart']);
    expect([...sources.lists]).toEqual(['signed']);
    expect(builtInCounters(sources.counters)).toEqual(['lateStart']);
    const reporting = referencedSources({
      items: [
        {
          code: 'reporting',
          name: '信息报送',
          method: 'deduction',
          rules: [
            { counter: 'reportMissing', points: '1' },
            { counter: 'reportLate', points: '0.5' },
          ],
        },
        {
          code: 'sizeBands',
          name: '分档项目个数',
          method: 'band-shortfall',
          bands: [{ minWan: '30000', required: 7, counter: 'fortune500' }],
        },
      ],
    });
    expect(builtInCounters(reporting.counters)).toEqual(['fortune500', 'reportLate', 'reportMissing']);
  });

  it('should turn an indicator-named counter into the unit’s year-to-date value and map manual entries', () => {
    const input = toEngineInput(data());
    expect(input.counters).toEqual([
      { unitId: 2, counter: 'lateStart', count: '1' },
      { unitId: 2, counter: 'W500', count: '3' },
    ]);
    expect(input.actuals).toEqual([{ unitId: 2, indicatorId: 11, value: '3' }]);
    expect(input.manual).toEqual([
      { unitId: 2, itemCode: 'integrity', counter: 'falsified', count: '1', reason: '虚报到位资金' },
      { unitId: 2, itemCode: 'bonus', points: '1.5', reason: '县政府研究加分' },
    ]);
    expect(input.plan).toMatchObject({ month: 6, yellowBand: '10', curve: null });
  });
});

describe('movementOf', () => {
  const unit = (rank: number | null, groupCode: string | null = 'towns') =>
    ({ unitId: 2, rank, groupCode }) as ScoredUnitView;
  const previous = previousRanksOf([{ unitId: 2, groupCode: 'towns', rank: 3 }]);

  it('should say ↑ places gained, ↓ places lost, same, or new', () => {
    expect(movementOf(unit(1), previous)).toEqual({ kind: 'up', places: 2 });
    expect(movementOf(unit(4), previous)).toEqual({ kind: 'down', places: 1 });
    expect(movementOf(unit(3), previous)).toEqual({ kind: 'same', places: 0 });
    expect(movementOf(unit(1), previousRanksOf([]))).toEqual({ kind: 'new', places: 0 });
    // a unit that moved to another group starts afresh
    expect(movementOf(unit(1, 'parks'), previous)).toEqual({ kind: 'new', places: 0 });
  });
});
