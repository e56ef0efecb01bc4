import { Dec } from '../money/decimal.js';
import { completionOfFigures, unscoredReason } from './figures.js';
import { cappedCompletion, DEFAULT_COMPLETION_CAP } from './completion.js';
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
import type { CompositeItem, FormulaOptions, ItemScore, RatioFigures, ScoringInputValue } from './types.js';

/**
 * Composite completion (DOMAIN.md §5): completion = Σ share × ratio of each part (each ratio optionally capped
 * on its own), then points = weight × min(completion, cap) as in `completion`.
 * Signing: ½ × count ratio + ½ × amount ratio, capped at 100%.
 * Every part needs a target: a unit without one on any part is not scored on the item ("—", 0 points).
 * `figures` holds the unit's actual and target of each part's indicator, by indicator code.
 */
export function scoreComposite(
  item: CompositeItem,
  figures: Readonly<Record<string, RatioFigures>>,
  options: FormulaOptions = {},
): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const weight = new Dec(item.weight);
  const cap = optionalDec(item.cap, DEFAULT_COMPLETION_CAP);
  const parts = item.parts.map((part) => {
    const f = figures[part.indicator] ?? { actual: 0, target: null };
    const ratio = completionOfFigures(f);
    const partCap = optionalDec(part.cap, null);
    const used = ratio === null ? null : partCap === null ? ratio : Dec.min(ratio, partCap);
    return { part, f, ratio, used, partCap, share: new Dec(part.share) };
  });
  const inputs = {
    parts: parts.map(({ part, f, ratio, partCap }): ScoringInputValue => ({
      indicator: part.indicator,
      share: plain(part.share),
      actual: plain(f.actual),
      target: f.target === null ? null : plain(f.target),
      ratio: ratio === null ? null : ratio.toFixed(),
      cap: partCap === null ? null : plain(partCap),
    })),
    weight: plain(weight),
    cap: cap === null ? null : plain(cap),
  };
  const missing = parts.find((p) => p.used === null);
  if (missing) return unscored(inputs, unscoredReason(missing.f));
  const completion = parts.reduce((sum, p) => sum.plus(p.share.mul(p.used as Dec)), ZERO);
  const points = roundScore(weight.mul(cappedCompletion(completion, cap)));
  const mix = parts
    .map((p) => {
      const ratioText =
        p.partCap === null
          ? pct(p.ratio as Dec, decimals)
          : `min(${pct(p.ratio as Dec, decimals)}, ${pctPlain(p.partCap)})`;
      return `${plain(p.share)} × ${ratioText}`;
    })
    .join(' + ');
  const mixed = cap === null ? (parts.length > 1 ? `(${mix})` : mix) : `min(${mix}, ${pctPlain(cap)})`;
  const formula = `${plain(weight)} × ${completion.isNeg() ? `max(${mixed}, 0)` : mixed} = ${plain(weight)} × ${pct(
    cappedCompletion(completion, cap),
    decimals,
  )} = ${fixed(points, decimals, options.mode)}`;
  return { points, formula, inputs: { ...inputs, completion: completion.toFixed() }, isScored: true };
}
