import { Dec } from '../money/decimal.js';
import { completionOfFigures, unscoredReason } from './figures.js';
import {
  DEFAULT_DISPLAY_DECIMALS,
  fixed,
  optionalDec,
  pct,
  pctPlain,
  plain,
  roundScore,
  unscored,
  ZERO,
} from './format.js';
import type { CompletionItem, FormulaOptions, ItemScore, RatioFigures } from './types.js';

/** The default completion cap: 100%. */
export const DEFAULT_COMPLETION_CAP = '1';

/** max(0, min(completion, cap)); a negative year-to-date (corrections) never scores below 0. */
export function cappedCompletion(completion: Dec, cap: Dec | null): Dec {
  const capped = cap === null ? completion : Dec.min(completion, cap);
  return Dec.max(capped, ZERO);
}

/** 'min(65.00%, 120%)', '65.00%' without a cap, 'max(min(-5.00%, 120%), 0)' when negative. */
export function cappedCompletionText(completion: Dec, cap: Dec | null, decimals: number): string {
  const base =
    cap === null ? pct(completion, decimals) : `min(${pct(completion, decimals)}, ${pctPlain(cap)})`;
  return completion.isNeg() ? `max(${base}, 0)` : base;
}

/**
 * 完成率赋分 (DOMAIN.md §5): points = weight × min(completion, cap).
 * Weight 30, cap 120%: 65% → 19.50; 130% → 36.00. No target → "—", 0 points.
 */
export function scoreCompletion(
  item: CompletionItem,
  figures: RatioFigures,
  options: FormulaOptions = {},
): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const weight = new Dec(item.weight);
  const cap = optionalDec(item.cap, DEFAULT_COMPLETION_CAP);
  const completion = completionOfFigures(figures);
  const inputs = {
    actual: plain(figures.actual),
    target: figures.target === null ? null : plain(figures.target),
    completion: completion === null ? null : completion.toFixed(),
    weight: plain(weight),
    cap: cap === null ? null : plain(cap),
  };
  if (completion === null) return unscored(inputs, unscoredReason(figures));
  const points = roundScore(weight.mul(cappedCompletion(completion, cap)));
  return {
    points,
    formula: `${plain(weight)} × ${cappedCompletionText(completion, cap, decimals)} = ${fixed(points, decimals, options.mode)}`,
    inputs,
    isScored: true,
  };
}
