import type {
  BriefingsResponse,
  BriefingVersion,
  CloseMonthRequest,
  CloseMonthResponse,
  PlanMonthsResponse,
  PublishBriefingRequest,
} from '@pacer/shared';

import { downloadFile } from './excel';
import { http } from './http';

// 月度关账与通报: the month list, the close, and the monthly 通报's versions and files.

/** `GET /plans/:id/months`: the plan year's twelve months with their close, reports and 通报 state. */
export function fetchPlanMonths(planId: number, signal?: AbortSignal): Promise<PlanMonthsResponse> {
  return http.get<PlanMonthsResponse>(`/plans/${planId}/months`, { signal });
}

/**
 * `POST /plans/:id/months/:month/close`: computes the month on approved figures and freezes its ranking; a closed
 * month is closed again only with a reason. The draft 通报 is written in the background afterwards.
 */
export function closeMonth(planId: number, month: string, reason?: string): Promise<CloseMonthResponse> {
  const body: CloseMonthRequest = reason ? { reason } : {};
  // a province's close rebuilds the year-to-date summary and scores every unit: give it time
  return http.post<CloseMonthResponse>(`/plans/${planId}/months/${month}/close`, body, {
    timeoutMs: 120_000,
  });
}

/** `GET …/briefings`: the month's 通报 versions, newest first (a reporter: published ones only). */
export function fetchBriefings(
  planId: number,
  month: string,
  signal?: AbortSignal,
): Promise<BriefingsResponse> {
  return http.get<BriefingsResponse>(`/plans/${planId}/months/${month}/briefings`, { signal });
}

/** `POST …/briefing`: a new draft version from the frozen snapshot (the previous draft is superseded). */
export function generateBriefing(planId: number, month: string): Promise<BriefingVersion> {
  return http.post<BriefingVersion>(`/plans/${planId}/months/${month}/briefing`, undefined, {
    timeoutMs: 120_000,
  });
}

/** `POST …/briefing/publish`: publishes a draft version (kept for good). */
export function publishBriefing(planId: number, month: string, version: number): Promise<BriefingVersion> {
  const body: PublishBriefingRequest = { version };
  return http.post<BriefingVersion>(`/plans/${planId}/months/${month}/briefing/publish`, body);
}

export type BriefingFormat = 'docx' | 'xlsx';

/** `GET …/briefing.docx|.xlsx?version=`: saved under the server's Chinese file name. */
export function downloadBriefing(
  planId: number,
  month: string,
  version: number,
  format: BriefingFormat,
): Promise<void> {
  return downloadFile(
    `/plans/${planId}/months/${month}/briefing.${format}`,
    { version },
    `briefing-${month}-v${version}.${format}`,
  );
}
