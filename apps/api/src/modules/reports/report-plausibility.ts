import { Dec, type ReportFlag, type ReportValue } from '@pacer/shared';

/** What a month's figure of one indicator is compared with. */
export interface PlausibilityBasis {
  indicatorId: number;
  /** The unit's annual target on the indicator (null: none). */
  target: string | null;
  /** A reported rate (kind ratio) is a level, not a flow: a month's rate is not compared with the annual target. */
  level?: boolean;
  /** A count: its usual month is taken as at least 1 (2 批次 after months of 0 or 1 is no spike). */
  count?: boolean;
  /** Approved months of the year before this one that carry a value, and their sum. */
  pastMonths: number;
  pastTotal: string;
}

/**
 * The plausibility warnings of a report's figures (docs/scoring.md §8): a month's figure above the unit's annual
 * target (a flow's: a reported rate is a level and skips it), or — once the unit has an approved month with a positive average — above `spikeFactor` × that average
 * (spikeFactor '0' turns the second check off). A zero is never implausible.
 */
export function plausibilityFlags(
  values: ReportValue[],
  bases: PlausibilityBasis[],
  spikeFactor: string,
): ReportFlag[] {
  const byIndicator = new Map(bases.map((b) => [b.indicatorId, b]));
  const flags: ReportFlag[] = [];
  for (const v of values) {
    const basis = byIndicator.get(v.indicatorId);
    const value = new Dec(v.value);
    if (!basis || value.lte(0)) continue;
    if (!basis.level && basis.target !== null && new Dec(basis.target).gt(0) && value.gt(basis.target)) {
      flags.push({
        indicatorId: v.indicatorId,
        code: 'aboveAnnualTarget',
        value: v.value,
        reference: basis.target,
      });
      continue;
    }
    const factor = new Dec(spikeFactor);
    if (factor.lte(0) || basis.pastMonths === 0) continue;
    const mean = new Dec(basis.pastTotal).div(basis.pastMonths);
    // a count's usual month is at least 1: small whole numbers swing (0.5 a month on average, then 2) and are not spikes
    const average = basis.count && mean.gt(0) && mean.lt(1) ? new Dec(1) : mean;
    if (average.gt(0) && value.gt(average.mul(factor))) {
      flags.push({
        indicatorId: v.indicatorId,
        code: 'farAboveUsual',
        value: v.value,
        reference: average.toDecimalPlaces(4).toString(),
      });
    }
  }
  return flags;
}
