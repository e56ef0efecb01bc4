import type { ReportStatus } from '../enums/report-status.js';
import type { DecimalString, MonthString, Timestamp } from './common.js';

export interface ReportValue {
  indicatorId: number;
  /** The month's increment. */
  value: DecimalString;
}

export interface ReportSummaryRow {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  unitCategory: string;
  month: MonthString;
  status: ReportStatus;
  isLate: boolean;
  submittedAt: Timestamp | null;
  approvedAt: Timestamp | null;
  returnedReason: string | null;
  version: number;
}

export interface ReportsListResponse {
  planId: number;
  month: MonthString;
  deadline: string;
  items: ReportSummaryRow[];
  /** Active units of the plan with no report for the month at all. */
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
  /** This month's increment (null when not entered yet). */
  value: DecimalString | null;
  /** Year-to-date from approved earlier months. */
  approvedYtdBefore: DecimalString;
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
}

export interface PutReportRequest {
  version: number;
  values: ReportValue[];
  progressText?: string;
  problemsText?: string;
  nextPlanText?: string;
}

export interface ReportActionRequest {
  version: number;
  /** Required for return and unlock. */
  reason?: string;
}
