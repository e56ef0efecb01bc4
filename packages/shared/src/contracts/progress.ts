import type { TrafficLight } from '../enums/project-enums.js';
import type { DecimalString, MonthString } from './common.js';

export interface ProgressCell {
  unitId: number;
  indicatorId: number;
  /** Year-to-date actual of the unit and its descendants (a fraction for ratio indicators). */
  actual: DecimalString;
  target: DecimalString | null;
  /** actual ÷ target, exact; null without a target ("—"). */
  completion: DecimalString | null;
  /** The plan's curve at the month (fraction). */
  expected: DecimalString;
  /** (completion − expected) × 100, in percentage points; null without a target. */
  gapPp: DecimalString | null;
  light: TrafficLight | null;
  /** false: no value (0 ÷ 0, a rate not reported): shown "—" with no light (issue 16). Absent = true. */
  hasValue?: boolean;
}

export interface ProgressUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  parentId: number | null;
  /** Depth below the plan's root (the root is 0). */
  depth: number;
  sortOrder: number;
}

export interface ProgressIndicator {
  id: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  source: string;
  isHeadline: boolean;
}

/**
 * `GET /plans/:id/progress?month=`: every unit of the plan tree (root first, depth-first) × every indicator, read
 * from the maintained year-to-date summary (approved reports and the ledger).
 */
export interface ProgressResponse {
  planId: number;
  month: MonthString;
  /** The plan's time progress at the month (fraction). */
  expected: DecimalString;
  /** Yellow band of the plan in percentage points. */
  yellowBand: DecimalString;
  units: ProgressUnit[];
  indicators: ProgressIndicator[];
  cells: ProgressCell[];
  /**
   * The （本级） lines (issue 14 point 11): each parent's own part of each summed indicator — its figures less its
   * direct children's, its target less theirs — for the parents the plan's `ownFigures` names (the root with `root`,
   * the parents below it with `parents` or `root`). Absent with `ownFigures: 'none'`. Rates (kind `ratio`) have none.
   */
  own?: ProgressCell[];
}
