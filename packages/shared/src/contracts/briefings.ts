import type { MonthString, Timestamp } from './common.js';

/**
 * A 通报 version: `draft` (generated, the one an administrator may still publish), `published` (kept for good),
 * `superseded` (a draft replaced by a later generation: its metadata stays, its files are dropped).
 */
export const BRIEFING_STATUSES = ['draft', 'published', 'superseded'] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

/** One generated version of a month's 通报 (.docx + .xlsx appendix), numbered 1, 2, … per plan and month. */
export interface BriefingVersion {
  planId: number;
  month: MonthString;
  version: number;
  status: BriefingStatus;
  /** e.g. 关于10月份全县招商引资目标任务完成情况的通报 */
  title: string;
  /** The 总体情况 paragraph, written from the frozen figures. */
  summaryText: string;
  /** The frozen snapshot the figures come from (its computation time). */
  snapshotComputedAt: Timestamp;
  /** The month was closed again after this version was generated: its figures are no longer the month's. */
  isStale: boolean;
  generatedAt: Timestamp;
  /** Username; null when the month-close job generated it. */
  generatedBy: string | null;
  publishedAt: Timestamp | null;
  publishedBy: string | null;
  /** Sizes of the files; null once superseded. */
  docxBytes: number | null;
  xlsxBytes: number | null;
}

/** `GET /plans/:id/months/:month/briefings`: newest first; a reporter sees the published versions only. */
export interface BriefingsResponse {
  planId: number;
  month: MonthString;
  items: BriefingVersion[];
}

/** `POST /plans/:id/months/:month/briefing/publish`. */
export interface PublishBriefingRequest {
  version: number;
}

/** `GET …/briefing.docx|.xlsx?version=`: without a version, the latest published, else the latest draft. */
export interface BriefingFileQuery {
  version?: number;
}
