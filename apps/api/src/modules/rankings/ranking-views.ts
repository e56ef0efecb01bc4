import {
  Dec,
  type RankingGroupResult,
  type RankingListEntry,
  type RankingResponse,
  type RankingRow,
  type RankMovement,
  type ScorecardCell,
  type ScorecardResponse,
} from '@pacer/shared';

import { boardsView, isTiedIn } from './board-views';
import type { SnapshotRank } from './ranking-snapshots.repository';
import type { ScoredMonth, ScoredUnitView } from './scored-month';

/** Ranks of the previous month's snapshot by unit (empty when that month is not frozen). */
export type PreviousRanks = ReadonlyMap<number, SnapshotRank>;

export function previousRanksOf(rows: SnapshotRank[]): PreviousRanks {
  return new Map(rows.map((r) => [r.unitId, r]));
}

/** ↑ places gained, ↓ places lost, or `new` when the unit had no rank in the same group the month before. */
export function movementOf(unit: ScoredUnitView, previous: PreviousRanks): RankMovement {
  const before = previous.get(unit.unitId);
  if (unit.rank === null || !before || before.rank === null || before.groupCode !== unit.groupCode) {
    return { kind: 'new', places: 0 };
  }
  const places = before.rank - unit.rank;
  if (places > 0) return { kind: 'up', places };
  if (places < 0) return { kind: 'down', places: -places };
  return { kind: 'same', places: 0 };
}

function previousRankOf(unit: ScoredUnitView, previous: PreviousRanks): number | null {
  const before = previous.get(unit.unitId);
  return before && before.groupCode === unit.groupCode ? before.rank : null;
}

/** The ranking table: group by group (or one group), best first, with each unit's item points and movement. */
export function toRankingResponse(
  scored: ScoredMonth,
  previous: { month: string | null; ranks: PreviousRanks },
  group: string | undefined,
): RankingResponse {
  const byId = new Map(scored.units.map((u) => [u.unitId, u]));
  const groups = scored.groups.filter((g) => group === undefined || g.code === group);
  const rows: RankingRow[] = [];
  const results: RankingGroupResult[] = [];
  for (const g of groups) {
    const entries = new Map(g.entries.map((e) => [e.unitId, e]));
    const listed = (ids: number[]): RankingListEntry[] =>
      ids.map((id) => {
        const e = entries.get(id)!;
        return { unitId: id, unitName: e.unitName, rank: e.rank, total: e.total };
      });
    results.push({
      code: g.code,
      name: g.name,
      unitCount: g.entries.length,
      red: listed(g.red),
      black: listed(g.black),
    });
    for (const entry of g.entries) {
      const unit = byId.get(entry.unitId)!;
      rows.push({
        unitId: unit.unitId,
        unitCode: unit.unitCode,
        unitName: unit.unitName,
        group: g.code,
        total: entry.total,
        rank: entry.rank,
        list: entry.list,
        movement: movementOf(unit, previous.ranks),
        previousRank: previousRankOf(unit, previous.ranks),
        items: unit.items.map((i) => ({
          code: i.code,
          name: i.name,
          points: i.points,
          isScored: i.isScored,
        })),
        isTied: isTiedIn(g.entries, entry),
      });
    }
  }
  return {
    planId: scored.planId,
    month: scored.month,
    isFrozen: scored.isFrozen,
    computedAt: scored.computedAt,
    reason: scored.reason,
    previousMonth: previous.month,
    isPreviousFrozen: previous.ranks.size > 0,
    listSize: scored.listSize,
    displayDecimals: scored.displayDecimals,
    columns: scored.columns,
    groups: results,
    rows,
    ...boardsView(scored, group),
  };
}

/** Cells of a unit with the indicator's code, name and measure, in the plan's indicator order. */
export function toScorecardCells(scored: ScoredMonth, unit: ScoredUnitView): ScorecardCell[] {
  const byIndicator = new Map(unit.cells.map((c) => [c.indicatorId, c]));
  return scored.indicators.flatMap((indicator) => {
    const cell = byIndicator.get(indicator.id);
    if (!cell) return [];
    return [
      {
        indicatorId: indicator.id,
        code: indicator.code,
        name: indicator.name,
        measure: indicator.measure,
        actual: cell.actual,
        target: cell.target,
        completion: cell.completion,
        expected: cell.expected,
        gapPp: cell.gapPp,
        light: cell.light,
        forecast: cell.forecast,
        isAtRisk: cell.forecast.isAtRisk,
        // snapshots frozen before issue 16 carry neither
        ...(cell.hasValue === undefined ? {} : { hasValue: cell.hasValue }),
        ...(cell.display === undefined ? {} : { display: cell.display }),
      },
    ];
  });
}

export function toScorecardResponse(
  scored: ScoredMonth,
  unit: ScoredUnitView,
  previous: PreviousRanks,
): ScorecardResponse {
  const group = scored.groups.find((g) => g.code === unit.groupCode);
  return {
    planId: scored.planId,
    month: scored.month,
    isFrozen: scored.isFrozen,
    computedAt: scored.computedAt,
    unit: { id: unit.unitId, code: unit.unitCode, name: unit.unitName, category: unit.category },
    group: group ? { code: group.code, name: group.name } : null,
    rank: unit.rank,
    list: unit.list,
    movement: unit.rank === null ? null : movementOf(unit, previous),
    items: unit.items,
    subtotal: unit.subtotal,
    coefficient: new Dec(unit.coefficient).eq(1) ? null : unit.coefficient,
    total: unit.total,
    displayDecimals: scored.displayDecimals,
    cells: toScorecardCells(scored, unit),
  };
}
