import { Dec, type DecimalInput } from './decimal.js';

/** Amount text accepted by the API: up to 14 integer digits and 4 decimals, no sign, no separators. */
export const DECIMAL_STRING_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;
/** The same, with an optional minus sign (for fields that allow corrections). */
export const SIGNED_DECIMAL_STRING_PATTERN = /^-?\d{1,14}(\.\d{1,4})?$/;

export function isDecimalString(value: unknown, options: { allowNegative?: boolean } = {}): value is string {
  if (typeof value !== 'string') return false;
  return (options.allowNegative ? SIGNED_DECIMAL_STRING_PATTERN : DECIMAL_STRING_PATTERN).test(value);
}

/** 1 亿元 = 10,000 万元. */
export const WAN_PER_YI = 10000;

/** Exact conversion 万元 → 亿元 as a decimal string (no rounding). */
export function wanToYi(wan: DecimalInput): string {
  return new Dec(wan).div(WAN_PER_YI).toFixed();
}

/** Exact conversion 亿元 → 万元 as a decimal string. */
export function yiToWan(yi: DecimalInput): string {
  return new Dec(yi).mul(WAN_PER_YI).toFixed();
}

/** Exact sum of decimal strings. */
export function sumDecimals(values: readonly DecimalInput[]): string {
  return values.reduce<InstanceType<typeof Dec>>((acc, v) => acc.plus(v), new Dec(0)).toFixed();
}

/**
 * A decimal with thousands separators, rounded half-up to `decimals` places:
 * formatNumber('1234567.005', 2) → '1,234,567.01'.
 */
export function formatNumber(value: DecimalInput | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const fixed = new Dec(value).toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [intPart, fracPart] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fracPart !== undefined ? `.${fracPart}` : ''}`;
}

export type AmountUnit = '亿元' | '万元';

/**
 * An amount stored in 万元 shown in 亿元 (default, 2 decimals) or 万元, with separators.
 * formatAmount('3000000') → '300.00'; with `withUnit` → '300.00亿元'.
 */
export function formatAmount(
  wan: DecimalInput | null | undefined,
  options: { unit?: AmountUnit; decimals?: number; withUnit?: boolean } = {},
): string {
  const unit = options.unit ?? '亿元';
  if (wan === null || wan === undefined || wan === '') return '—';
  const value = unit === '亿元' ? new Dec(wan).div(WAN_PER_YI) : new Dec(wan);
  const text = formatNumber(value, options.decimals ?? (unit === '亿元' ? 2 : 0));
  return options.withUnit ? `${text}${unit}` : text;
}

/** A ratio (0.65) as a percentage text ('65.00%'), rounded half-up. */
export function formatPercent(ratio: DecimalInput | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  return `${new Dec(ratio).mul(100).toFixed(decimals)}%`;
}

/** A gap in percentage points with its sign: '+15.00' / '-8.33'. */
export function formatPoints(pp: DecimalInput | null | undefined, decimals = 2): string {
  if (pp === null || pp === undefined || pp === '') return '—';
  const d = new Dec(pp);
  const text = d.toFixed(decimals);
  return d.isNeg() || text.startsWith('-') ? text : `+${text}`;
}
