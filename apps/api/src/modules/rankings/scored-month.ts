import type {
  RankingColumn,
  ScoredAward,
  ScoredBoard,
  ScoredCell,
  ScoredGroup,
  ScoredItem,
  ScoringWarning,
} from '@pacer/shared';

import type { IndicatorMeta } from './rankings.repository';

/** One unit of a scored month: where it sits in the tree, its scorecard, its rank and (when loaded) its cells. */
export interface ScoredUnitView {
  unitId: number;
  unitCode: string;
  unitName: string;
  category: string;
  parentId: number | null;
  depth: number;
  sortOrder: number;
  groupCode: string | null;
  rank: number | null;
  list: 'red' | 'black' | null;
  items: ScoredItem[];
  subtotal: string;
  coefficient: string;
  total: string;
  /** Every indicator of the plan; empty when the caller did not ask for cells. */
  cells: ScoredCell[];
}

/** What the whole month needs besides the units: stored as the snapshot header's `data`. */
export interface ScoredMonthHeader {
  expected: string;
  yellowBand: string;
  listSize: number | null;
  displayDecimals: number;
  indicators: IndicatorMeta[];
  columns: RankingColumn[];
  groups: ScoredGroup[];
  warnings: ScoringWarning[];
  /** The plan's boards and awards as scored (issue 16); absent in snapshots frozen before them. */
  boards?: ScoredBoard[];
  awards?: ScoredAward[];
}

/**
 * A plan's month as scored: live on approved figures or read back from its frozen snapshot. Every read route is a
 * view of this one shape, so a frozen and a live month answer alike.
 */
export interface ScoredMonth extends ScoredMonthHeader {
  planId: number;
  month: string;
  monthNo: number;
  isFrozen: boolean;
  computedAt: string | null;
  reason: string | null;
  /** Units in tree order (the root first). */
  units: ScoredUnitView[];
}

/** A headline indicator's figures at the root, as the dashboard and the 通报 both show them (each adds its own). */
export function headlineFigures(i: IndicatorMeta, c: ScoredCell) {
  return {
    indicatorId: i.id,
    code: i.code,
    name: i.name,
    measure: i.measure,
    kind: i.kind,
    actual: c.actual,
    target: c.target,
    completion: c.completion,
    expected: c.expected,
    gapPp: c.gapPp,
    light: c.light,
  };
}
