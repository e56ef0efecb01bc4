import type { DecimalString } from '../contracts/common.js';
import { expectedFractionExact } from '../progress/progress-figures.js';
import { Fraction } from './exact.js';

/**
 * An indicator's own time progress (issue 16, rule 4): data that arrives `lagMonths` late (外资, statistics-bureau
 * figures) is measured at month m against the curve at m − n (0 before the curve starts); `curve` (12 cumulative
 * fractions) replaces the plan's curve for the indicator. Absent = the plan's curve at m.
 */
export type IndicatorTimeProgress = {
  lagMonths?: number;
  curve?: DecimalString[] | null;
};

/** The time progress an indicator is measured against at month m (1..12), exactly. */
export function indicatorExpected(
  planCurve: readonly string[] | null | undefined,
  month: number,
  rule: IndicatorTimeProgress | undefined,
): Fraction {
  const lag = rule?.lagMonths ?? 0;
  const curve = rule?.curve ?? planCurve;
  const m = month - lag;
  if (m < 1) {
    if (month < 1 || month > 12) throw new RangeError(`month index out of range: ${month}`);
    return Fraction.of(0);
  }
  return expectedFractionExact(curve, m);
}

/** The rule in words for the scorecard and the 通报: 按1–(m−1)月序时进度计算. */
export function timeProgressText(month: number, rule: IndicatorTimeProgress | undefined): string | null {
  const lag = rule?.lagMonths ?? 0;
  const own = rule?.curve !== undefined && rule.curve !== null;
  if (lag === 0 && !own) return null;
  const curve = own ? '本指标序时进度曲线' : '序时进度';
  const m = month - lag;
  if (lag === 0) return `按${curve}计算`;
  if (m < 1) return `数据滞后${lag}个月，本月尚无${curve}要求（按0计算）`;
  return `数据滞后${lag}个月，按${m === 1 ? '1月' : `1–${m}月`}${curve}计算`;
}

/**
 * A quarterly indicator's rule at month m (issue 16 rule 11): its figures are of the latest quarter's last month
 * (3/6/9/12) that its own lag reaches, so it is measured against the time progress of that month — an implicit lag
 * of up to 2 months added to its own.
 */
export function quarterlyRule(month: number, rule: IndicatorTimeProgress | undefined): IndicatorTimeProgress {
  const lag = rule?.lagMonths ?? 0;
  const reached = Math.max(month - lag, 0);
  return { ...rule, lagMonths: lag + (reached % 3) };
}

/** The month of a quarterly indicator's figures at month m, and the rule in words (按季度报送，数据截至9月…). */
export function quarterlyWords(
  month: number,
  rule: IndicatorTimeProgress,
): { dataMonth: number; words: string } {
  const dataMonth = month - (rule.lagMonths ?? 0);
  const curve = rule.curve !== undefined && rule.curve !== null ? '本指标序时进度曲线' : '序时进度';
  if (dataMonth < 1) return { dataMonth: 0, words: `按季度报送，本年尚无季度数据（${curve}按0计算）` };
  const upTo = dataMonth === 1 ? '1月' : `1–${dataMonth}月`;
  return {
    dataMonth,
    words:
      dataMonth < month
        ? `按季度报送，数据截至${dataMonth}月，按${upTo}${curve}计算`
        : `按季度报送，数据截至${dataMonth}月`,
  };
}
