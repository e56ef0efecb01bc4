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
import type { FormulaOptions, ItemScore, RatioFigures, ThresholdItem } from './types.js';

/** The default threshold: the target itself (100%). */
export const DEFAULT_THRESHOLD = '1';

/**
 * 达标赋分 (DOMAIN.md §5): full `points` when completion ≥ threshold, else 0; when met, plus `increment.points`
 * per `increment.per` of the actual over the target (whole units by default), at most `increment.max`.
 * 5 points for meeting the target, +0.1 per 1亿 (10000 万元) over, at most +2.
 */
export function scoreThreshold(
  item: ThresholdItem,
  figures: RatioFigures,
  options: FormulaOptions = {},
): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const full = new Dec(item.points);
  const threshold = new Dec(item.threshold ?? DEFAULT_THRESHOLD);
  const completion = completionOfFigures(figures);
  const inputs = {
    actual: plain(figures.actual),
    target: figures.target === null ? null : plain(figures.target),
    completion: completion === null ? null : completion.toFixed(),
    threshold: plain(threshold),
    points: plain(full),
  };
  if (completion === null || figures.target === null) return unscored(inputs, unscoredReason(figures));
  if (completion.lt(threshold)) {
    return {
      points: ZERO,
      formula: `完成率 ${pct(completion, decimals)} < ${pctPlain(threshold)} → ${fixed(0, decimals)}`,
      inputs,
      isScored: true,
    };
  }
  const head = `完成率 ${pct(completion, decimals)} ≥ ${pctPlain(threshold)} → `;
  const inc = item.increment;
  if (!inc) {
    return { points: roundScore(full), formula: `${head}${fixed(full, decimals)}`, inputs, isScored: true };
  }
  const per = new Dec(inc.per);
  const step = new Dec(inc.points);
  const max = optionalDec(inc.max, null);
  const excess = Dec.max(new Dec(figures.actual).minus(figures.target), ZERO);
  const isWhole = (inc.mode ?? 'whole') === 'whole';
  const units = isWhole ? excess.div(per).floor() : excess.div(per);
  const raw = step.mul(units);
  const bonus = max === null ? raw : Dec.min(raw, max);
  const points = roundScore(full.plus(bonus));
  const unitsText = isWhole ? `⌊${plain(excess)} ÷ ${plain(per)}⌋` : `${plain(excess)} ÷ ${plain(per)}`;
  const incText = `${plain(step)} × ${unitsText}`;
  const formula = `${head}${plain(full)} + ${max === null ? incText : `min(${incText}, ${plain(max)})`} = ${fixed(points, decimals, options.mode)}`;
  return {
    points,
    formula,
    inputs: {
      ...inputs,
      excess: plain(excess),
      per: plain(per),
      step: plain(step),
      max: max === null ? null : plain(max),
      increment: plain(bonus),
    },
    isScored: true,
  };
}
