import fc from 'fast-check';

import { Dec } from '../money/decimal.js';
import { countyGroups, countyIndicators, countyScoring } from './fixtures/county-plan.js';
import { scorePlan, ScoringConfigError } from './index.js';
import type { ScorePlanInput, ScoringUnit, UnitValue } from './types.js';

const units: ScoringUnit[] = [
  { id: 1, name: '城关镇', category: 'town', sortOrder: 1 },
  { id: 2, name: '东湖镇', category: 'town', sortOrder: 2 },
  { id: 3, name: '西山乡', category: 'town', sortOrder: 3 },
  { id: 4, name: '南港街道', category: 'town', sortOrder: 4 },
  { id: 11, name: '发改局', category: 'department', sortOrder: 11 },
  { id: 12, name: '商务局', category: 'department', sortOrder: 12 },
  { id: 13, name: '工信局', category: 'department', sortOrder: 13 },
  { id: 21, name: '经济开发区', category: 'park', sortOrder: 21 },
  { id: 31, name: '驻深圳招商组', category: 'outpost', sortOrder: 31 },
];
const ind = Object.fromEntries(countyIndicators.map((i) => [i.code, i.id])) as Record<string, number>;
// [unitId, indicator, target | null, actual]
// prettier-ignore
const figures: Array<[number, string, string | null, string]> = [
  [1, 'signedAmount', '200000', '130000'], [1, 'funds', '100000', '60000'], [1, 'started', '10', '6'], [1, 'registered', '10', '5'], [1, 'big10', '2', '3'],
  [3, 'signedAmount', '200000', '130000'], [3, 'funds', '100000', '60000'], [3, 'started', '10', '6'], [3, 'registered', '10', '5'], [3, 'big10', '2', '3'],
  [2, 'signedAmount', '200000', '100000'], [2, 'funds', '100000', '90000'], [2, 'started', '10', '5'], [2, 'registered', '10', '5'], [2, 'big10', '2', '1'],
  [4, 'signedAmount', '100000', '150000'], [4, 'funds', null, '80000'], [4, 'started', '5', '5'], [4, 'registered', '5', '5'], [4, 'big10', '1', '0'],
  [11, 'signedAmount', '50000', '50000'], [11, 'funds', '20000', '30000'],
  [12, 'signedAmount', '50000', '10000'], [12, 'funds', '20000', '10000'],
  [13, 'signedAmount', '50000', '40000'], [13, 'funds', '20000', '20000'],
  [21, 'signedAmount', '250000', '300000'], [21, 'funds', '150000', '200000'], [21, 'started', '4', '4'], [21, 'registered', '4', '2'], [21, 'big10', '1', '1'],
  [31, 'signedAmount', '10000', '20000'],
];
const rows = (pick: (f: (typeof figures)[number]) => string | null): UnitValue[] =>
  figures.flatMap((f) =>
    pick(f) === null ? [] : [{ unitId: f[0], indicatorId: ind[f[1]]!, value: pick(f)! }],
  );
const signedProjects = (unitId: number, wan: number[]) =>
  wan.map((w) => ({ unitId, list: 'signed', agreedWan: String(w) }));

const input: ScorePlanInput = {
  plan: { scoring: countyScoring, rankingGroups: countyGroups, month: 6, curve: null, yellowBand: '10' },
  units,
  indicators: countyIndicators,
  targets: rows((f) => f[2]),
  actuals: rows((f) => f[3]),
  // prettier-ignore
  counters: [
    { unitId: 1, counter: 'fortune500', count: 1 }, { unitId: 1, counter: 'reportLate', count: 1 }, { unitId: 1, counter: 'lateStart', count: 1 },
    { unitId: 3, counter: 'fortune500', count: 1 }, { unitId: 3, counter: 'reportLate', count: 1 }, { unitId: 3, counter: 'lateStart', count: 1 },
    { unitId: 2, counter: 'reportMissing', count: 1 },
    { unitId: 4, counter: 'fortune500', count: 2 }, { unitId: 4, counter: 'reportMissing', count: '4' },
    { unitId: 13, counter: 'reportLate', count: 2 },
    { unitId: 21, counter: 'fortune500', count: 1 },
  ],
  projects: [
    ...signedProjects(1, [600000, 120000, 150000, 50000, 40000, 30000]),
    ...signedProjects(3, [600000, 120000, 150000, 50000, 40000, 30000]),
    ...signedProjects(2, [110000]),
    ...signedProjects(21, [250000]),
  ],
  manual: [
    { unitId: 1, itemCode: 'integrity', counter: 'falsified', count: 1, reason: '虚报到位资金' },
    { unitId: 3, itemCode: 'integrity', counter: 'falsified', count: 1, reason: '虚报到位资金' },
    { unitId: 2, itemCode: 'signed', points: '1', reason: '误记' },
    { unitId: 99, itemCode: 'integrity', points: '1', reason: '无此单位' },
  ],
  coefficients: [{ unitId: 13, coefficient: '0.9' }],
  history: [
    {
      unitId: 1,
      indicatorId: ind.funds!,
      year: 2025,
      ytd: ['5', '10', '15', '20', '25', '40', '50', '60', '70', '80', '90', '100'],
    },
  ],
};

describe('scorePlan', () => {
  const result = scorePlan(input);
  const unit = (id: number) => result.units.find((u) => u.unitId === id)!;
  const item = (id: number, code: string) => unit(id).items.find((i) => i.code === code);

  it('should explain every item of a town with its numbers (DOMAIN.md §5)', () => {
    expect(unit(1).items.map((i) => [i.code, i.formula, i.points])).toEqual([
      ['signed', '30 × min(65.00%, 120%) = 19.50', '19.5'],
      ['funds', '25 × min(60.00%, 100%) = 15.00', '15'],
      ['startup', '15 × min(0.6 × 60.00% + 0.4 × 50.00%, 100%) = 15 × 56.00% = 8.40', '8.4'],
      ['big10', '完成率 150.00% ≥ 100% → 5 + min(1 × ⌊1 ÷ 1⌋, 2) = 6.00', '6'],
      ['fundsRank', '第 2 名 → 10 − (2 − 1) × 0.5 = 9.50', '9.5'],
      ['fortune500', '500强项目 1 × 10 = 10.00', '10'],
      ['majorProjects', '(≥10亿 2 × 4 + ≥50亿 1 × 8) = 16.00（不重复加分，按最高档计）', '16'],
      ['sizeBands', '2 − 3–10亿缺 4 × 0.1 − 10–20亿缺 2 × 0.1 − ≥20亿缺 0 × 0.1 = 1.40', '1.4'],
      ['reporting', '3 − 缺报月报 0 × 1 − 迟报月报 1 × 0.5 = 2.50', '2.5'],
      ['integrity', '0.5 − 未按期开工 1 × 0.1 − 弄虚作假 1 × 0.2 = 0.20', '0.2'],
    ]);
    expect(unit(1)).toMatchObject({
      subtotal: '88.5',
      coefficient: '1',
      total: '88.5',
      groupCode: 'towns',
      rank: 1,
      list: 'red',
    });
  });

  it('should show "—" and 0 points where a unit has no target, and leave it out of the ranking', () => {
    expect(item(4, 'funds')).toMatchObject({
      isScored: false,
      points: '0',
      formula: '—（无目标任务，不计分）',
    });
    expect(item(4, 'fundsRank')).toMatchObject({ isScored: false, points: '0' });
    expect(item(4, 'signed')!.formula).toBe('30 × min(150.00%, 120%) = 36.00');
    expect(item(4, 'reporting')!.formula).toBe('max(3 − 缺报月报 4 × 1 − 迟报月报 0 × 0.5, 0) = 0.00');
    expect(unit(4).total).toBe('72.3');
    expect(item(11, 'startup')).toMatchObject({ isScored: false, points: '0' });
  });

  it('should rank each group apart: equal totals share a rank (1, 1, 3), then unit order', () => {
    const towns = result.groups.find((g) => g.code === 'towns')!;
    expect(towns.entries.map((e) => [e.unitName, e.rank, e.total, e.list])).toEqual([
      ['城关镇', 1, '88.5', 'red'],
      ['西山乡', 1, '88.5', 'red'],
      ['南港街道', 3, '72.3', 'black'],
      ['东湖镇', 4, '62.4', 'black'],
    ]);
    expect(towns.red).toEqual([1, 3]);
    expect(towns.black).toEqual([2, 4]);
  });

  it('should apply a unit coefficient to its total, exactly', () => {
    expect(unit(13)).toMatchObject({ subtotal: '61', coefficient: '0.9', total: '54.9', rank: 2 });
    const departments = result.groups.find((g) => g.code === 'departments')!;
    expect(departments.entries.map((e) => [e.unitId, e.rank, e.total])).toEqual([
      [11, 1, '68.5'],
      [13, 2, '54.9'],
      [12, 3, '31'],
    ]);
    expect(departments).toMatchObject({ red: [11], black: [12] });
  });

  it('should score only the items of a unit’s group, and not rank a unit outside every group', () => {
    expect(unit(21).items.map((i) => i.code)).not.toContain('fundsRank');
    expect(unit(21)).toMatchObject({ total: '95.5', rank: 1, list: null, groupCode: 'parks' });
    expect(unit(31)).toMatchObject({ groupCode: null, rank: null, list: null, total: '39.5' });
    expect(result.groups.flatMap((g) => g.entries.map((e) => e.unitId))).not.toContain(31);
  });

  it('should give every unit × indicator its completion, gap, light and forecast (DOMAIN.md §4)', () => {
    const cell = (u: number, code: string) =>
      result.cells.find((c) => c.unitId === u && c.indicatorId === ind[code])!;
    expect(result.expected).toBe('0.5');
    expect(cell(1, 'signedAmount')).toMatchObject({
      actual: '130000',
      target: '200000',
      completion: '0.65',
      gapPp: '15',
      light: 'green',
    });
    expect(cell(2, 'signedAmount')).toMatchObject({ completion: '0.5', gapPp: '0', light: 'green' });
    expect(cell(12, 'signedAmount')).toMatchObject({ completion: '0.2', gapPp: '-30', light: 'red' });
    expect(cell(4, 'funds')).toMatchObject({ target: null, completion: null, gapPp: null, light: null });
    expect(cell(11, 'started')).toMatchObject({ actual: '0', target: null });
    // 60000 by June when June held 40% of last year's total → 150000, above the target of 100000
    expect(cell(1, 'funds').forecast).toMatchObject({
      method: 'seasonal',
      value: '150000',
      runRate: '120000',
      isAtRisk: false,
    });
    expect(cell(12, 'funds').forecast).toMatchObject({ method: 'run-rate', value: '20000', isAtRisk: false });
    expect(cell(12, 'signedAmount').forecast).toMatchObject({ value: '20000', isAtRisk: true });
    expect(result.cells).toHaveLength(units.length * countyIndicators.length);
  });

  it('should report the data it ignored', () => {
    expect(result.warnings.map((w) => [w.code, w.unitId, w.itemCode])).toEqual([
      ['manualNotApplicable', 2, 'signed'],
      ['unknownUnit', 99, undefined],
    ]);
  });

  it('should refuse an invalid configuration and a month outside 1..12', () => {
    const bad = {
      ...input,
      plan: {
        ...input.plan,
        scoring: {
          items: [{ code: 'x', name: 'X', method: 'completion' as const, indicator: 'nope', weight: '1' }],
        },
      },
    };
    expect(() => scorePlan(bad)).toThrow(ScoringConfigError);
    try {
      scorePlan(bad);
    } catch (e) {
      expect((e as ScoringConfigError).issues.map((i) => i.field)).toEqual(['items.0.indicator']);
    }
    expect(() => scorePlan({ ...input, plan: { ...input.plan, month: 13 } })).toThrow(RangeError);
  });
});

describe('scorePlan properties', () => {
  const indicatorIds = countyIndicators.map((i) => i.id);
  const unitData = fc.record({
    values: fc.array(
      fc.tuple(fc.option(fc.integer({ min: 1, max: 500_000 }), { nil: null }), fc.nat(800_000)),
      {
        minLength: indicatorIds.length,
        maxLength: indicatorIds.length,
      },
    ),
    counts: fc.array(fc.nat(5), { minLength: 5, maxLength: 5 }),
    projects: fc.array(fc.nat(800_000), { maxLength: 8 }),
    coefficient: fc.constantFrom('1', '0.9', '1.05', '0.8333'),
  });
  type UnitData = typeof unitData extends fc.Arbitrary<infer T> ? T : never;
  const counterNames = ['fortune500', 'reportMissing', 'reportLate', 'lateStart', 'falsified'];
  const build = (data: UnitData[]): ScorePlanInput => ({
    ...input,
    manual: [],
    history: [],
    targets: data.flatMap((d, u) =>
      d.values.flatMap(([t], i) =>
        t === null ? [] : [{ unitId: units[u]!.id, indicatorId: indicatorIds[i]!, value: String(t) }],
      ),
    ),
    actuals: data.flatMap((d, u) =>
      d.values.map(([, a], i) => ({ unitId: units[u]!.id, indicatorId: indicatorIds[i]!, value: String(a) })),
    ),
    counters: data.flatMap((d, u) =>
      d.counts.map((count, i) => ({ unitId: units[u]!.id, counter: counterNames[i]!, count })),
    ),
    projects: data.flatMap((d, u) => signedProjects(units[u]!.id, d.projects)),
    coefficients: data.map((d, u) => ({ unitId: units[u]!.id, coefficient: d.coefficient })),
  });
  const plans = fc.array(unitData, { minLength: units.length, maxLength: units.length });

  it('should make the items add up exactly to the total, and hold caps and floors', () => {
    fc.assert(
      fc.property(plans, (data) => {
        const result = scorePlan(build(data));
        for (const u of result.units) {
          const subtotal = u.items.reduce((s, i) => s.plus(i.points), new Dec(0));
          expect(subtotal.toFixed()).toBe(u.subtotal);
          expect(subtotal.mul(u.coefficient).toFixed()).toBe(u.total);
          for (const i of u.items) {
            const p = new Dec(i.points);
            expect(p.gte(0)).toBe(true);
            if (i.code === 'signed') expect(p.lte(36)).toBe(true);
            if (i.code === 'funds') expect(p.lte(25)).toBe(true);
            if (i.code === 'fortune500') expect(p.lte(20)).toBe(true);
            if (i.code === 'reporting') expect(p.lte(3)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('should share ranks between equal totals: rank = 1 + the number of better totals in the group', () => {
    fc.assert(
      fc.property(plans, (data) => {
        const result = scorePlan(build(data));
        for (const g of result.groups) {
          for (const e of g.entries) {
            expect(e.rank).toBe(1 + g.entries.filter((o) => new Dec(o.total).gt(e.total)).length);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("should never let one group's data change another group's scores or ranks", () => {
    fc.assert(
      fc.property(plans, fc.array(unitData, { minLength: 4, maxLength: 4 }), (data, otherTowns) => {
        const before = scorePlan(build(data));
        const after = scorePlan(build([...otherTowns, ...data.slice(4)]));
        for (const code of ['departments', 'parks']) {
          expect(after.groups.find((g) => g.code === code)).toEqual(
            before.groups.find((g) => g.code === code),
          );
        }
        expect(after.units.filter((u) => u.groupCode !== 'towns')).toEqual(
          before.units.filter((u) => u.groupCode !== 'towns'),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('should never lower a unit’s completion-type points when its actuals grow', () => {
    fc.assert(
      fc.property(
        plans,
        fc.nat(8),
        fc.array(fc.nat(100_000), { minLength: 5, maxLength: 5 }),
        (data, u, extra) => {
          const before = scorePlan(build(data)).units.find((x) => x.unitId === units[u]!.id)!;
          const grown = data.map((d, i) =>
            i !== u
              ? d
              : { ...d, values: d.values.map(([t, a], j) => [t, a + extra[j]!] as [number | null, number]) },
          );
          const after = scorePlan(build(grown)).units.find((x) => x.unitId === units[u]!.id)!;
          for (const code of ['signed', 'funds', 'startup', 'big10']) {
            const b = before.items.find((i) => i.code === code);
            const a = after.items.find((i) => i.code === code);
            if (b && a) expect(new Dec(a.points).gte(b.points)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
