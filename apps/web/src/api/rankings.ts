import type { ProgressResponse, RankingResponse, ScorecardResponse } from '@pacer/shared';

import { http } from './http';

/** `GET /plans/:id/ranking?month=&group=`: every group when `group` is left out. */
export function fetchRanking(
  planId: number,
  month: string,
  options: { group?: string; signal?: AbortSignal } = {},
): Promise<RankingResponse> {
  return http.get<RankingResponse>(`/plans/${planId}/ranking`, {
    query: { month, group: options.group },
    signal: options.signal,
    revalidate: true,
  });
}

/** `GET /plans/:id/units/:unitId/scorecard?month=`: one unit's score explained item by item. */
export function fetchScorecard(
  planId: number,
  unitId: number,
  month: string,
  signal?: AbortSignal,
): Promise<ScorecardResponse> {
  return http.get<ScorecardResponse>(`/plans/${planId}/units/${unitId}/scorecard`, { query: { month }, signal });
}

/** `GET /plans/:id/progress?month=`: every unit × indicator of the plan tree (actual, target, light). */
export function fetchProgress(planId: number, month: string, signal?: AbortSignal): Promise<ProgressResponse> {
  return http.get<ProgressResponse>(`/plans/${planId}/progress`, { query: { month }, signal, revalidate: true });
}
