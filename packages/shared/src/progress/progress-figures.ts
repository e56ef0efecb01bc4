import type { TrafficLight } from '../enums/project-enums.js';
import { Dec, type DecimalInput } from '../money/decimal.js';
import { expectedFraction } from '../periods/time-progress.js';
import { Fraction } from '../scoring/exact.js';

/** The default yellow band of a plan, in percentage points below time progress (DOMAIN.md §4). */
export const DEFAULT_YELLOW_BAND = '10';

/**
 * completion = year-to-date actual ÷ annual target, exact (40 significant digits; rounding is for display only).
 * null without a target, and for a target of 0 (there is nothing to divide by: the unit shows "—").
 */
export function completionOf(
  actual: DecimalInput | Fraction,
  target: DecimalInput | null | undefined,
): Dec | null {
  if (target === null || target === undefined || target === '') return null;
  const t = new Dec(target);
  if (t.lte(0)) return null;
  // an exact ratio (numerator ÷ denominator) is divided once, so an exact completion stays exact
  if (actual instanceof Fraction) return new Dec(actual.n.toString()).div(t.mul(actual.d.toString()));
  return new Dec(actual).div(t);
}

/** completion as an exact fraction; null without a target (or a target ≤ 0). */
export function exactCompletionOf(
  actual: DecimalInput | Fraction,
  target: DecimalInput | null | undefined,
): Fraction | null {
  if (target === null || target === undefined || target === '') return null;
  const t = Fraction.of(target);
  if (t.n <= 0n) return null;
  return Fraction.of(actual).div(t);
}

export interface ExactCellFigures {
  completion: string | null;
  gapPp: string | null;
  light: TrafficLight | null;
  /** The exact completion the light was decided on (for the published, rounded figures). */
  exactCompletion?: Fraction;
}

/**
 * Completion, gap and light computed from exact fractions (issue 16, defect 3): a rate of 1/12 at month 1 is
 * exactly on 序时进度 and green. `actual` null = no value (a ratio whose denominator is 0, a rate not reported):
 * "—", no light. The published completion and gap are the exact values at 40 significant digits.
 */
export function exactCellFigures(
  actual: DecimalInput | Fraction | null,
  target: DecimalInput | null | undefined,
  expected: DecimalInput | Fraction,
  yellowBand: DecimalInput | Fraction = DEFAULT_YELLOW_BAND,
): ExactCellFigures {
  if (actual === null) return { completion: null, gapPp: null, light: null };
  const exact = exactCompletionOf(actual, target);
  if (exact === null) return { completion: null, gapPp: null, light: null };
  const gap = exact.minus(expected).mul(100);
  const light: TrafficLight = gap.cmp(0) >= 0 ? 'green' : gap.plus(yellowBand).cmp(0) >= 0 ? 'yellow' : 'red';
  const completion = completionOf(actual, target)!;
  // the light is decided on the exact gap; the published gap is the 40-digit one (exactly 0 when on 序时进度)
  const expectedDec = expected instanceof Fraction ? expected.toDec() : new Dec(expected);
  return {
    completion: completion.toFixed(),
    gapPp: gap.isZero() ? '0' : gapPpOf(completion, expectedDec).toFixed(),
    light,
    exactCompletion: exact,
  };
}

/** gap = (completion − expected) × 100, in percentage points (超/欠序时进度). */
export function gapPpOf(completion: DecimalInput, expected: DecimalInput): Dec {
  return new Dec(completion).minus(expected).mul(100);
}

/** green when gap ≥ 0; yellow when gap ≥ −yellowBand; red under that. */
export function lightOf(gapPp: DecimalInput, yellowBand: DecimalInput = DEFAULT_YELLOW_BAND): TrafficLight {
  const gap = new Dec(gapPp);
  if (gap.gte(0)) return 'green';
  if (gap.gte(new Dec(yellowBand).neg())) return 'yellow';
  return 'red';
}

export interface ProgressFiguresInput {
  actual: DecimalInput;
  target: DecimalInput | null | undefined;
  /** Month of the plan's year, 1..12. */
  monthNo: number;
  /** The plan's curve (12 cumulative fractions), null = exact m/12. */
  curve: readonly string[] | null | undefined;
  yellowBand?: DecimalInput;
  /** A ratio's parts: the value is exactly numerator ÷ denominator; a denominator of 0 is no value ("—"). */
  numerator?: DecimalInput | null;
  denominator?: DecimalInput | null;
  /** false: the unit has no value on the indicator (a rate not reported): "—", no light. Default true. */
  hasValue?: boolean;
  /** The indicator's own time progress at the month (fraction), when it differs from the plan's curve. */
  expected?: DecimalInput | Fraction;
}

export interface ProgressFigures {
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: TrafficLight | null;
}

/** Completion, time progress, gap and light of one unit × indicator at a month, as exact decimal strings. */
export function progressFigures(input: ProgressFiguresInput): ProgressFigures {
  const expected =
    input.expected === undefined
      ? expectedFractionExact(input.curve, input.monthNo)
      : Fraction.of(input.expected);
  const figures = exactCellFigures(
    exactActual(input),
    input.target,
    expected,
    input.yellowBand ?? DEFAULT_YELLOW_BAND,
  );
  return {
    completion: figures.completion,
    expected: expected.toDec().toFixed(),
    gapPp: figures.gapPp,
    light: figures.light,
  };
}

/** The plan's time progress at month m as an exact fraction (m/12 without a curve). */
export function expectedFractionExact(curve: readonly string[] | null | undefined, m: number): Fraction {
  const value = expectedFraction(curve, m);
  return !curve || curve.length === 0 ? Fraction.ratio(m, 12)! : Fraction.of(value);
}

/** The exact actual of a figure: numerator ÷ denominator when given (null when the denominator is 0). */
export function exactActual(input: {
  actual: DecimalInput;
  numerator?: DecimalInput | null;
  denominator?: DecimalInput | null;
  hasValue?: boolean;
}): Fraction | null {
  if (input.hasValue === false) return null;
  if (
    input.numerator !== undefined &&
    input.numerator !== null &&
    input.denominator !== undefined &&
    input.denominator !== null
  )
    return Fraction.ratio(input.numerator, input.denominator);
  return Fraction.of(input.actual);
}
