import { formatAmount, formatNumber, formatPercent, formatPoints } from '@pacer/shared';
import type { AmountUnit, DecimalInput } from '@pacer/shared';

// The one place views format figures: exact decimals, half-up, '—' for a missing value.
// Thin wrappers so that a change of house format (decimals, separators) is one edit.

type Figure = DecimalInput | null | undefined;

/** 万元 → 亿元 text without the unit: '3000000' → '300.00'. */
export function amountYi(wan: Figure, decimals = 2): string {
  return formatAmount(wan, { unit: '亿元', decimals });
}

/** 万元 as 万元 text without the unit: '123456.7' → '123,457'. */
export function amountWan(wan: Figure, decimals = 0): string {
  return formatAmount(wan, { unit: '万元', decimals });
}

/** An amount with its unit: '300.00亿元' or '3,000,000万元'. */
export function amountWithUnit(wan: Figure, unit: AmountUnit = '亿元', decimals?: number): string {
  return formatAmount(wan, { unit, decimals, withUnit: true });
}

/** A ratio as a percentage: '0.65' → '65.00%'. */
export function percent(ratio: Figure, decimals = 2): string {
  return formatPercent(ratio, decimals);
}

/** A gap in percentage points with its sign: '+15.00', '-8.33'. */
export function points(pp: Figure, decimals = 2): string {
  return formatPoints(pp, decimals);
}

/** Any number with thousands separators: '1234567.005' → '1,234,567.01'. */
export function thousands(value: Figure, decimals = 2): string {
  return formatNumber(value, decimals);
}
