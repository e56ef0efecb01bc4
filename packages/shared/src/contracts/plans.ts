import type { IndicatorSettings, RoundingRule } from '../scoring/types.js';
import type { RequiredDocuments } from '../enums/attachment-kind.js';
import type { CountCredit, OwnFigures, PlanStatus, ReadScreensMonth } from '../enums/project-enums.js';
import type { AwardRule, BoardRule, RankMode, TieBreak } from '../scoring/types.js';
import type { DecimalString, Timestamp } from './common.js';

/** Unit categories ranked together (分类考核). */
export interface RankingGroup {
  code: string;
  name: string;
  categories: string[];
}

/**
 * A plan's scoring configuration, stored with the plan. The engine and the full per-method shapes
 * come with the scoring engine; here the list of items is stored and its outline validated.
 */
export interface ScoringConfig {
  items: ScoringItemConfig[];
  /** Optional coefficient applied to the total, e.g. '1.0'. */
  coefficient?: DecimalString;
  /** Size of the red and black lists. */
  listSize?: number;
  /** 'competition' (default, 1, 1, 3) or 'dense' (1, 1, 2). */
  rankMode?: RankMode;
  /** Keys that separate equal totals, in order. */
  tieBreaks?: TieBreak[];
  /** Boards beyond the groups' red and black lists. */
  boards?: BoardRule[];
  /** Gate-then-award rules. */
  awards?: AwardRule[];
  /** Per-indicator rules by code: own time progress, rounding (docs/scoring.md §7; `IndicatorSettings`). */
  indicators?: Record<string, IndicatorSettings>;
  /** How completion, gap and points are published (docs/scoring.md §7.5; `RoundingRule`). */
  rounding?: RoundingRule;
}

export const SCORING_METHODS = [
  'completion',
  'composite',
  'threshold',
  'tiers',
  'relative',
  'rank',
  'bonus',
  'deduction',
  'band-shortfall',
] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export interface ScoringItemConfig {
  code: string;
  name: string;
  method: ScoringMethod;
  /** Ranking groups the item applies to; all when absent. */
  groups?: string[];
  [key: string]: unknown;
}

export interface PlanRow {
  id: number;
  year: number;
  rootUnitId: number;
  rootUnitName: string;
  name: string;
  status: PlanStatus;
  /** 12 cumulative fractions; null = linear m/12. */
  curve: DecimalString[] | null;
  reportDeadlineDay: number;
  monthCloseDay: number;
  /** Yellow band in percentage points below time progress. */
  yellowBand: DecimalString;
  rankingGroups: RankingGroup[];
  displayDecimals: number;
  countCredit: CountCredit;
  industryChains: string[];
  scoring: ScoringConfig;
  /**
   * Four-eyes approval (四眼原则, default on): whoever last submitted a report may not approve it; another reviewer
   * must. Turning it off is a plan update and audited like one.
   */
  requireFourEyes: boolean;
  /** 超时未开工: a signed project not started within this many months counts as `lateStart` (default 6). */
  lateStartMonths: number;
  /** 工作进展 must be written before a report is submitted (default off). */
  requireProgressText: boolean;
  /**
   * A month's figure above this many times the unit's average approved month asks for confirmation and flags the
   * report for the reviewer (default '3'; '0' = no check). A figure above the annual target always does.
   */
  spikeFactor: DecimalString;
  /**
   * The month the read screens open on without a `?month=`: `latestClosed` (default, the official month) or `live`
   * (the first month not closed yet).
   */
  readScreensMonth: ReadScreensMonth;
  /**
   * Who carries own figures (本级, issue 14 point 11): `none` (default), `parents` (parents below the root show
   * their own part), `root` (the root reports its own figures too — 县本级 — and every parent shows its own part).
   */
  ownFigures: OwnFigures;
  /** The 不予认定 reasons the office picks from (认定, issue 15); default 佐证不足, 重复统计, 突击上报, 跨年重签, 不符合认定标准. */
  verificationReasons: string[];
  /** 佐证材料 each stage needs (issue 15): per step, the kinds of which one must be attached. */
  requiredDocuments: RequiredDocuments;
  /** The 通报 carries a 产业链 section (issue 17: per chain signed/started/funds, leads in talks, gaps); default off. */
  briefingChains: boolean;
  publishedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export interface PlansResponse {
  /** Newest year first. */
  items: PlanRow[];
}

export interface CreatePlanRequest {
  year: number;
  rootUnitId: number;
  name: string;
  curve?: DecimalString[] | null;
  reportDeadlineDay?: number;
  monthCloseDay?: number;
  yellowBand?: DecimalString;
  rankingGroups?: RankingGroup[];
  displayDecimals?: number;
  countCredit?: CountCredit;
  industryChains?: string[];
  scoring?: ScoringConfig;
  requireFourEyes?: boolean;
  lateStartMonths?: number;
  requireProgressText?: boolean;
  spikeFactor?: DecimalString;
  readScreensMonth?: ReadScreensMonth;
  ownFigures?: OwnFigures;
  verificationReasons?: string[];
  requiredDocuments?: RequiredDocuments;
  briefingChains?: boolean;
}

export interface UpdatePlanRequest extends Partial<Omit<CreatePlanRequest, 'year' | 'rootUnitId'>> {
  version: number;
  status?: PlanStatus;
}
