import type { Dec } from '../money/decimal.js';
import { completionOf } from '../progress/progress-figures.js';
import { NO_TARGET } from './format.js';
import type { RatioFigures } from './types.js';

/** The reason of a "—" when the unit has no value at all (issue 16, defect 2). */
export const NO_VALUE = '无有效数值（分母为 0 或未报送），不计分';

/** completion = actual ÷ target, from the exact actual; null without a target or without a value. */
export function completionOfFigures(figures: RatioFigures): Dec | null {
  if (figures.exact === null) return null;
  return completionOf(figures.exact ?? figures.actual, figures.target);
}

/** Why an item could not be scored on these figures. */
export function unscoredReason(figures: RatioFigures): string {
  return figures.exact === null ? NO_VALUE : NO_TARGET;
}
