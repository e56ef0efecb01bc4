import { Dec } from '../money/decimal.js';
import {
  bandLabel,
  DEFAULT_DISPLAY_DECIMALS,
  fixed,
  optionalDec,
  plain,
  roundScore,
  ZERO,
} from './format.js';
import type { BandShortfallItem, FormulaOptions, ItemScore, UnitFacts } from './types.js';

/**
 * 分档缺项扣分 (DOMAIN.md §5): base − perMissing × each project missing from a required size band, never below
 * `floor` (default 0). Bands 3–10 / 10–20 / ≥20亿 requiring 7 / 4 / 1, −0.1 per missing one. A band counts the
 * projects of the item's list with minWan ≤ agreed < maxWan (or its own counter); with `higherFillsLower` a
 * surplus in a higher band covers a shortfall below it.
 */
export function scoreBandShortfall(
  item: BandShortfallItem,
  facts: UnitFacts,
  options: FormulaOptions = {},
): ItemScore {
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  const base = new Dec(item.base);
  const floor = optionalDec(item.floor, '0');
  const bands = [...item.bands].sort((a, b) => new Dec(a.minWan).comparedTo(b.minWan));
  const projects = item.projects === undefined ? [] : (facts.projects[item.projects] ?? []);
  const have = bands.map((band) => {
    if (item.projects === undefined) return new Dec(facts.counts[band.counter ?? ''] ?? 0);
    const max = band.maxWan === undefined || band.maxWan === null ? null : new Dec(band.maxWan);
    return projects.reduce((n, p) => {
      const agreed = new Dec(p.agreedWan);
      return agreed.gte(band.minWan) && (max === null || agreed.lt(max)) ? n.plus(p.share ?? 1) : n;
    }, ZERO);
  });
  const missing = bands.map(() => ZERO);
  let carry = ZERO;
  for (let i = bands.length - 1; i >= 0; i -= 1) {
    const required = new Dec(bands[i]!.required);
    const available = have[i]!.plus(item.higherFillsLower ? carry : ZERO);
    missing[i] = Dec.max(required.minus(available), ZERO);
    carry = Dec.max(available.minus(required), ZERO);
  }
  const per = bands.map((b) => new Dec(b.perMissing ?? item.perMissing));
  const deducted = bands.reduce((sum, _b, i) => sum.plus(missing[i]!.mul(per[i]!)), ZERO);
  const raw = base.minus(deducted);
  const isFloored = floor !== null && raw.lt(floor);
  const points = roundScore(isFloored ? (floor as Dec) : raw);
  const labels = bands.map((b) => b.label ?? bandLabel(b.minWan, b.maxWan));
  const expr = [
    plain(base),
    ...bands.map((_b, i) => `${labels[i]}缺 ${plain(missing[i]!)} × ${plain(per[i]!)}`),
  ].join(' − ');
  return {
    points,
    formula: `${isFloored ? `max(${expr}, ${plain(floor as Dec)})` : expr} = ${fixed(points, decimals, options.mode)}`,
    inputs: {
      base: plain(base),
      floor: floor === null ? null : plain(floor),
      higherFillsLower: item.higherFillsLower ?? false,
      bands: bands.map((b, i) => ({
        label: labels[i]!,
        minWan: plain(b.minWan),
        maxWan: b.maxWan === undefined || b.maxWan === null ? null : plain(b.maxWan),
        required: b.required,
        have: plain(have[i]!),
        missing: plain(missing[i]!),
        perMissing: plain(per[i]!),
      })),
      deducted: plain(deducted),
    },
    isScored: true,
  };
}
