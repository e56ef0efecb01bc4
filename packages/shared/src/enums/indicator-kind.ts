export const IndicatorKind = {
  Amount: 'amount',
  Count: 'count',
  Ratio: 'ratio',
} as const;
export type IndicatorKind = (typeof IndicatorKind)[keyof typeof IndicatorKind];
export const INDICATOR_KINDS: readonly IndicatorKind[] = Object.values(IndicatorKind);

export const IndicatorSource = {
  Reported: 'reported',
  Ledger: 'ledger',
  Formula: 'formula',
  /** Counted from 招商活动 and 线索 by a work rule (issue 17 part 3). */
  Work: 'work',
} as const;
export type IndicatorSource = (typeof IndicatorSource)[keyof typeof IndicatorSource];
export const INDICATOR_SOURCES: readonly IndicatorSource[] = Object.values(IndicatorSource);

export const Measure = {
  YiYuan: '亿元',
  WanYuan: '万元',
  Count: '个',
  Percent: '%',
  Times: '次',
  Items: '条',
  /** 家: enterprises (新引进企业家数). */
  Enterprises: '家',
  /** 批次: delegations or trips (外出招商批次). */
  Batches: '批次',
  /** 人次: person-visits (接待客商人次). */
  PersonTimes: '人次',
  /** 万美元: an amount in US dollars (实际使用外资, 外商直接投资), stored in 万美元, never converted silently. */
  WanUsd: '万美元',
} as const;
export type Measure = (typeof Measure)[keyof typeof Measure];
export const MEASURES: readonly Measure[] = Object.values(Measure);

/**
 * How units enter a reported indicator (issue 16 rule 10): the month's figure (`month`, default), or the year's
 * 累计 so far (`ytd`), from which Pacer derives and stores the month's increment. A rate (kind `ratio`) is a level
 * and is always entered as the month's figure.
 */
export const EntryMode = {
  Month: 'month',
  Ytd: 'ytd',
} as const;
export type EntryMode = (typeof EntryMode)[keyof typeof EntryMode];
export const ENTRY_MODES: readonly EntryMode[] = Object.values(EntryMode);

/**
 * How often units report an indicator (issue 16 rule 11): every month (`monthly`, default), only in the quarter's
 * last month 3/6/9/12 (`quarterly`), or when there is something to report (`optional`). A month not reported is no
 * row, never 0: the year-to-date figure is the sum of the months reported (a rate: its latest reported month).
 */
export const ReportFrequency = {
  Monthly: 'monthly',
  Quarterly: 'quarterly',
  Optional: 'optional',
} as const;
export type ReportFrequency = (typeof ReportFrequency)[keyof typeof ReportFrequency];
export const REPORT_FREQUENCIES: readonly ReportFrequency[] = Object.values(ReportFrequency);

/** Whether a value of the indicator is expected in month m (1..12): quarterly only in 3, 6, 9 and 12. */
export function isReportMonth(frequency: ReportFrequency | undefined, month: number): boolean {
  return frequency !== 'quarterly' || month % 3 === 0;
}

/** Whether a report must carry the indicator's value in month m (an optional indicator never must). */
export function isValueRequired(frequency: ReportFrequency | undefined, month: number): boolean {
  return frequency !== 'optional' && isReportMonth(frequency, month);
}

/** The currency of an amount's measure (issue 16 rule 12): 亿元/万元 CNY, 万美元 USD; null for counts and rates. */
export function currencyOfMeasure(measure: string): 'CNY' | 'USD' | null {
  if (measure === '万美元') return 'USD';
  return measure === '亿元' || measure === '万元' ? 'CNY' : null;
}
