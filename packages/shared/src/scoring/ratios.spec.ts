import fc from 'fast-check';

import { Dec } from '../money/decimal.js';
import { progressFigures } from '../progress/progress-figures.js';
import { Fraction } from './exact.js';
import { NO_VALUE } from './figures.js';
import { scorePlan } from './index.js';
import { publishedCell, resolveRounding } from './rounding.js';
import { indicatorExpected, timeProgressText } from './time-progress.js';
import type { ScorePlanInput, ScoringPlanConfig } from './types.js';
import { validateScoringConfig } from './validate.js';

// issue 16: ratio defects (1–3) and the rules 4, 5, 13 as plan configuration
const units = [
  { id: 1, name: '城关镇', category: 'town', sortOrder: 1 },
  { id: 2, name: '东湖镇', category: 'town', sortOrder: 2 },
  { id: 3, name: '西山乡', category: 'town', sortOrder: 3 },
];
const indicators = [
  { id: 1, code: 'startRate', name: '项目开工率', kind: 'ratio' as const },
  { id: 2, code: 'perfRate', name: '履约率', kind: 'ratio' as const },
  { id: 3, code: 'fdi', name: '实际使用外资', kind: 'amount' as const },
  { id: 4, code: 'funds', name: '实际到位资金', kind: 'amount' as const },
];
const groups = [{ code: 'towns', name: '乡镇', categories: ['town'] }];
const scoring: ScoringPlanConfig = {
  items: [
    { code: 'start', name: '项目开工率', method: 'completion', indicator: 'startRate', weight: '10' },
    {
      code: 'startRank',
      name: '开工率名次',
      method: 'rank',
      indicator: 'startRate',
      weight: '10',
      step: '1',
    },
  ],
};
const base = (over: Partial<ScorePlanInput> = {}, month = 2, config = scoring): ScorePlanInput => ({
  plan: { scoring: config, rankingGroups: groups, month, curve: null },
  units,
  indicators,
  targets: [1, 2, 3].map((unitId) => ({ unitId, indicatorId: 1, value: '0.5' })),
  actuals: [],
  ...over,
});
const cellOf = (r: ReturnType<typeof scorePlan>, unitId: number, indicatorId: number) =>
  r.cells.find((c) => c.unitId === unitId && c.indicatorId === indicatorId)!;

describe('issue 16 — defect 3: ratios are compared exactly', () => {
  it('should give a gap of exactly 50 pp, not 49.99999933, for 1/3 against 50% at month 2', () => {
    const r = scorePlan(
      base({
        actuals: [{ unitId: 1, indicatorId: 1, value: '0.33333333', numerator: '1', denominator: '3' }],
      }),
    );
    expect(cellOf(r, 1, 1)).toMatchObject({ gapPp: '50', light: 'green', hasValue: true });
    expect(cellOf(r, 1, 1).display).toMatchObject({ completionPct: '66.67', gapPp: '50.00' });
  });

  it('should keep a rate exactly on 序时进度 green: 1/3 against 50% at month 8 (2/3 = 8/12)', () => {
    const r = scorePlan(
      base(
        { actuals: [{ unitId: 1, indicatorId: 1, value: '0.33333333', numerator: '1', denominator: '3' }] },
        8,
      ),
    );
    expect(cellOf(r, 1, 1)).toMatchObject({ gapPp: '0', light: 'green' });
  });

  it('should light the progress figures the same way (the progress screen)', () => {
    const f = progressFigures({
      actual: '0.33333333',
      numerator: '1',
      denominator: '3',
      target: '0.5',
      monthNo: 8,
      curve: null,
    });
    expect(f).toMatchObject({ gapPp: '0', light: 'green' });
  });

  it('should be green whenever a ratio of counts is exactly on time progress (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 500 }), (month, den) => {
        // numerator/den ÷ target = month/12 exactly, with target = 12 × numerator ÷ (den × month) kept decimal:
        // take target 1 and numerator = den × month / 12 as a fraction of counts scaled by 12
        const numerator = String(den * month);
        const denominator = String(den * 12);
        const f = progressFigures({
          actual: '0',
          numerator,
          denominator,
          target: '1',
          monthNo: month,
          curve: null,
        });
        return f.light === 'green' && new Dec(f.gapPp!).isZero();
      }),
    );
  });
});

describe('issue 16 — defect 2: 0 ÷ 0 is no value', () => {
  const r = scorePlan(
    base({
      actuals: [
        { unitId: 1, indicatorId: 1, value: '0', numerator: '0', denominator: '0' },
        { unitId: 2, indicatorId: 1, value: '0.4', numerator: '2', denominator: '5' },
        { unitId: 3, indicatorId: 1, value: '0.2', numerator: '1', denominator: '5' },
      ],
    }),
  );

  it('should show "—" with no light, not 0% with a red light', () => {
    expect(cellOf(r, 1, 1)).toMatchObject({ completion: null, gapPp: null, light: null, hasValue: false });
    expect(cellOf(r, 1, 1).display.completionPct).toBeNull();
  });

  it('should not score nor rank the unit on that item, and not push the others down', () => {
    const items = r.units.find((u) => u.unitId === 1)!.items;
    expect(items.find((i) => i.code === 'start')).toMatchObject({
      isScored: false,
      formula: `—（${NO_VALUE}）`,
    });
    expect(items.find((i) => i.code === 'startRank')).toMatchObject({ isScored: false, points: '0' });
    const rank = r.units.find((u) => u.unitId === 2)!.items.find((i) => i.code === 'startRank')!;
    expect(rank.inputs).toMatchObject({ place: 1, ranked: 2 });
  });
});

describe('issue 16 — defect 1: a rate is a level', () => {
  it('should show "—" for a rate indicator a unit has no value of, not 0%', () => {
    const r = scorePlan(
      base({
        targets: [{ unitId: 1, indicatorId: 2, value: '0.3' }],
        actuals: [{ unitId: 2, indicatorId: 2, value: '0.45' }],
      }),
    );
    expect(cellOf(r, 1, 2)).toMatchObject({ completion: null, light: null, hasValue: false });
    expect(cellOf(r, 2, 2)).toMatchObject({ actual: '0.45', hasValue: true });
  });
});

describe('issue 16 — rule 4: per-indicator time progress', () => {
  const config: ScoringPlanConfig = { ...scoring, indicators: { fdi: { timeProgress: { lagMonths: 1 } } } };

  it('should measure a lagged indicator against (m−1)/12 beside the others at m/12', () => {
    const r = scorePlan(
      base(
        {
          targets: [
            { unitId: 1, indicatorId: 3, value: '1200' },
            { unitId: 1, indicatorId: 4, value: '1200' },
          ],
          actuals: [
            { unitId: 1, indicatorId: 3, value: '500' },
            { unitId: 1, indicatorId: 4, value: '500' },
          ],
        },
        6,
        config,
      ),
    );
    // 500 of 1200 at June: 41.67% — on 1–5月 (41.67%) for 外资, behind 50% for the others
    expect(cellOf(r, 1, 3)).toMatchObject({ gapPp: '0', light: 'green' });
    expect(cellOf(r, 1, 3).display.timeProgress).toBe('数据滞后1个月，按1–5月序时进度计算');
    expect(cellOf(r, 1, 4)).toMatchObject({ light: 'yellow', expected: '0.5' });
    expect(cellOf(r, 1, 4).display.timeProgress).toBeNull();
  });

  it('should expect nothing before a lagged curve starts, and follow an own curve', () => {
    expect(indicatorExpected(null, 1, { lagMonths: 1 }).isZero()).toBe(true);
    expect(timeProgressText(1, { lagMonths: 1 })).toBe('数据滞后1个月，本月尚无序时进度要求（按0计算）');
    const curve = ['0', '0', '0.25', '0.25', '0.25', '0.5', '0.5', '0.5', '0.75', '0.75', '0.75', '1'];
    expect(indicatorExpected(null, 7, { curve, lagMonths: 1 }).toDec().toFixed()).toBe('0.5');
  });

  it('should name the field of a bad rule', () => {
    const issues = validateScoringConfig(
      { items: [], indicators: { fdi: { timeProgress: { lagMonths: 12 } }, nope: {} } },
      indicators.map((i) => i.code),
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['indicators.fdi.timeProgress.lagMonths', 'isInt'],
      ['indicators.nope', 'unknownIndicator'],
    ]);
    const curve = validateScoringConfig(
      { items: [], indicators: { fdi: { timeProgress: { curve: ['0.5'] } } } },
      indicators.map((i) => i.code),
    );
    expect(curve[0]?.field).toBe('indicators.fdi.timeProgress.curve');
  });
});

describe('issue 16 — rule 5: rounding modes', () => {
  it('should round half-up, up (进一法) and down (去尾法) exactly', () => {
    const third = Fraction.ratio(1, 3)!;
    expect(third.round(2, 'half-up').toFixed(2)).toBe('0.33');
    expect(third.round(2, 'up').toFixed(2)).toBe('0.34');
    expect(Fraction.ratio(2, 3)!.round(2, 'down').toFixed(2)).toBe('0.66');
    expect(Fraction.of('-0.125').round(2, 'half-up').toFixed(2)).toBe('-0.13');
    expect(Fraction.of('-0.125').round(2, 'down').toFixed(2)).toBe('-0.12');
  });

  it('should round half-up like the decimal type (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 6 }),
        (n, d, places) => {
          const exact = Fraction.ratio(n, d)!;
          const viaDec = new Dec(n).div(d).toDecimalPlaces(places);
          const down = exact.round(places, 'down');
          const up = exact.round(places, 'up');
          // up (进一法) goes away from zero, down (去尾法) towards it; they are at most one step apart
          return (
            exact.round(places, 'half-up').eq(viaDec) &&
            down.abs().lte(up.abs()) &&
            up.minus(down).abs().lte(new Dec(10).pow(-places))
          );
        },
      ),
    );
  });

  it('should resolve the indicator rule, then the plan rule, then the plan decimals', () => {
    expect(resolveRounding('completion', undefined, undefined, 2)).toEqual({ mode: 'half-up', decimals: 2 });
    expect(
      resolveRounding('gapPp', { mode: 'down', gapPp: { decimals: 1 } }, { completion: { mode: 'up' } }, 2),
    ).toEqual({
      mode: 'down',
      decimals: 1,
    });
    expect(resolveRounding('completion', { mode: 'down' }, { mode: 'up', decimals: 0 }, 2)).toEqual({
      mode: 'up',
      decimals: 0,
    });
  });

  it('should publish a gap from the exact figures or from the rounded ones', () => {
    // 2/3 completion at October (83.33…%): exact gap −16.666… → −16.67; rounded figures 66.67 − 83.33 = −16.66
    const c = Fraction.ratio(2, 3)!;
    const e = Fraction.ratio(10, 12)!;
    expect(publishedCell(c, e, undefined, undefined, 2)).toEqual({ completionPct: '66.67', gapPp: '-16.67' });
    expect(publishedCell(c, e, { gapFrom: 'rounded' }, undefined, 2)).toEqual({
      completionPct: '66.67',
      gapPp: '-16.66',
    });
    expect(
      publishedCell(c, e, undefined, { completion: { mode: 'down', decimals: 1 } }, 2).completionPct,
    ).toBe('66.6');
  });

  it('should print the points of the formula texts by the plan rule and keep the points exact', () => {
    const r = scorePlan(
      base(
        { actuals: [{ unitId: 1, indicatorId: 1, value: '0.33333333', numerator: '1', denominator: '3' }] },
        2,
        { ...scoring, rounding: { points: { mode: 'down', decimals: 1 } } },
      ),
    );
    const item = r.units.find((u) => u.unitId === 1)!.items.find((i) => i.code === 'start')!;
    expect(item.points).toBe('6.66666667');
    expect(item.formula).toBe('10 × min(66.7%, 100%) = 6.6');
  });

  it('should name the field of a bad rounding rule', () => {
    const issues = validateScoringConfig(
      {
        items: [],
        rounding: { mode: 'bankers', points: { decimals: 9 } },
        indicators: { fdi: { rounding: { gapFrom: 'x', points: {} } } },
      },
      indicators.map((i) => i.code),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(
      // an indicator's rounding has no points (points belong to the plan's items)
      [
        'indicators.fdi.rounding.gapFrom',
        'indicators.fdi.rounding.points',
        'rounding.mode',
        'rounding.points.decimals',
      ].sort(),
    );
  });
});

describe('issue 16 — rule 13: rank and relative on actual values rank units without a target', () => {
  it('should rank a unit that has no target on its actual value', () => {
    const config: ScoringPlanConfig = {
      items: [
        {
          code: 'fdiRank',
          name: '外资名次',
          method: 'rank',
          indicator: 'fdi',
          basis: 'actual',
          weight: '10',
          step: '2',
        },
        {
          code: 'fdiRel',
          name: '外资功效',
          method: 'relative',
          indicator: 'fdi',
          basis: 'actual',
          max: '10',
          min: '6',
        },
      ],
    };
    const r = scorePlan(
      base(
        {
          targets: [{ unitId: 1, indicatorId: 3, value: '100' }],
          actuals: [
            { unitId: 1, indicatorId: 3, value: '80' },
            { unitId: 2, indicatorId: 3, value: '120' },
            { unitId: 3, indicatorId: 3, value: '40' },
          ],
        },
        6,
        config,
      ),
    );
    const item = (unitId: number, code: string) =>
      r.units.find((u) => u.unitId === unitId)!.items.find((i) => i.code === code)!;
    expect([1, 2, 3].map((id) => item(id, 'fdiRank').inputs.place)).toEqual([2, 1, 3]);
    expect(item(2, 'fdiRank').points).toBe('10');
    expect(item(3, 'fdiRel').points).toBe('6');
    expect(item(1, 'fdiRel').points).toBe('8');
  });
});
