import { dec } from '@pacer/shared';
import type { RankingColumn, RankingResponse, RankingRow } from '@pacer/shared';

// The ranking of one group as table rows: each scoring item's points in its own column ("—" when the unit is
// not scored on it, nothing when the item does not apply to the group).

export interface RankingTableRow extends RankingRow {
  totalText: string;
  /** item code → points text. */
  points: Record<string, string>;
}

/** The columns of a group: the plan's items, in scorecard order, that apply to at least one of its units. */
export function groupColumns(ranking: RankingResponse, group: string): RankingColumn[] {
  const codes = new Set(ranking.rows.filter((r) => r.group === group).flatMap((r) => r.items.map((i) => i.code)));
  return ranking.columns.filter((c) => codes.has(c.code));
}

export function groupRows(ranking: RankingResponse, group: string): RankingTableRow[] {
  const decimals = ranking.displayDecimals;
  return ranking.rows
    .filter((r) => r.group === group)
    .map((r) => ({
      ...r,
      totalText: dec(r.total).toFixed(decimals),
      points: Object.fromEntries(r.items.map((i) => [i.code, i.isScored ? dec(i.points).toFixed(decimals) : '—'])),
    }));
}
