import type {
  ActivitiesPage,
  ActivitiesQuery,
  ActivityDetail,
  CreateActivityRequest,
  InvestorRef,
  RemoveActivityRequest,
  UpdateActivityRequest,
} from '@pacer/shared';

import { http, request, type QueryValue } from './http';

/** 招商活动: filtered and paged on the server (a reporter sees their units' and those they took part in). */
export function fetchActivities(query: ActivitiesQuery, signal?: AbortSignal): Promise<ActivitiesPage> {
  return http.get<ActivitiesPage>('/activities', { query: query as Record<string, QueryValue>, signal });
}

export function fetchActivity(id: number, signal?: AbortSignal): Promise<ActivityDetail> {
  return http.get<ActivityDetail>(`/activities/${id}`, { signal });
}

export function createActivity(body: CreateActivityRequest): Promise<ActivityDetail> {
  return http.post<ActivityDetail>('/activities', body);
}

export function updateActivity(id: number, body: UpdateActivityRequest): Promise<ActivityDetail> {
  return http.patch<ActivityDetail>(`/activities/${id}`, body);
}

/** Soft removal with a reason; the row stays with who, when and why. */
export function removeActivity(id: number, body: RemoveActivityRequest): Promise<void> {
  return request<void>(`/activities/${id}`, { method: 'DELETE', body });
}

/**
 * Companies of the 客商库 whose name holds `q`, for the "companies met" suggestions. The 客商库 is another part of
 * issue 17: a server without `GET /investors` (or a caller it refuses) answers no suggestions, never an error.
 */
export async function suggestInvestors(q: string, signal?: AbortSignal): Promise<InvestorRef[]> {
  try {
    const page = await http.get<{ items?: InvestorRef[] }>('/investors', {
      query: { q, pageSize: 10 },
      signal,
    });
    return (page.items ?? []).map((i) => ({ id: i.id, name: i.name, creditCode: i.creditCode ?? null }));
  } catch {
    // no 客商库 yet (404), not allowed (403), offline or aborted: the clerk types the name in full
    return [];
  }
}
