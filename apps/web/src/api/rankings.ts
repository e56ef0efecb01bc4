import type { RankingResponse, ScorecardResponse, ScoringInputResponse } from '@pacer/shared';

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

/**
 * `GET /plans/:id/scoring-input?month=`: the scoring engine's input of the month exactly as the server scores it
 * (the plan tree's active units, counters, project lists, manual entries), for the what-if.
 */
export function fetchScoringInput(planId: number, month: string, signal?: AbortSignal): Promise<ScoringInputResponse> {
  return http.get<ScoringInputResponse>(`/plans/${planId}/scoring-input`, { query: { month }, signal, revalidate: true });
}
