import { Dec } from '../money/decimal.js';
import { DEFAULT_DISPLAY_DECIMALS, fixed, plain, roundScore, unscored } from './format.js';
import { unscoredReason } from './figures.js';
import { poolValues } from './pool.js';
import { assignRanks } from './ties.js';
import type { FormulaOptions, ItemScore, PoolMember, RankItem } from './types.js';

/**
 * 名次赋分 (DOMAIN.md §5): within the group, place 1 earns `weight`, each place below `step` less, never below
 * `floor` (default 0): max(weight − (place − 1) × step, floor). Equal values share the place (1, 1, 3).
 * Units without a target are left out ("—") and take no place. Answers a score per unit id.
 */
export function scoreRank(
  item: RankItem,
  pool: readonly PoolMember[],
  options: FormulaOptions = {},
): Map<number, ItemScore> {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const basis = item.basis ?? 'completion';
  const weight = new Dec(item.weight);
  const step = new Dec(item.step);
  const floor = new Dec(item.floor ?? '0');
  const values = poolValues(pool, basis);
  const ranked = assignRanks(
    values.flatMap((v) =>
      v.value === null ? [] : [{ id: v.member.unitId, sortOrder: v.member.sortOrder, score: v.value }],
    ),
  );
  const placeOf = new Map(ranked.map((r) => [r.entry.id, r.rank]));
  const scores = new Map<number, ItemScore>();
  for (const { member, value } of values) {
    const place = placeOf.get(member.unitId) ?? null;
    const inputs = {
      basis,
      actual: plain(member.actual),
      target: member.target === null ? null : plain(member.target),
      value: value === null ? null : value.toFixed(),
      place,
      ranked: ranked.length,
      weight: plain(weight),
      step: plain(step),
      floor: plain(floor),
    };
    if (place === null) {
      scores.set(member.unitId, unscored(inputs, unscoredReason(member)));
      continue;
    }
    const raw = weight.minus(step.mul(place - 1));
    const points = roundScore(Dec.max(raw, floor));
    const expr = `${plain(weight)} − (${place} − 1) × ${plain(step)}`;
    const shown = raw.lt(floor) ? `max(${expr}, ${plain(floor)})` : expr;
    scores.set(member.unitId, {
      points,
      formula: `第 ${place} 名 → ${shown} = ${fixed(points, decimals, options.mode)}`,
      inputs,
      isScored: true,
    });
  }
  return scores;
}
