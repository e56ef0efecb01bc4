import { Dec } from '../money/decimal.js';
import { DEFAULT_DISPLAY_DECIMALS, fixed, plain, roundScore, unscored } from './format.js';
import { unscoredReason } from './figures.js';
import { basisText, poolValues } from './pool.js';
import type { FormulaOptions, ItemScore, PoolMember, RelativeItem } from './types.js';

/**
 * 功效系数法 (DOMAIN.md §5): within the group, the best value earns `max`, the worst `min`, linearly between:
 * min + (value − worst) ÷ (best − worst) × (max − min). Values 10, 6, 2 with 100/60 → 100, 80, 60.
 * Units without a target are left out ("—"); when best = worst every unit earns `max`.
 * `pool` is one ranking group's units the item applies to. Answers a score per unit id.
 */
export function scoreRelative(
  item: RelativeItem,
  pool: readonly PoolMember[],
  options: FormulaOptions = {},
): Map<number, ItemScore> {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const basis = item.basis ?? 'completion';
  const max = new Dec(item.max);
  const min = new Dec(item.min);
  const values = poolValues(pool, basis);
  const compared = values.flatMap((v) => (v.value === null ? [] : [v.value]));
  const best = compared.length > 0 ? Dec.max(...compared) : null;
  const worst = compared.length > 0 ? Dec.min(...compared) : null;
  const scores = new Map<number, ItemScore>();
  for (const { member, value } of values) {
    const inputs = {
      basis,
      actual: plain(member.actual),
      target: member.target === null ? null : plain(member.target),
      value: value === null ? null : value.toFixed(),
      best: best === null ? null : best.toFixed(),
      worst: worst === null ? null : worst.toFixed(),
      max: plain(max),
      min: plain(min),
      compared: compared.length,
    };
    if (value === null || best === null || worst === null) {
      scores.set(member.unitId, unscored(inputs, unscoredReason(member)));
      continue;
    }
    if (best.eq(worst)) {
      const points = roundScore(max);
      scores.set(member.unitId, {
        points,
        formula: `组内最优 = 最差 → ${fixed(points, decimals, options.mode)}`,
        inputs,
        isScored: true,
      });
      continue;
    }
    const points = roundScore(min.plus(value.minus(worst).div(best.minus(worst)).mul(max.minus(min))));
    const t = (d: Dec) => basisText(d, basis, decimals);
    const formula = `${plain(min)} + (${t(value)} − ${t(worst)}) ÷ (${t(best)} − ${t(worst)}) × (${plain(max)} − ${plain(min)}) = ${fixed(points, decimals, options.mode)}`;
    scores.set(member.unitId, { points, formula, inputs, isScored: true });
  }
  return scores;
}
