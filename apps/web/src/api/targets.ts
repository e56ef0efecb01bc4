import type { PutTargetsRequest, PutTargetsResponse, TargetsResponse } from '@pacer/shared';

import { http } from './http';

/** The plan's targets and the decomposition check per parent unit and indicator. */
export function fetchTargets(planId: number, signal?: AbortSignal): Promise<TargetsResponse> {
  return http.get<TargetsResponse>(`/plans/${planId}/targets`, { signal });
}

/** Upserts the rows in one transaction (all or none); errors name `N.value` for the N-th row sent. */
export function putTargets(planId: number, rows: PutTargetsRequest): Promise<PutTargetsResponse> {
  return http.put<PutTargetsResponse>(`/plans/${planId}/targets`, rows, { timeoutMs: 60_000 });
}
