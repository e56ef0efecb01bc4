import fc from 'fast-check';

import { Dec } from '../money/decimal.js';
import { boardsInput } from '../scoring/fixtures/boards-plan.js';
import { scorePlan } from '../scoring/index.js';
import type { ScorePlanInput } from '../scoring/types.js';
import { deriveYtdIncrements, ytdIncrement } from './ytd-entry.js';

const sum = (values: readonly string[]) => values.reduce((a, v) => a.plus(v), new Dec(0));
const cumulative = (values: readonly string[]) => {
  let reached = new Dec(0);
  return values.map((v) => (reached = reached.plus(v)).toFixed());
};
/** A month's figure in 万元 with up to 4 decimals, as units type them. */
const figure = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new Dec(n).div(10_000).toFixed());

describe('ytdIncrement', () => {
  it('is the entered 累计 minus the approved 累计 before the month', () => {
    expect(ytdIncrement('1250.5', '800')).toEqual({ value: '450.5', isCorrection: false });
    expect(ytdIncrement('800', '800')).toEqual({ value: '0', isCorrection: false });
  });

  it('is a correction when the 累计 falls below the approved one (统计局核减)', () => {
    expect(ytdIncrement('760', '800')).toEqual({ value: '-40', isCorrection: true });
  });
});

describe('deriveYtdIncrements', () => {
  it('derives each month from the 累计 the approved months before it reached', () => {
    // 城关镇 实际到位资金: 1月累计 320, 2月累计 800, 3月 entered as a month's figure 150, 4月累计 900 (核减 50)
    expect(
      deriveYtdIncrements([
        { ytd: '320', value: '0' },
        { ytd: '800', value: '0' },
        { ytd: null, value: '150' },
        { ytd: '900', value: '0' },
      ]),
    ).toEqual(['320', '480', '150', '-50']);
  });

  it('a YTD entry series gives back the monthly series exactly', () => {
    fc.assert(
      fc.property(fc.array(figure, { minLength: 1, maxLength: 12 }), (monthly) => {
        const entries = cumulative(monthly).map((ytd) => ({ ytd, value: '0' }));
        const derived = deriveYtdIncrements(entries);
        expect(derived.map((d) => new Dec(d).toFixed())).toEqual(monthly.map((m) => new Dec(m).toFixed()));
      }),
    );
  });

  it('the approved increments add up to the latest approved 累计 whichever months are approved (any order)', () => {
    fc.assert(
      fc.property(
        // any 累计 series (corrections included) and any subset of months approved so far
        fc.array(fc.tuple(figure, fc.boolean()), { minLength: 1, maxLength: 12 }),
        (months) => {
          const approved = months.filter(([, isApproved]) => isApproved).map(([ytd]) => ytd);
          const derived = deriveYtdIncrements(approved.map((ytd) => ({ ytd, value: '0' })));
          expect(sum(derived).toFixed()).toBe(
            approved.length === 0 ? '0' : new Dec(approved[approved.length - 1]!).toFixed(),
          );
          // and each prefix too: the summary of any month up to m is the 累计 of the latest approved month ≤ m
          cumulative(derived).forEach((reached, i) => expect(new Dec(reached).eq(approved[i]!)).toBe(true));
        },
      ),
    );
  });
});

describe('YTD entry against monthly entry: the same year-to-date summaries, the same ranking', () => {
  const unitIds = boardsInput.units.map((u) => u.id);
  /** The summary (sum of approved increments up to the month) of each unit, as the API's ytd_summary holds it. */
  const actualsAt = (series: Map<number, string[]>, month: number): ScorePlanInput['actuals'] =>
    [...series].map(([unitId, increments]) => ({
      unitId,
      indicatorId: 1,
      value: sum(increments.slice(0, month)).toFixed(),
    }));

  it('holds for random monthly figures of 实际到位资金', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(figure, { minLength: 6, maxLength: 6 }), {
          minLength: unitIds.length,
          maxLength: unitIds.length,
        }),
        fc.integer({ min: 1, max: 6 }),
        (figures, month) => {
          const monthly = new Map(unitIds.map((id, i) => [id, figures[i]!]));
          // the same figures entered as 累计 and derived back by Pacer
          const fromYtd = new Map(
            unitIds.map((id, i) => [
              id,
              deriveYtdIncrements(cumulative(figures[i]!).map((ytd) => ({ ytd, value: '0' }))),
            ]),
          );
          const others = boardsInput.actuals.filter((a) => a.indicatorId !== 1);
          const input = (series: Map<number, string[]>): ScorePlanInput => ({
            ...boardsInput,
            plan: { ...boardsInput.plan, month },
            actuals: [...others, ...actualsAt(series, month)],
          });
          const a = input(monthly);
          const b = input(fromYtd);
          expect(b.actuals).toEqual(a.actuals);
          const ra = scorePlan(a);
          const rb = scorePlan(b);
          expect(rb.groups).toEqual(ra.groups);
          expect(rb.units.map((u) => [u.unitId, u.total])).toEqual(ra.units.map((u) => [u.unitId, u.total]));
        },
      ),
      { numRuns: 60 },
    );
  });
});
