import { dec, type DecimalInput } from '../money/decimal.js';
import { formatNumber, formatPercent, WAN_PER_YI } from '../money/wan-yuan.js';

// How an indicator's stored figure is drawn (the web's cards and charts, the 通报's charts): money is stored in 万元 and drawn in its measure (亿元 by default),
// ratios as percentages, counts as they are. Charts need numbers; the texts stay exact decimals.

export interface IndicatorShape {
  kind: string;
  measure: string;
}

/** The number a chart plots for a stored figure (亿元 for an amount in 亿元, percent for a ratio). */
export function chartValue(value: DecimalInput | null | undefined, shape: IndicatorShape): number | null {
  if (value === null || value === undefined || value === '') return null;
  const d = dec(value);
  if (shape.kind === 'ratio') return d.mul(100).toDecimalPlaces(4).toNumber();
  if (shape.kind === 'amount' && shape.measure === '亿元')
    return d.div(WAN_PER_YI).toDecimalPlaces(6).toNumber();
  return d.toDecimalPlaces(4).toNumber();
}

/** The text of a stored figure in its measure, without the unit: '2492400' (亿元) → '249.24'. */
export function figureText(
  value: DecimalInput | null | undefined,
  shape: IndicatorShape,
  decimals = 2,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (shape.kind === 'ratio') return formatPercent(value, decimals);
  if (shape.kind === 'amount' && shape.measure === '亿元') return formatNumber(dec(value).div(WAN_PER_YI), 2);
  if (shape.kind === 'amount') return formatNumber(value, 2);
  // Counts: whole numbers plainly, fractions (target × curve, shared credit) to two places.
  return formatNumber(value, dec(value).isInteger() ? 0 : 2);
}

/**
 * The unit written after a figure: the measure (through `label`, e.g. the translated measure), nothing for a
 * ratio (the text carries '%').
 */
export function figureUnit(shape: IndicatorShape, label: (measure: string) => string = (m) => m): string {
  return shape.kind === 'ratio' ? '' : label(shape.measure);
}

/**
 * A year-end forecast in its measure, without the unit (issue 14): a count is forecast to a whole number, rounded
 * half-up (四舍五入取整: 1.20 个 → 1, 2.5 → 3) — nobody signs 1.2 projects; an amount keeps 2 decimals (亿元 or 万元),
 * a ratio the plan's decimals as a percentage.
 */
export function forecastText(value: DecimalInput | null | undefined, shape: IndicatorShape, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  if (shape.kind === 'count') return formatNumber(dec(value).toDecimalPlaces(0), 0);
  return figureText(value, shape, decimals);
}
