import { Dec, type DecimalInput } from '../money/decimal.js';
import { roundBy, type RoundingMode } from './exact.js';
import type { ItemScore, ScoringInputs } from './types.js';

/**
 * Points are kept exact at this many decimal places (half-up) so that the items shown on a scorecard add up,
 * digit for digit, to its total; only the formula texts round further, for reading.
 */
export const SCORE_SCALE = 8;

/** Decimals of the formula texts unless the plan says otherwise. */
export const DEFAULT_DISPLAY_DECIMALS = 2;

export const ZERO = new Dec(0);

export function roundScore(value: Dec): Dec {
  return value.toDecimalPlaces(SCORE_SCALE);
}

/** A decimal as plain text without trailing zeros: '30', '0.1', never '-0'. */
export function plain(value: DecimalInput): string {
  return clean(new Dec(value).toFixed());
}

/** Rounded half-up (or by `mode`) to `decimals`: '19.50'. */
export function fixed(value: DecimalInput, decimals: number, mode: RoundingMode = 'half-up'): string {
  if (mode === 'half-up') return clean(new Dec(value).toFixed(decimals));
  return clean(roundBy(value, decimals, mode).toFixed(decimals));
}

/** A fraction as a percentage rounded for reading: 0.65 → '65.00%'. */
export function pct(fraction: DecimalInput, decimals: number): string {
  return `${fixed(new Dec(fraction).mul(100), decimals)}%`;
}

/** A configured fraction as a percentage without padding: 1.2 → '120%'. */
export function pctPlain(fraction: DecimalInput): string {
  return `${plain(new Dec(fraction).mul(100))}%`;
}

/** 万元 as 亿 without padding: 100000 → '10'. */
export function yi(wan: DecimalInput): string {
  return plain(new Dec(wan).div(10000));
}

/** '≥10亿' or '3–10亿' for a size band given in 万元. */
export function bandLabel(minWan: DecimalInput, maxWan?: DecimalInput | null): string {
  return maxWan === undefined || maxWan === null ? `≥${yi(minWan)}亿` : `${yi(minWan)}–${yi(maxWan)}亿`;
}

/** Optional decimal: undefined → the default, null → null (e.g. "no cap"). */
export function optionalDec(
  value: DecimalInput | null | undefined,
  fallback: DecimalInput | null,
): Dec | null {
  if (value === undefined) return fallback === null ? null : new Dec(fallback);
  if (value === null) return null;
  return new Dec(value);
}

/** The "—" of an item the unit cannot be scored on: 0 points and the reason. */
export function unscored(inputs: ScoringInputs, reason: string): ItemScore {
  return { points: ZERO, formula: `—（${reason}）`, inputs, isScored: false };
}

export const NO_TARGET = '无目标任务，不计分';

function clean(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
