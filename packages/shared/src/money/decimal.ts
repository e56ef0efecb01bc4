import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type of Pacer: 40 significant digits, half-up rounding.
 * Money never touches a JS float; it travels as decimal strings and is computed with this.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;
export type DecimalInput = string | number | Dec;

export function dec(value: DecimalInput): Dec {
  return new Dec(value);
}
