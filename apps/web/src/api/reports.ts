import type {
  BatchApproveRequest,
  BatchApproveResponse,
  CreateReportRequest,
  OpenMonthResponse,
  PutReportRequest,
  RemindResponse,
  ReportActionRequest,
  ReportDetail,
  ReportsListResponse,
} from '@pacer/shared';

import { http } from './http';

/** Every unit's report of the month with its status, and the reporting units with none (a reporter: own units). */
export function fetchReports(
  planId: number,
  month: string,
  signal?: AbortSignal,
): Promise<ReportsListResponse> {
  return http.get<ReportsListResponse>(`/plans/${planId}/reports`, { query: { month }, signal });
}

/** Get or create the month's draft of a unit (开始填报); answers the existing report when there is one. */
export function createReport(planId: number, body: CreateReportRequest): Promise<ReportDetail> {
  return http.post<ReportDetail>(`/plans/${planId}/reports`, body);
}

export function fetchReport(id: number, signal?: AbortSignal): Promise<ReportDetail> {
  return http.get<ReportDetail>(`/reports/${id}`, { signal });
}

/** Saves a draft or returned report; `values` replaces the old ones. 409 VERSION_CONFLICT when stale. */
export function saveReport(id: number, body: PutReportRequest): Promise<ReportDetail> {
  return http.put<ReportDetail>(`/reports/${id}`, body);
}

export type ReportAction = 'submit' | 'approve' | 'return' | 'unlock';

/** A workflow step; `return` and `unlock` need a reason. */
export function reportAction(
  id: number,
  action: ReportAction,
  body: ReportActionRequest,
): Promise<ReportDetail> {
  return http.post<ReportDetail>(`/reports/${id}/${action}`, body);
}

/** 开启本月填报: a draft for every reporting unit that has none (idempotent). */
export function openMonth(planId: number, month: string): Promise<OpenMonthResponse> {
  return http.post<OpenMonthResponse>(`/plans/${planId}/months/${month}/open`);
}

/** 一键提醒: notifies the reporters of every unit not yet submitted. */
export function remindMonth(planId: number, month: string): Promise<RemindResponse> {
  return http.post<RemindResponse>(`/plans/${planId}/months/${month}/remind`);
}

/**
 * 批量审核通过: approves several submitted reports in one call, each audited and notified on its own. All or nothing:
 * when one cannot be approved (stale, four-eyes, status) nothing is, and the error names it (`items.N`).
 */
export function approveReports(planId: number, body: BatchApproveRequest): Promise<BatchApproveResponse> {
  return http.post<BatchApproveResponse>(`/plans/${planId}/reports/approve`, body);
}
