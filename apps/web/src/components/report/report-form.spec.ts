import { describe, expect, it } from 'vitest';

import type { ReportDetail, ReportIndicatorLine } from '@pacer/shared';
import { Dec } from '@pacer/shared';

import {
  buildPutBody,
  checkIncrement,
  daysUntil,
  conflictRows,
  formFromReport,
  isFormDirty,
  lineDecimals,
  lineFigures,
  missingValues,
  pickDefaultMonth,
  placeFieldErrors,
  takeTheirs,
} from './report-form';

function line(extra: Partial<ReportIndicatorLine> = {}): ReportIndicatorLine {
  return {
    indicatorId: 8,
    code: 'XS',
    name: '项目线索',
    measure: '条',
    kind: 'count',
    value: null,
    approvedYtdBefore: '13',
    target: '14',
    ...extra,
  };
}

const XS = line();
const PC = line({
  indicatorId: 9,
  code: 'PC',
  name: '外出招商批次',
  measure: '次',
  approvedYtdBefore: '5',
  target: '6',
});

function report(extra: Partial<ReportDetail> = {}): ReportDetail {
  return {
    id: 11,
    planId: 1,
    unitId: 2,
    unitCode: 'T01',
    unitName: '城关镇',
    unitCategory: 'town',
    month: '2026-11',
    status: 'draft',
    isLate: false,
    submittedAt: null,
    approvedAt: null,
    returnedReason: null,
    version: 2,
    values: [{ indicatorId: 8, value: '1' }],
    lines: [{ ...XS, value: '1' }, PC],
    progressText: '进展',
    problemsText: '',
    nextPlanText: '',
    history: [],
    canEdit: true,
    isOwnSubmission: false,
    requiresFourEyes: true,
    ...extra,
  };
}

describe('checkIncrement (the API rule: ≤ 14 integer digits, ≤ 4 decimals, ≥ 0, no separators)', () => {
  it('should accept plain decimals and a blank draft value', () => {
    for (const ok of ['0', '12', '3.5', '0.0001', '99999999999999.9999', '', '  7  ']) {
      expect(checkIncrement(ok), ok).toBeNull();
    }
  });

  it('should say what is wrong with a value the API would refuse', () => {
    expect(checkIncrement('-1')).toBe('negative');
    expect(checkIncrement('1,000')).toBe('separator');
    expect(checkIncrement('1 000')).toBe('separator');
    expect(checkIncrement('1.23456')).toBe('tooManyDecimals');
    expect(checkIncrement('123456789012345')).toBe('tooManyDigits');
    expect(checkIncrement('1e5')).toBe('format');
    expect(checkIncrement('.5')).toBe('format');
    expect(checkIncrement('abc')).toBe('format');
  });
});

describe("lineFigures at the indicator's precision (issue 14 point 12)", () => {
  // 20亿 target, 13亿 1/3 by October: 66.666…% against 83.333…%
  const funds = line({ code: 'DWZJ', kind: 'amount', measure: '亿元', approvedYtdBefore: '100000', target: '200000' });
  const october = { monthNo: 10, curve: null, yellowBand: '10' };

  it('should publish at the plan decimals, half-up, by default', () => {
    const f = lineFigures(funds, '33333.3333', { ...october, displayDecimals: 1 });
    expect(f).toMatchObject({ completionPct: '66.7', publishedGapPp: '-16.7' });
    expect(lineDecimals(funds, { displayDecimals: 1 })).toBe(1);
  });

  it("should follow the indicator's rule: its mode, its decimals, its gap rule", () => {
    const f = lineFigures(funds, '33333.3333', {
      ...october,
      displayDecimals: 2,
      rounding: { decimals: 2 },
      indicators: { DWZJ: { rounding: { decimals: 0, completion: { mode: 'down' }, gapPp: { decimals: 1 } } } },
    });
    // 去尾法 66.666…% → 66; the gap −16.666… to 1 decimal, half-up
    expect(f).toMatchObject({ completionPct: '66', publishedGapPp: '-16.7' });
    // the exact figures are untouched: the light compares them (−16.67 pp is beyond the 10 pp band)
    expect(f.completion).toBe('0.6666666665');
    expect(f.light).toBe('red');
    expect(lineDecimals(funds, { indicators: { DWZJ: { rounding: { decimals: 0 } } }, displayDecimals: 2 })).toBe(0);
    // another indicator keeps the plan's rule
    expect(lineDecimals(XS, { indicators: { DWZJ: { rounding: { decimals: 0 } } }, rounding: { decimals: 1 } })).toBe(1);
  });

  it("should subtract the printed figures when the plan's gap comes from them", () => {
    const f = lineFigures(funds, '33333.3333', { ...october, rounding: { gapFrom: 'rounded' } });
    // 66.67 − 83.33
    expect(f).toMatchObject({ completionPct: '66.67', publishedGapPp: '-16.66' });
  });
});

describe('lineFigures', () => {
  it('should add the month to the approved year-to-date exactly, never with floats', () => {
    const money = line({ kind: 'amount', measure: '亿元', approvedYtdBefore: '0.1', target: '0.6' });
    expect(lineFigures(money, '0.2').ytd).toBe('0.3');
    expect(lineFigures(money, '0.2').completion).toBe('0.5');
    const big = line({ approvedYtdBefore: '99999999999999.9999', target: null });
    expect(lineFigures(big, '0.0001').ytd).toBe('100000000000000');
  });

  it('should show the year-to-date before the month while the input is blank', () => {
    expect(lineFigures(XS, '').ytd).toBe('13');
    expect(lineFigures(XS, '   ').completion).toBe(new Dec(13).div(14).toFixed());
  });

  it('should compute nothing from an invalid input', () => {
    expect(lineFigures(XS, '1,5')).toEqual({
      ytd: null,
      completion: null,
      gapPp: null,
      light: null,
      completionPct: null,
      publishedGapPp: null,
    });
  });

  it('should give no completion without a positive target', () => {
    expect(lineFigures(line({ target: null }), '1').completion).toBeNull();
    expect(lineFigures(line({ target: '0' }), '1').completion).toBeNull();
  });

  it('should compare with time progress and light it (DOMAIN.md §4)', () => {
    // 20亿 target, 13亿 by June: 65% vs 50% → +15 pp, green.
    const funds = line({ kind: 'amount', measure: '亿元', approvedYtdBefore: '100000', target: '200000' });
    const june = lineFigures(funds, '30000', { monthNo: 6, curve: null, yellowBand: '10' });
    expect(june).toEqual({
      ytd: '130000',
      completion: '0.65',
      gapPp: '15',
      light: 'green',
      completionPct: '65.00',
      publishedGapPp: '15.00',
    });
    // 15亿 by October: 75% vs 83.33% → −8.33 pp, yellow.
    const october = lineFigures(funds, '50000', { monthNo: 10, curve: null, yellowBand: '10' });
    expect(october.light).toBe('yellow');
    expect(Number(october.gapPp)).toBeCloseTo(-8.3333, 3);
  });
});

describe('buildPutBody', () => {
  it('should send the non-blank values in line order with the version, and say which indicator each is', () => {
    const form = { values: { 8: ' 2 ', 9: '' }, progressText: 'a', problemsText: 'b', nextPlanText: 'c' };
    const { body, sentIds } = buildPutBody([XS, PC], form, 4);
    expect(body).toEqual({
      version: 4,
      values: [{ indicatorId: 8, value: '2' }],
      progressText: 'a',
      problemsText: 'b',
      nextPlanText: 'c',
    });
    expect(sentIds).toEqual([8]);
  });
});

describe('placeFieldErrors', () => {
  it('should put `values.N.value` on the input of the N-th value sent, texts on their textareas', () => {
    const placed = placeFieldErrors(
      {
        'values.1.value': '必须是数值文本',
        'values.0.indicatorId': '不是本计划需填报的指标',
        progressText: '不能超过 5000 个字符',
        values: '缺少指标 PC 的本月数值',
      },
      [8, 9],
    );
    expect(placed.values).toEqual({ 9: '必须是数值文本', 8: '不是本计划需填报的指标' });
    expect(placed.texts).toEqual({ progressText: '不能超过 5000 个字符' });
    expect(placed.other).toEqual(['缺少指标 PC 的本月数值']);
  });
});

describe('missingValues', () => {
  it('should list the indicators still blank (0 is a value)', () => {
    const form = { values: { 8: '0', 9: ' ' }, progressText: '', problemsText: '', nextPlanText: '' };
    expect(missingValues([XS, PC], form)).toEqual([9]);
  });
});

describe('after a version conflict', () => {
  it('should keep the typed values and list where they differ from the latest version', () => {
    const mine = { ...formFromReport(report()), values: { 8: '3', 9: '2' }, progressText: '我的进展' };
    const fresh = report({
      version: 3,
      lines: [
        { ...XS, value: '1' },
        { ...PC, value: '2' },
      ],
      progressText: '他人的进展',
    });
    const rows = conflictRows(fresh, mine);
    expect(rows.map((r) => [r.key, r.mine, r.theirs])).toEqual([
      ['value:8', '3', '1'],
      ['progressText', '我的进展', '他人的进展'],
    ]);
    expect(mine.values[8]).toBe('3');
    const taken = takeTheirs(mine, rows[1]!);
    expect(taken.progressText).toBe('他人的进展');
    expect(taken.values[8]).toBe('3');
    expect(isFormDirty(fresh, takeTheirs(taken, rows[0]!))).toBe(false);
  });
});

describe('pickDefaultMonth', () => {
  const months = ['2026-11', '2026-10', '2026-09'];

  it('should take the latest month with a report not approved yet', async () => {
    const statuses: Record<string, 'draft' | 'approved' | null> = {
      '2026-11': null,
      '2026-10': 'draft',
      '2026-09': 'approved',
    };
    await expect(pickDefaultMonth(months, async (m) => statuses[m] ?? null)).resolves.toBe('2026-10');
  });

  it('should fall back to the current month when everything is approved, asking no further than needed', async () => {
    const asked: string[] = [];
    const month = await pickDefaultMonth(months, async (m) => {
      asked.push(m);
      return m === '2026-11' ? null : 'approved';
    });
    expect(month).toBe('2026-11');
    expect(asked).toEqual(['2026-11', '2026-10']);
  });
});

describe('daysUntil (the reporter home card: days left to the deadline)', () => {
  it('should count whole calendar days, 0 on the day itself and negative once it has passed', () => {
    expect(daysUntil('2026-12-05', '2026-12-01')).toBe(4);
    expect(daysUntil('2026-12-05', '2026-12-05')).toBe(0);
    expect(daysUntil('2026-12-05', '2026-12-07')).toBe(-2);
  });

  it('should cross month and year ends exactly', () => {
    expect(daysUntil('2027-01-05', '2026-12-30')).toBe(6);
    expect(daysUntil('2026-03-05', '2026-02-27')).toBe(6);
  });
});

describe('checkIncrement: what a clerk types (issue 14 point 7)', () => {
  it('should read full-width digits as the figures they are', () => {
    for (const ok of ['３', '１２．５', ' ８ ']) expect(checkIncrement(ok), ok).toBeNull();
    expect(
      buildPutBody(
        [line({ indicatorId: 1 })],
        { values: { 1: '１２．５' }, progressText: '', problemsText: '', nextPlanText: '' },
        3,
      ).body.values,
    ).toEqual([{ indicatorId: 1, value: '12.5' }]);
  });

  it('should ask for a whole number on a count (1.5 条), not on an amount', () => {
    expect(checkIncrement('1.5', 'count')).toBe('wholeNumber');
    expect(checkIncrement('2', 'count')).toBeNull();
    expect(checkIncrement('1.5', 'amount')).toBeNull();
  });
});
