import type { DashboardResponse } from '@pacer/shared';

import { http } from './http';

/** `GET /plans/:id/dashboard?month=`: the whole dashboard in one call (frozen snapshot when the month is closed). */
export function fetchDashboard(planId: number, month: string, signal?: AbortSignal): Promise<DashboardResponse> {
  return http.get<DashboardResponse>(`/plans/${planId}/dashboard`, { query: { month }, signal, revalidate: true });
}
