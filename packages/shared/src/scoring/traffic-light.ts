import type { TrafficLight } from '../enums/project-enums.js';
import type { DecimalInput } from '../money/decimal.js';
import { completionOf, DEFAULT_YELLOW_BAND, gapPpOf, lightOf } from '../progress/progress-figures.js';

export interface CellFigures {
  /** actual ÷ target, exact; null without a target (or with a target of 0): "—". */
  completion: string | null;
  /** (completion − expected) × 100, exact; null without a target. */
  gapPp: string | null;
  /** green when gap ≥ 0, yellow when gap ≥ −yellowBand, else red; null without a target. */
  light: TrafficLight | null;
}

/**
 * Completion, gap to time progress and 亮灯 of one unit × indicator (DOMAIN.md §4), the rule being the one of
 * progress/progress-figures.ts; `expected` is the plan's time progress at the month, computed once per plan.
 */
export function cellFigures(
  actual: DecimalInput,
  target: DecimalInput | null,
  expected: DecimalInput,
  yellowBand: DecimalInput = DEFAULT_YELLOW_BAND,
): CellFigures {
  const completion = completionOf(actual, target);
  if (completion === null) return { completion: null, gapPp: null, light: null };
  const gap = gapPpOf(completion, expected);
  return { completion: completion.toFixed(), gapPp: gap.toFixed(), light: lightOf(gap, yellowBand) };
}
