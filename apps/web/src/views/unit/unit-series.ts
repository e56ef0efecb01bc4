import { dec } from '@pacer/shared';
import type { DashboardSeries, MonthString, ScorecardResponse } from '@pacer/shared';

// A unit's month-by-month figures, from its scorecards of months 1..m (one call per month: the API has no
// per-unit history route). Each closed month comes from its frozen snapshot, as the ranking did.

/** The unit's trend per indicator, in the dashboard's series shape (so the same chart draws it). */
export function unitSeries(scorecards: readonly ScorecardResponse[]): DashboardSeries[] {
  const ordered = [...scorecards].sort((a, b) => a.month.localeCompare(b.month));
  const last = ordered[ordered.length - 1];
  if (!last) return [];
  return last.cells.map((cell) => ({
    indicatorId: cell.indicatorId,
    code: cell.code,
    name: cell.name,
    measure: cell.measure,
    target: cell.target,
    points: ordered.map((card) => {
      const c = card.cells.find((x) => x.indicatorId === cell.indicatorId);
      const target = c?.target ?? null;
      const expected = c?.expected ?? '0';
      return {
        month: card.month,
        actual: c?.actual ?? '0',
        expectedActual: target === null ? null : dec(target).mul(expected).toDecimalPlaces(4).toFixed(),
        expected,
        isFrozen: card.isFrozen,
      };
    }),
  }));
}

export interface RankPoint {
  month: MonthString;
  rank: number | null;
}

export function rankHistory(scorecards: readonly ScorecardResponse[]): RankPoint[] {
  return [...scorecards]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((card) => ({ month: card.month, rank: card.rank }));
}
