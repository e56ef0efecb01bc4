import type { TrafficLight } from '../enums/project-enums.js';
import type { DecimalInput } from '../money/decimal.js';
import { DEFAULT_YELLOW_BAND, exactCellFigures } from '../progress/progress-figures.js';
import type { Fraction } from './exact.js';

export interface CellFigures {
  /** actual ÷ target, exact; null without a target (or with a target of 0), or without a value: "—". */
  completion: string | null;
  /** (completion − expected) × 100, exact; null without a target. */
  gapPp: string | null;
  /** green when gap ≥ 0, yellow when gap ≥ −yellowBand, else red; null without a target. */
  light: TrafficLight | null;
}

/**
 * Completion, gap to time progress and 亮灯 of one unit × indicator (DOMAIN.md §4), the rule being the one of
 * progress/progress-figures.ts; `expected` is the indicator's time progress at the month. Compared on exact
 * fractions (an `actual` may be an exact ratio of its parts); `actual` null = no value ("—", no light).
 */
export function cellFigures(
  actual: DecimalInput | Fraction | null,
  target: DecimalInput | null,
  expected: DecimalInput | Fraction,
  yellowBand: DecimalInput = DEFAULT_YELLOW_BAND,
): CellFigures {
  const { completion, gapPp, light } = exactCellFigures(actual, target, expected, yellowBand);
  return { completion, gapPp, light };
}
