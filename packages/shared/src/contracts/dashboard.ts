import type { TrafficLight } from '../enums/project-enums.js';
import type { ReportStatus } from '../enums/report-status.js';
import type { DecimalString, MonthString, Timestamp } from './common.js';
import type { RankMovement } from './ranking.js';

/** A headline indicator (isHeadline) for the county (the plan's root unit): a gauge with the time-progress mark. */
export interface DashboardHeadline {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  actual: DecimalString;
  target: DecimalString | null;
  completion: DecimalString | null;
  expected: DecimalString;
  gapPp: DecimalString | null;
  light: TrafficLight | null;
  /** Year-end forecast of the county; null when there is none. */
  forecast: DecimalString | null;
  isAtRisk: boolean | null;
  /**
   * The completion (%) and gap (pp) as published, rounded by the indicator's rule (docs/scoring.md §7.5, issue 14
   * point 12: '42', '-8.3'); absent for a month frozen before published figures existed (the plan's decimals then).
   */
  display?: DashboardPublished;
}

/** A cell's completion (in %) and gap (in pp) as published: rounded decimal text, null without a target. */
export interface DashboardPublished {
  completionPct: DecimalString | null;
  gapPp: DecimalString | null;
}

/** One month of a headline indicator's trend: cumulative actual vs target × time progress. */
export interface DashboardSeriesPoint {
  month: MonthString;
  /** Year-to-date at the end of the month (from the frozen snapshot when that month is closed). */
  actual: DecimalString;
  /** The annual target × the plan's curve at the month; null without a target. */
  expectedActual: DecimalString | null;
  /** The plan's curve at the month (fraction). */
  expected: DecimalString;
  isFrozen: boolean;
}

export interface DashboardSeries {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  target: DecimalString | null;
  /** Months 1..m of the plan's year. */
  points: DashboardSeriesPoint[];
}

export interface DashboardRankingRow {
  unitId: number;
  unitName: string;
  total: DecimalString;
  rank: number;
  list: 'red' | 'black' | null;
  movement: RankMovement;
}

export interface DashboardRankingGroup {
  code: string;
  name: string;
  unitCount: number;
  /** The top places (rank ≤ 10), best first. */
  rows: DashboardRankingRow[];
}

export interface DashboardMatrixUnit {
  unitId: number;
  unitName: string;
  group: string | null;
}

export interface DashboardMatrixIndicator {
  indicatorId: number;
  code: string;
  name: string;
  /**
   * The decimals the indicator publishes its completion with (its rounding rule, issue 14 point 12); absent when
   * its cells carry no published figures (snapshots frozen before issue 16): the plan's displayDecimals.
   */
  completionDecimals?: number;
}

export interface DashboardMatrixCell {
  unitId: number;
  indicatorId: number;
  /** null = no target ("—"). */
  light: TrafficLight | null;
  completion: DecimalString | null;
  /**
   * The completion (%) as published, by the indicator's rounding mode and decimals (进一法 / 去尾法 included); absent
   * for a month frozen before published figures existed.
   */
  completionPct?: DecimalString | null;
}

/** The traffic-light matrix: assessed units × scored indicators. */
export interface DashboardMatrix {
  units: DashboardMatrixUnit[];
  indicators: DashboardMatrixIndicator[];
  cells: DashboardMatrixCell[];
}

export interface DashboardLateReport {
  reportId: number;
  unitId: number;
  unitName: string;
  status: ReportStatus;
  submittedAt: Timestamp | null;
}

export interface DashboardMissingReport {
  unitId: number;
  unitName: string;
  /** The report's status when it exists but is not submitted yet; null when there is no report at all. */
  status: ReportStatus | null;
}

export interface DashboardAtRiskIndicator {
  indicatorId: number;
  code: string;
  name: string;
  target: DecimalString;
  forecast: DecimalString;
  /** forecast ÷ target. */
  forecastCompletion: DecimalString | null;
}

/** A unit whose year-end forecast falls short of its target on at least one indicator. */
export interface DashboardAtRiskUnit {
  unitId: number;
  unitName: string;
  indicators: DashboardAtRiskIndicator[];
}

/** `GET /plans/:id/dashboard?month=`: everything the dashboard shows, in one call. */
export interface DashboardResponse {
  planId: number;
  planName: string;
  month: MonthString;
  /** Ranking, matrix, headline figures and at-risk units come from the frozen snapshot when true. */
  isFrozen: boolean;
  computedAt: Timestamp | null;
  /** The plan's time progress at the month (fraction). */
  expected: DecimalString;
  yellowBand: DecimalString;
  headlines: DashboardHeadline[];
  series: DashboardSeries[];
  ranking: DashboardRankingGroup[];
  matrix: DashboardMatrix;
  /** Reports of the month submitted after the deadline (live). */
  lateReports: DashboardLateReport[];
  /** Reporting units with no submitted or approved report for the month (live). */
  missingReports: DashboardMissingReport[];
  atRisk: DashboardAtRiskUnit[];
}
