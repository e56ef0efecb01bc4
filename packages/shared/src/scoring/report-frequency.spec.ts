import { isReportMonth, isValueRequired } from '../enums/indicator-kind.js';
import { boardsInput } from './fixtures/boards-plan.js';
import { scorePlan } from './index.js';
import { quarterlyRule, quarterlyWords } from './time-progress.js';
import type { ScorePlanInput } from './types.js';

// Issue 16 rule 11: not every indicator every month — quarterly and optional figures, never a 0 for "not reported".

describe('report months', () => {
  it('asks a quarterly figure only in 3, 6, 9 and 12, and never requires an optional one', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => isReportMonth('quarterly', m))).toEqual([
      3, 6, 9, 12,
    ]);
    expect(isValueRequired('quarterly', 9)).toBe(true);
    expect(isValueRequired('quarterly', 11)).toBe(false);
    expect(isValueRequired('optional', 6)).toBe(false);
    expect(isValueRequired(undefined, 6)).toBe(true);
  });

  it('measures a quarterly figure against the time progress of its quarter, and says so', () => {
    expect(quarterlyRule(11, undefined)).toEqual({ lagMonths: 2 });
    expect(quarterlyWords(11, quarterlyRule(11, undefined))).toEqual({
      dataMonth: 9,
      words: '按季度报送，数据截至9月，按1–9月序时进度计算',
    });
    expect(quarterlyWords(9, quarterlyRule(9, undefined)).words).toBe('按季度报送，数据截至9月');
    expect(quarterlyWords(2, quarterlyRule(2, undefined)).words).toBe(
      '按季度报送，本年尚无季度数据（序时进度按0计算）',
    );
    // with a lag of its own: at November a month-late quarterly figure is still September's
    expect(quarterlyRule(11, { lagMonths: 1 })).toEqual({ lagMonths: 2 });
    expect(quarterlyRule(10, { lagMonths: 1 })).toEqual({ lagMonths: 1 });
  });
});

describe('scorePlan with quarterly and optional indicators', () => {
  // 签约项目 quarterly: in August its figures are of June (50%), not 8/12
  const quarterly: ScorePlanInput = {
    ...boardsInput,
    plan: { ...boardsInput.plan, month: 8 },
    indicators: boardsInput.indicators.map((i) =>
      i.code === 'signed' ? { ...i, reportFrequency: 'quarterly' } : i,
    ),
  };

  it('gives a quarterly cell the quarter’s time progress, its data month and the rule in words', () => {
    const cell = scorePlan(quarterly).cells.find((c) => c.unitId === 1 && c.indicatorId === 2)!;
    expect(cell.expected).toBe('0.5');
    expect(cell.display.dataMonth).toBe(6);
    expect(cell.display.timeProgress).toBe('按季度报送，数据截至6月，按1–6月序时进度计算');
    // 城关镇 6 of 10 against 50%: ahead by 10 pp (against 8/12 it would be 6.67 pp behind)
    expect(cell.gapPp).toBe('10');
    // a monthly indicator of the same plan keeps the plan's month
    const funds = scorePlan(quarterly).cells.find((c) => c.unitId === 1 && c.indicatorId === 1)!;
    expect(funds.display.dataMonth).toBeUndefined();
    expect(funds.display.timeProgress).toBeNull();
  });

  it('says which month an optional figure is of, per unit, and leaves a current one alone', () => {
    const input: ScorePlanInput = {
      ...boardsInput,
      indicators: boardsInput.indicators.map((i) =>
        i.code === 'started' ? { ...i, reportFrequency: 'optional' } : i,
      ),
      actuals: boardsInput.actuals.map((a) =>
        a.indicatorId === 3 ? { ...a, asOfMonth: a.unitId === 2 ? 4 : 6 } : a,
      ),
    };
    const cells = scorePlan(input).cells.filter((c) => c.indicatorId === 3);
    const east = cells.find((c) => c.unitId === 2)!;
    expect(east.display).toMatchObject({ dataMonth: 4, timeProgress: '数据截至4月' });
    const town = cells.find((c) => c.unitId === 1)!;
    expect(town.display.dataMonth).toBeUndefined();
    expect(town.display.timeProgress).toBeNull();
  });
});
