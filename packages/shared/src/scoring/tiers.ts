import { Dec } from '../money/decimal.js';
import { completionOfFigures, unscoredReason } from './figures.js';
import { DEFAULT_DISPLAY_DECIMALS, fixed, pct, pctPlain, plain, roundScore, unscored } from './format.js';
import type { FormulaOptions, ItemScore, RatioFigures, TiersItem } from './types.js';

/**
 * 分档赋分 (DOMAIN.md §5): the points of the highest tier whose `min` the completion reaches (≥), else
 * `otherwise` (default 0). ≥100% → 100, ≥80% → 75, ≥50% → 50, else 0.
 */
export function scoreTiers(item: TiersItem, figures: RatioFigures, options: FormulaOptions = {}): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const completion = completionOfFigures(figures);
  const tiers = [...item.tiers].sort((a, b) => new Dec(b.min).comparedTo(a.min));
  const otherwise = new Dec(item.otherwise ?? '0');
  const inputs = {
    actual: plain(figures.actual),
    target: figures.target === null ? null : plain(figures.target),
    completion: completion === null ? null : completion.toFixed(),
    tiers: tiers.map((t) => ({ min: plain(t.min), points: plain(t.points) })),
    otherwise: plain(otherwise),
  };
  if (completion === null) return unscored(inputs, unscoredReason(figures));
  const reached = tiers.find((t) => completion.gte(t.min));
  if (reached) {
    const points = roundScore(new Dec(reached.points));
    return {
      points,
      formula: `完成率 ${pct(completion, decimals)} ≥ ${pctPlain(reached.min)} → ${fixed(points, decimals, options.mode)}`,
      inputs,
      isScored: true,
    };
  }
  const lowest = tiers[tiers.length - 1];
  const points = roundScore(otherwise);
  const formula = lowest
    ? `完成率 ${pct(completion, decimals)} < ${pctPlain(lowest.min)} → ${fixed(points, decimals, options.mode)}`
    : `→ ${fixed(points, decimals, options.mode)}`;
  return { points, formula, inputs, isScored: true };
}
