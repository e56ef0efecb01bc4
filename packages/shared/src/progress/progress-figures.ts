import type { TrafficLight } from '../enums/project-enums.js';
import { Dec, type DecimalInput } from '../money/decimal.js';
import { expectedFraction } from '../periods/time-progress.js';

/** The default yellow band of a plan, in percentage points below time progress (DOMAIN.md §4). */
export const DEFAULT_YELLOW_BAND = '10';

/**
 * completion = year-to-date actual ÷ annual target, exact (40 significant digits; rounding is for display only).
 * null without a target, and for a target of 0 (there is nothing to divide by: the unit shows "—").
 */
export function completionOf(actual: DecimalInput, target: DecimalInput | null | undefined): Dec | null {
  if (target === null || target === undefined || target === '') return null;
  const t = new Dec(target);
  if (t.lte(0)) return null;
  return new Dec(actual).div(t);
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
}

export interface ProgressFigures {
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: TrafficLight | null;
}

/** Completion, time progress, gap and light of one unit × indicator at a month, as exact decimal strings. */
export function progressFigures(input: ProgressFiguresInput): ProgressFigures {
  const expected = expectedFraction(input.curve, input.monthNo);
  const completion = completionOf(input.actual, input.target);
  if (completion === null)
    return { completion: null, expected: expected.toFixed(), gapPp: null, light: null };
  const gap = gapPpOf(completion, expected);
  return {
    completion: completion.toFixed(),
    expected: expected.toFixed(),
    gapPp: gap.toFixed(),
    light: lightOf(gap, input.yellowBand ?? DEFAULT_YELLOW_BAND),
  };
}
