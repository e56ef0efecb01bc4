import type { ScorePlanInput } from '../scoring/types.js';
import type { FormulaDef } from './indicators.js';
import type { ScoringMethod } from './plans.js';
import type { DecimalString, MonthString, Timestamp } from './common.js';

/**
 * Rank movement against the previous month's frozen snapshot: ↑2 is `{ kind: 'up', places: 2 }`; `new` when the unit
 * was not ranked in the same group that month (or the previous month is not frozen, or the month is January).
 */
export type RankMovementKind = 'up' | 'down' | 'same' | 'new';

export interface RankMovement {
  kind: RankMovementKind;
  /** Places gained or lost; 0 for `same` and `new`. */
  places: number;
}

/** A column of the ranking table: one scoring item of the plan, in scorecard order. */
export interface RankingColumn {
  code: string;
  name: string;
  method: ScoringMethod;
  /**
   * A deduction item's base points (扣分: base − what is taken off): the 赛马榜 shows what was taken off, −0.50, and
   * says the base is in the total. Absent for other methods and in snapshots frozen before issue 14.
   */
  base?: DecimalString;
}

/** One item's points of a unit; `isScored: false` is shown as "—" (no target: not scored on that item). */
export interface RankingItemPoints {
  code: string;
  name: string;
  /** Exact at 8 decimal places, no trailing zeros; round for display only (the plan's displayDecimals). */
  points: DecimalString;
  isScored: boolean;
}

export interface RankingRow {
  unitId: number;
  unitCode: string;
  unitName: string;
  /** Ranking group code. */
  group: string;
  /** Σ items × coefficient, exact. */
  total: DecimalString;
  /** Within the group; equal totals share a rank (1, 1, 3). */
  rank: number;
  /** On the group's red (top) or black (bottom) list. */
  list: 'red' | 'black' | null;
  movement: RankMovement;
  /** The unit's rank in the previous month's snapshot (same group), if any. */
  previousRank: number | null;
  /** The items that apply to the unit, in scorecard order. */
  items: RankingItemPoints[];
  /** Another unit of the group shares the rank (并列): neither the total nor a tie-break separates them. */
  isTied?: boolean;
}

export interface RankingListEntry {
  unitId: number;
  unitName: string;
  rank: number;
  total: DecimalString;
}

/** A ranking group (分类考核) with its red and black lists (红黑榜). */
export interface RankingGroupResult {
  code: string;
  name: string;
  unitCount: number;
  /** 红榜, best first (the top `listSize` places, ties included; at most half the group). */
  red: RankingListEntry[];
  /** 黑榜, worst first. */
  black: RankingListEntry[];
}

/**
 * `GET /plans/:id/ranking?month=&group=`: the month's ranking. From the frozen snapshot when the month is closed
 * (it never changes when later data arrives), else computed live on approved figures (`isFrozen: false`).
 */
export interface RankingResponse {
  planId: number;
  month: MonthString;
  isFrozen: boolean;
  /** When the snapshot was computed; null for a live ranking. */
  computedAt: Timestamp | null;
  /** The reason of the last re-close of a frozen month. */
  reason: string | null;
  /** The month movement is measured against (null in January). */
  previousMonth: MonthString | null;
  /** Whether that month is frozen; when not, every movement is `new`. */
  isPreviousFrozen: boolean;
  /** Places on each list (the plan's scoring `listSize`); null = no lists. */
  listSize: number | null;
  /** Decimals the plan shows scores with. */
  displayDecimals: number;
  columns: RankingColumn[];
  /** In the plan's group order (only the requested group with `group=`). */
  groups: RankingGroupResult[];
  /** Group by group in the plan's order, best first within each; ties follow the units' sort order. */
  rows: RankingRow[];
  /** The plan's boards (issue 16 rule 8), each pool with its lists and their rules in words; [] without any. */
  boards?: RankingBoard[];
  /** The plan's gate-then-award rules (issue 16 rule 9); [] without any. */
  awards?: RankingAward[];
}

/** A unit on a board: its place and score on that board (the total, or the board's items). */
export interface RankingBoardEntry {
  unitId: number;
  unitName: string;
  group: string;
  rank: number;
  isTied: boolean;
  score: DecimalString;
  list: 'red' | 'black' | null;
}

/** A list of a board's pool: its rule in words ("综合得分前5名且…的单位"), its size, the units on it. */
export interface RankingBoardList {
  rule: string;
  size: number | null;
  entries: RankingBoardEntry[];
}

/** A ranking group on a board, or groups ranked together there (合并排名). */
export interface RankingBoardPool {
  code: string;
  name: string;
  groups: string[];
  entries: RankingBoardEntry[];
  red: RankingBoardList | null;
  black: RankingBoardList | null;
}

export interface RankingBoard {
  code: string;
  name: string;
  pools: RankingBoardPool[];
}

/** An award in a group or pool: the rule in words, the qualified units and the winners (rank and total in their group). */
export interface RankingAwardPool {
  code: string;
  name: string;
  groups: string[];
  rule: string;
  count: number;
  qualified: RankingListEntry[];
  winners: RankingListEntry[];
}

export interface RankingAward {
  code: string;
  name: string;
  pools: RankingAwardPool[];
}

/** `POST /plans/:id/months/:month/close` body: a reason is required to close a month again. */
export interface CloseMonthRequest {
  reason?: string;
}

export interface CloseMonthResponse {
  planId: number;
  month: MonthString;
  computedAt: Timestamp;
  /** True when the month was frozen before and its snapshot was replaced. */
  isReclose: boolean;
}

/** A scoring entry the office records by hand (e.g. 弄虚作假 −0.2), counted from its month on. */
export interface ScoringEntryRow {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  itemCode: string;
  itemName: string | null;
  /** The first month the entry counts in. */
  month: MonthString;
  /** A counter of the item (e.g. `falsified`) and how many; or null when the entry gives points directly. */
  counter: string | null;
  count: DecimalString | null;
  /** Points added (bonus item) or taken off (deduction item). */
  points: DecimalString | null;
  reason: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface ScoringEntriesResponse {
  planId: number;
  items: ScoringEntryRow[];
}

export interface CreateScoringEntryRequest {
  unitId: number;
  itemCode: string;
  month: MonthString;
  counter?: string;
  count?: DecimalString;
  points?: DecimalString;
  reason: string;
}

export interface DeleteScoringEntryRequest {
  reason: string;
}

/**
 * GET /plans/:id/scoring-input?month=YYYY-MM: the scoring engine's input of the month exactly as the server scores it
 * live (the plan tree's active units, targets, year-to-date actuals, counters, project lists, manual entries,
 * history), so a what-if run through `scorePlan` in the browser starts from the server's own figures. Same
 * permission and scope as the ranking it previews.
 */
export interface ScoringInputResponse {
  planId: number;
  month: MonthString;
  /** The rules that would score it (the ranking's snapshots store the same name). */
  engineVersion: string;
  input: ScorePlanInput;
  /** The plan's formula indicators (开工率 = 开工 ÷ 签约), so an edited figure can move them as the summary would. */
  formulas: Array<{ id: number; code: string; formula: FormulaDef }>;
}
