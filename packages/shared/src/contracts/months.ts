import type { MonthString, Timestamp } from './common.js';

/**
 * A month's reports counted for the month-close screen: the reporting units of today (active, below the root; the
 * root too when it reports its own figures, `ownFigures: 'root'`).
 */
export interface PlanMonthReports {
  /** Reports of the month approved (the figures a close freezes). */
  approved: number;
  /** Reports submitted and waiting for review. */
  submitted: number;
  /** Reporting units (a reporter: its own units). */
  expected: number;
}

/** The month's 通报 versions in brief; drafts are null for a reporter (it reads published versions only). */
export interface PlanMonthBriefing {
  /** The current draft's version, if there is one. */
  draftVersion: number | null;
  /** The latest published version, if any. */
  publishedVersion: number | null;
}

/** One month of the plan year: whether it has ended, whether its ranking is frozen, its reports and its 通报. */
export interface PlanMonthRow {
  month: MonthString;
  /** The month has ended (Asia/Shanghai): it can be closed. */
  isOver: boolean;
  /** When the frozen ranking was computed (the last close or re-close); null while the month is not closed. */
  closedAt: Timestamp | null;
  /** Name of who closed it last; null when the month-close job did (or it is not closed). */
  closedBy: string | null;
  /** The reason of the last re-close. */
  reason: string | null;
  /** 1 after the first close, one more per re-close; null while not closed. */
  snapshotVersion: number | null;
  reports: PlanMonthReports;
  /** Null when the month has no 通报 version the caller may read. */
  briefing: PlanMonthBriefing | null;
}

/** `GET /plans/:id/months`: the twelve months of the plan year, January first. */
export interface PlanMonthsResponse {
  planId: number;
  year: number;
  items: PlanMonthRow[];
}
