import type { DecimalInput } from '@pacer/shared';
import { Dec } from '@pacer/shared';

import { amountYi, percent, thousands } from './format';

// How an indicator's figures read: amounts are stored in 万元 whatever the measure and shown in the
// indicator's measure (亿元 two decimals, 万元 with separators), counts with separators, ratios as percentages.

type Figure = DecimalInput | null | undefined;

const MEASURE_KEYS: Record<string, string> = {
  亿元: 'measures.yi',
  万元: 'measures.wan',
  个: 'measures.ge',
  次: 'measures.ci',
  条: 'measures.tiao',
  家: 'measures.jia',
  批次: 'measures.pici',
  人次: 'measures.renci',
  万美元: 'measures.wanUsd',
  '%': 'measures.percent',
};

/** i18n key of a measure's label ('亿元' → 'measures.yi'); null for an unknown measure (shown as it is). */
export function measureKey(measure: string): string | null {
  return MEASURE_KEYS[measure] ?? null;
}

export function measureLabel(measure: string, t: (key: string) => string): string {
  const key = measureKey(measure);
  return key ? t(key) : measure;
}

/** Decimals a plain figure needs: none for a whole number, else up to `max` (trailing zeros dropped). */
function naturalDecimals(value: DecimalInput, max: number): number {
  return Math.min(new Dec(value).decimalPlaces(), max);
}

/**
 * A figure of an indicator without its unit: '3000000' (亿元) → '300.00'; '12' (个) → '12'; '0.6' (%) → '60.00%'.
 * `ratioDecimals` is the plan's display decimals.
 */
export function indicatorFigure(value: Figure, kind: string, measure: string, ratioDecimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'ratio') return percent(value, ratioDecimals);
  if (kind === 'amount' && measure === '亿元') return amountYi(value);
  return thousands(value, naturalDecimals(value, kind === 'amount' ? 2 : 4));
}

/** Whether the figure carries its own unit ('%'), so no measure label follows it. */
export function figureHasUnit(kind: string): boolean {
  return kind === 'ratio';
}
