import type {
  IndicatorRow,
  IndicatorsResponse,
  PlanRow,
  PlansResponse,
  UpdateIndicatorRequest,
  UpdatePlanRequest,
} from '@pacer/shared';

import { http } from './http';

/** `GET /plans`: every plan the user may read, newest year first. */
export function fetchPlans(signal?: AbortSignal): Promise<PlansResponse> {
  return http.get<PlansResponse>('/plans', { signal });
}

export function fetchPlan(planId: number, signal?: AbortSignal): Promise<PlanRow> {
  return http.get<PlanRow>(`/plans/${planId}`, { signal });
}

/** Settings or status with the version read; 409 VERSION_CONFLICT when someone saved in between. */
export function updatePlan(planId: number, body: UpdatePlanRequest): Promise<PlanRow> {
  return http.patch<PlanRow>(`/plans/${planId}`, body);
}

/** `GET /plans/:id/indicators`: the catalogue by sort order. */
export function fetchIndicators(planId: number, signal?: AbortSignal): Promise<IndicatorsResponse> {
  return http.get<IndicatorsResponse>(`/plans/${planId}/indicators`, { signal });
}

/**
 * `PATCH /indicators/:id` (carries version): e.g. how units enter it (entryMode) and how often (reportFrequency), issue
 * 16 rules 10–11, or 仅计已认定 on a ledger rule (issue 15).
 */
export function updateIndicator(id: number, body: UpdateIndicatorRequest): Promise<IndicatorRow> {
  return http.patch<IndicatorRow>(`/indicators/${id}`, body);
}
