import type {
  ActivitiesPage,
  ActivitiesQuery,
  ActivityDetail,
  ChainListItem,
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

/** A lead as the activity form offers it. */
export interface LeadChoice {
  id: number;
  title: string;
}

/**
 * The caller's leads whose title holds `q`, to link to an activity. The leads are another part of issue 17: a server
 * without `GET /leads` answers no choices, never an error.
 */
export async function suggestLeads(q: string, signal?: AbortSignal): Promise<LeadChoice[]> {
  try {
    const page = await http.get<{ items?: Array<{ id: number; title: string }> }>('/leads', {
      query: { q, pageSize: 20 },
      signal,
    });
    return (page.items ?? []).map((l) => ({ id: l.id, title: l.title }));
  } catch {
    return [];
  }
}

/** The 产业链 to name on an activity (`GET /chains`, another part of issue 17): none when the server has none. */
export async function fetchChainChoices(signal?: AbortSignal): Promise<Array<{ id: number; name: string }>> {
  try {
    const answer = await http.get<ChainListItem[] | { items?: ChainListItem[] }>('/chains', { signal });
    const items = Array.isArray(answer) ? answer : (answer.items ?? []);
    return items.map((c) => ({ id: c.id, name: c.name }));
  } catch {
    return [];
  }
}
