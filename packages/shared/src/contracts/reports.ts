import type { ReportStatus } from '../enums/report-status.js';
import type { DateString, DecimalString, MonthString, Timestamp } from './common.js';

export interface ReportValue {
  indicatorId: number;
  /**
   * The month's increment. For an indicator entered year-to-date (`entryMode: 'ytd'`) Pacer derives it from `ytd`
   * (the entered 累计 − the unit's approved 累计 of the months before) and ignores a value sent with a `ytd`.
   */
  value: DecimalString;
  /** An indicator entered year-to-date: the 累计 entered (required for it, refused for any other indicator). */
  ytd?: DecimalString | null;
  /**
   * A 累计 below the approved 累计 of the months before (a negative increment: a correction) must say why (else 422,
   * field `values.N.correctionReason`); kept with the value and shown to the reviewer. Dropped when not a correction.
   */
  correctionReason?: string | null;
}

/**
 * A value as a save sends it: `value` (the month's figure) for an indicator entered monthly, `ytd` (the 累计, and
 * `correctionReason` when it is below the approved 累计 before the month) for one entered year-to-date — its `value`
 * may be left out: Pacer derives it.
 */
export interface ReportValueInput extends Omit<ReportValue, 'value'> {
  value?: DecimalString;
}

export interface ReportSummaryRow {
  id: number;
  planId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitCategory: string;
  month: MonthString;
  status: ReportStatus;
  isLate: boolean;
  submittedAt: Timestamp | null;
  approvedAt: Timestamp | null;
  returnedReason: string | null;
  version: number;
  /** Plausibility warnings the reporter confirmed on saving (shown to the reviewer); empty when none. */
  flags?: ReportFlag[];
}

/**
 * A plausibility warning on a month's figure (docs/scoring.md §8): above the unit's annual target, or above the
 * plan's spikeFactor × the unit's average approved month. Saving such a figure needs `confirmWarnings`; the report
 * then carries the flag for the reviewer.
 */
export interface ReportFlag {
  indicatorId: number;
  code: 'aboveAnnualTarget' | 'farAboveUsual';
  /** The month's figure. */
  value: DecimalString;
  /** The annual target, or the unit's average approved month (exact to 4 decimals). */
  reference: DecimalString;
}

export interface ReportsListResponse {
  planId: number;
  month: MonthString;
  /** The last day to submit (`YYYY-MM-DD`, Asia/Shanghai): day `reportDeadlineDay` of the following month. */
  deadline: DateString;
  /** The month's reports in unit tree order (a reporter sees only the units in scope). */
  items: ReportSummaryRow[];
  /**
   * Reporting units (active units under the plan's root; the root itself only when it reports, `ownFigures: 'root'`)
   * with no report for the month at all.
   */
  missingUnitIds: number[];
}

export interface ReportHistoryRow {
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  action: 'create' | 'save' | 'submit' | 'approve' | 'return' | 'unlock';
  reason: string | null;
  userName: string | null;
  at: Timestamp;
}

export interface ReportIndicatorLine {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  /** `ytd`: the unit enters the 累计 (year-to-date) and Pacer derives the increment (docs/scoring.md §10). */
  entryMode?: 'month' | 'ytd';
  /** `monthly`, `quarterly` (only in 3/6/9/12) or `optional` (docs/scoring.md §11). */
  reportFrequency?: 'monthly' | 'quarterly' | 'optional';
  /**
   * Whether the month's report must carry this value to be submitted: false for an optional indicator and for a
   * quarterly one outside 3/6/9/12 (where a value is refused). Left blank, it is "not reported", never 0.
   */
  isRequired?: boolean;
  /** This month's increment (null when not entered yet). */
  value: DecimalString | null;
  /** The 累计 entered this month (a `ytd` indicator; null when not entered yet or entered as a month's figure). */
  ytd?: DecimalString | null;
  /** Why this month's 累计 is below the approved 累计 before it (a correction); null when not a correction. */
  correctionReason?: string | null;
  /** Year-to-date from approved earlier months. */
  approvedYtdBefore: DecimalString;
  /**
   * The unit's annual target; for a parent that carries its own figures (本级, the plan's `ownFigures`), the part its
   * units do not carry (null when they carry all of it).
   */
  target: DecimalString | null;
}

export interface ReportDetail extends ReportSummaryRow {
  values: ReportValue[];
  lines: ReportIndicatorLine[];
  progressText: string;
  problemsText: string;
  nextPlanText: string;
  history: ReportHistoryRow[];
  canEdit: boolean;
  /** The caller is who last submitted the report. */
  isOwnSubmission: boolean;
  /**
   * The plan requires four-eyes approval: whoever last submitted the report cannot approve it (the API answers 409
   * FOUR_EYES_REQUIRED); the web disables 通过 with the reason when `isOwnSubmission` too.
   */
  requiresFourEyes: boolean;
  /**
   * When the report's month was closed (关账: its ranking computed and saved), null while it is open. A report
   * submitted or approved after that does not change the month's frozen ranking until the month is closed again
   * (重新关账): the report page and the reviewers' notice say so (issue 14).
   */
  monthClosedAt?: Timestamp | null;
}

/**
 * `PUT /reports/:id` (draft or returned only). `values` replaces the report's values: only this plan's `reported`
 * indicators, each at most once; an indicator left out has no value. Texts left out are kept; each ≤ 5000 characters.
 */
export interface PutReportRequest {
  version: number;
  values: ReportValueInput[];
  progressText?: string;
  problemsText?: string;
  nextPlanText?: string;
  /** The reporter confirms the plausibility warnings (REPORT_NEEDS_CONFIRMATION): saved, and flagged for review. */
  confirmWarnings?: boolean;
}

/**
 * `PUT /plans/:id/units/:unitId/reports/:month`: save the unit's report of the month, creating its draft when it has
 * none (then `version` is left out; when the report exists it is required, as on `PUT /reports/:id`).
 */
export interface PutUnitReportRequest extends Omit<PutReportRequest, 'version'> {
  version?: number;
}

/**
 * `POST /plans/:id/units/:unitId/reports/:month/paper`: the office enters a paper report and approves it in one call
 * (draft created when none, content saved, submitted, approved: each step audited as usual). Only where four-eyes
 * allows it: a plan that requires four-eyes refuses (FOUR_EYES_REQUIRED), since one person would submit and approve.
 */
export type PaperReportRequest = PutUnitReportRequest;

/** `POST /plans/:id/reports/approve`: approve several submitted reports of the plan at once (all or nothing). */
export interface BatchApproveRequest {
  items: Array<{ id: number; version: number }>;
}

export interface BatchApproveResponse {
  /** Every report approved, in the order asked; each audited and notified on its own. */
  items: ReportDetail[];
}

export interface ReportActionRequest {
  version: number;
  /** Required for return and unlock. */
  reason?: string;
}

/** `POST /plans/:id/reports`: get or create the draft of a unit in the caller's scope for a month. */
export interface CreateReportRequest {
  unitId: number;
  month: MonthString;
}

/** `POST /plans/:id/months/:month/open`: a draft for every reporting unit that has none (idempotent). */
export interface OpenMonthResponse {
  planId: number;
  month: MonthString;
  /** Drafts created by this call (0 when the month was already open). */
  created: number;
  /** Reporting units of the plan (active units under the root, the root excluded). */
  reportingUnits: number;
}
