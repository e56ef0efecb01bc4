import type { CreateScoringEntryRequest, ScoringEntriesResponse, ScoringEntryRow } from '@pacer/shared';

import { http, request } from './http';

/** `GET /plans/:id/scoring-entries`: every live entry of the plan, by month, unit order, id. */
export function fetchScoringEntries(planId: number, signal?: AbortSignal): Promise<ScoringEntriesResponse> {
  return http.get<ScoringEntriesResponse>(`/plans/${planId}/scoring-entries`, { signal });
}

/** `POST /plans/:id/scoring-entries`: 422 with `details[].field` when the item, unit or counter does not fit. */
export function createScoringEntry(
  planId: number,
  body: CreateScoringEntryRequest,
): Promise<ScoringEntryRow> {
  return http.post<ScoringEntryRow>(`/plans/${planId}/scoring-entries`, body);
}

/** `DELETE /scoring-entries/:id` with the reason (kept, marked deleted, audited). */
export function deleteScoringEntry(id: number, reason: string): Promise<void> {
  // DELETE with a JSON body: the reason travels with it.
  return request<void>(`/scoring-entries/${id}`, { method: 'DELETE', body: { reason } });
}
