import { Dec } from '../money/decimal.js';

/** The default linear curve: month m expects m/12 of the year's target. Stored as decimal strings. */
export function linearCurve(decimals = 6): string[] {
  return Array.from({ length: 12 }, (_, i) => new Dec(i + 1).div(12).toDecimalPlaces(decimals).toFixed());
}

/**
 * Expected cumulative fraction of the annual target by month `m` (1..12).
 * With no curve the exact m/12 is used (so October is 83.33…%, not a rounded 0.8333).
 */
export function expectedFraction(curve: readonly string[] | null | undefined, m: number): InstanceType<typeof Dec> {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month index out of range: ${m}`);
  if (!curve || curve.length === 0) return new Dec(m).div(12);
  const value = curve[m - 1];
  if (value === undefined) throw new RangeError(`curve has no value for month ${m}`);
  return new Dec(value);
}

/** Problems with a curve: 12 values, each in [0, 1], never decreasing, the last equal to 1. */
export function validateCurve(curve: readonly unknown[]): string[] {
  const problems: string[] = [];
  if (curve.length !== 12) return ['curve must have exactly 12 values'];
  let previous = new Dec(0);
  curve.forEach((raw, i) => {
    if (typeof raw !== 'string' || !/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test(raw)) {
      problems.push(`curve[${i}] must be a decimal string between 0 and 1`);
      return;
    }
    const value = new Dec(raw);
    if (value.lt(previous)) problems.push(`curve[${i}] must not be below curve[${i - 1}]`);
    previous = value;
  });
  if (problems.length === 0 && !new Dec(curve[11] as string).eq(1)) problems.push('curve[11] must be 1');
  return problems;
}
