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
} as const;
export type Measure = (typeof Measure)[keyof typeof Measure];
export const MEASURES: readonly Measure[] = Object.values(Measure);
