import type { TrafficLight } from '../enums/project-enums.js';
import type { CellDisplay, ScoringInputs, YearEndForecast } from '../scoring/types.js';
import type { ScoringMethod } from './plans.js';
import type { DecimalString, MonthString, Timestamp } from './common.js';
import type { RankMovement } from './ranking.js';

/** One scoring item of a unit: the numbers it used, the formula applied (zh-CN, with the numbers) and the points. */
export interface ScorecardItem {
  code: string;
  name: string;
  method: ScoringMethod;
  /** false = "—" (no target, or not in a ranking group): 0 points, not ranked on the item. */
  isScored: boolean;
  inputs: ScoringInputs;
  /** e.g. `30 × min(65.00%, 120%) = 19.50`. */
  formula: string;
  /** Exact at 8 decimal places; the items add up to `subtotal` digit for digit. */
  points: DecimalString;
}

/** A unit's figures on one indicator at the month (money in 万元, ratios as fractions). */
export interface ScorecardCell {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  actual: DecimalString;
  target: DecimalString | null;
  /** actual ÷ target, exact; null without a target ("—"). */
  completion: DecimalString | null;
  /** The plan's time progress at the month (fraction). */
  expected: DecimalString;
  /** (completion − expected) × 100, percentage points. */
  gapPp: DecimalString | null;
  light: TrafficLight | null;
  forecast: YearEndForecast;
  /** The year-end forecast falls short of the target; null without a target. */
  isAtRisk: boolean | null;
  /** false: no value (0 ÷ 0, a rate not reported): "—", no light (issue 16). Absent in snapshots frozen before. */
  hasValue?: boolean;
  /** The published completion % and gap (rounded by the plan's rules) and the indicator's own time-progress rule. */
  display?: CellDisplay;
}

/**
 * `GET /plans/:id/units/:unitId/scorecard?month=`: the explanation of one unit's score. From the frozen snapshot when
 * the month is closed. total = subtotal × coefficient, exactly.
 */
export interface ScorecardResponse {
  planId: number;
  month: MonthString;
  isFrozen: boolean;
  computedAt: Timestamp | null;
  unit: { id: number; code: string; name: string; category: string };
  /** The unit's ranking group; null when its category is in none (not ranked). */
  group: { code: string; name: string } | null;
  rank: number | null;
  list: 'red' | 'black' | null;
  movement: RankMovement | null;
  items: ScorecardItem[];
  /** Σ items' points. */
  subtotal: DecimalString;
  /** The coefficient (难度系数) applied to the subtotal; null when there is none (1). */
  coefficient: DecimalString | null;
  total: DecimalString;
  displayDecimals: number;
  cells: ScorecardCell[];
  /**
   * The unit's （本级） cells when the plan gives it own figures (a parent, the root with `ownFigures: 'root'`, issue 14
   * point 11): its figures less its units', its target less theirs; summed indicators only, no forecast. Absent
   * otherwise.
   */
  ownCells?: ScorecardCell[];
}
