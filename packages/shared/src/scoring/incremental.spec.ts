import fc from 'fast-check';

import { countyGroups, countyIndicators, countyScoring } from './fixtures/county-plan.js';
import { rescorePlan, scorePlan, type ScoringState } from './index.js';
import type { BoardRule, ScorePlanInput, ScoringItem, ScoringPlanConfig, UnitValue } from './types.js';

/*
 * Incremental scoring (issue 11 part 3): rescorePlan from the previous state must answer exactly what scorePlan
 * answers on the new input, whatever changed. Random counties (towns, departments, a park, units in no group),
 * random sequences of changes to a few units' figures, counters, projects and manual entries, now and then a change
 * of the plan itself.
 */

const TOWN_NAMES = [
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
];
const DEPARTMENT_NAMES = ['发改局', '商务局', '工信局', '自然资源局', '住建局', '农业农村局'];

/** The county plan with a 功效系数法 item, tie-breaks, a board and an award: every cross-unit rule at once. */
const relativeItem: ScoringItem = {
  code: 'signedRelative',
  name: '签约总投资功效系数',
  method: 'relative',
  groups: ['towns'],
  indicator: 'signedAmount',
  basis: 'actual',
  max: '10',
  min: '6',
};
const board: BoardRule = {
  code: 'progress',
  name: '指标进度',
  lists: {
    red: { size: 2, allOf: [{ type: 'onPace', indicators: ['funds'] }] },
    black: { size: 2, allOf: [{ type: 'behindPace', indicators: ['funds'] }] },
  },
};
const scoring: ScoringPlanConfig = {
  ...countyScoring,
  items: [...countyScoring.items, relativeItem],
  tieBreaks: [
    { by: 'completion', indicator: 'funds' },
    { by: 'item', item: 'signed' },
  ],
  boards: [board],
  awards: [{ code: 'banner', name: '流动红旗', gates: ['funds', 'signedAmount'] }],
};

/** A small deterministic generator, so a failing case replays from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

function county(r: Random): ScorePlanInput {
  const units = [
    ...TOWN_NAMES.slice(0, r.int(3, TOWN_NAMES.length)).map((name) => ({ name, category: 'town' })),
    ...DEPARTMENT_NAMES.slice(0, r.int(2, DEPARTMENT_NAMES.length)).map((name) => ({
      name,
      category: 'department',
    })),
    { name: '经济开发区', category: 'park' },
    { name: '县投资促进中心', category: 'office' },
  ].map((u, i) => ({ id: 100 + i, name: u.name, category: u.category, sortOrder: i + 1 }));
  const input: ScorePlanInput = {
    plan: { scoring, rankingGroups: countyGroups, month: r.int(1, 12), curve: null },
    units,
    indicators: countyIndicators,
    targets: units.flatMap((u) =>
      countyIndicators
        .filter(() => r.chance(0.9))
        .map((i) => ({ unitId: u.id, indicatorId: i.id, value: figure(r, i.id) })),
    ),
    actuals: [],
    counters: [],
    projects: [],
    manual: [],
  };
  for (const u of units) Object.assign(input, unitData(r, input, u.id));
  return input;
}

/** A figure in 万元 or a count, now and then a tie with another unit's. */
function figure(r: Random, indicatorId: number): string {
  if (r.chance(0.15)) return '0';
  if (indicatorId <= 2) return String(r.pick([50000, 80000, 120000, 200000, r.int(1, 300000)]));
  return String(r.int(0, 12));
}

/** The input with the unit's own actuals, counters, projects and manual entries drawn again. */
function unitData(r: Random, input: ScorePlanInput, unitId: number): Partial<ScorePlanInput> {
  const others = <T extends { unitId: number }>(rows: readonly T[] | undefined) =>
    (rows ?? []).filter((row) => row.unitId !== unitId);
  const actuals: UnitValue[] = countyIndicators
    .filter(() => r.chance(0.85))
    .map((i) => ({ unitId, indicatorId: i.id, value: figure(r, i.id) }));
  const counters = ['fortune500', 'reportMissing', 'reportLate', 'lateStart']
    .filter(() => r.chance(0.4))
    .map((counter) => ({ unitId, counter, count: r.int(0, 3) }));
  const projects = Array.from({ length: r.int(0, 5) }, (_, k) => ({
    unitId,
    list: 'signed',
    agreedWan: String(r.pick([30000, 100000, 150000, 250000, 600000])),
    projectId: unitId * 10 + k,
  }));
  const manual = r.chance(0.2)
    ? [{ unitId, itemCode: 'integrity', counter: 'falsified', count: 1, reason: '虚报开工项目' }]
    : [];
  return {
    actuals: [...others(input.actuals), ...actuals],
    counters: [...others(input.counters), ...counters],
    projects: [...others(input.projects), ...projects],
    manual: [...others(input.manual), ...manual],
  };
}

/** One change: a few units' data drawn again, a target moved, or (rarely) the plan's time changed. */
function change(r: Random, input: ScorePlanInput): ScorePlanInput {
  const roll = r.int(0, 9);
  if (roll === 0) return { ...input, plan: { ...input.plan, month: (input.plan.month % 12) + 1 } };
  if (roll === 1) {
    const target = r.pick(input.targets);
    return {
      ...input,
      targets: input.targets.map((t) => (t === target ? { ...t, value: figure(r, t.indicatorId) } : t)),
    };
  }
  let next = input;
  for (let k = r.int(1, 3); k > 0; k--) next = { ...next, ...unitData(r, next, r.pick(input.units).id) };
  return next;
}

describe('rescorePlan (incremental scoring)', () => {
  it('should answer exactly what a full scoring answers, over random plans and random sequences of changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const r = random(seed);
        let input = county(r);
        let state: ScoringState = rescorePlan(null, input);
        expect(state.result).toEqual(scorePlan(input));
        for (let step = 0; step < 6; step++) {
          input = change(r, input);
          const next = rescorePlan(state, input);
          expect(next.result).toEqual(scorePlan(input));
          state = next;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should rescore only the changed unit when a town’s funds change and nothing compares it', () => {
    const r = random(20261207);
    const input = county(r);
    const first = rescorePlan(null, input);
    expect(first.changedUnitIds).toBeNull();
    const town = input.units[0]!;
    const next: ScorePlanInput = {
      ...input,
      actuals: [
        ...input.actuals.filter((a) => !(a.unitId === town.id && a.indicatorId === 2)),
        { unitId: town.id, indicatorId: 2, value: '188888' },
      ],
    };
    const second = rescorePlan(first, next);
    expect(second.changedUnitIds).toEqual([town.id]);
    expect(second.result).toEqual(scorePlan(next));
    // a department's scorecard is the previous object (not rescored); the town's is new
    const department = input.units.find((u) => u.category === 'department')!;
    const before = (id: number) => first.result.units.find((u) => u.unitId === id)!;
    const after = (id: number) => second.result.units.find((u) => u.unitId === id)!;
    expect(after(department.id).items).toBe(before(department.id).items);
    expect(after(town.id).items).not.toBe(before(town.id).items);
  });

  it('should score everything again when the plan changes, and nothing when the input is the same', () => {
    const input = county(random(7));
    const first = rescorePlan(null, input);
    const same = rescorePlan(first, { ...input });
    expect(same.changedUnitIds).toEqual([]);
    expect(same.result).toEqual(first.result);
    const otherCap: ScorePlanInput = {
      ...input,
      plan: { ...input.plan, scoring: { ...scoring, coefficient: '1.1' } },
    };
    const full = rescorePlan(first, otherCap);
    expect(full.changedUnitIds).toBeNull();
    expect(full.result).toEqual(scorePlan(otherCap));
  });
});
