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
} as const;
export type Measure = (typeof Measure)[keyof typeof Measure];
export const MEASURES: readonly Measure[] = Object.values(Measure);
