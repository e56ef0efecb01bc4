import type {
  ChainListItem,
  CreateFollowUpRequest,
  CreateLeadRequest,
  FollowUpsResponse,
  LeadDetail,
  LeadRow,
  LeadsQuery,
  LeadsSettings,
  LeadsSummary,
  Page,
  UpdateLeadRequest,
} from '@pacer/shared';

import { ApiError, http, type QueryValue } from './http';

/** 线索: filtered and paged on the server (a reporter gets their units' subtree). */
export function fetchLeads(query: LeadsQuery, signal?: AbortSignal): Promise<Page<LeadRow>> {
  return http.get<Page<LeadRow>>('/leads', { query: query as Record<string, QueryValue>, signal });
}

export function fetchLead(id: number, signal?: AbortSignal): Promise<LeadDetail> {
  return http.get<LeadDetail>(`/leads/${id}`, { signal });
}

export function createLead(body: CreateLeadRequest): Promise<LeadDetail> {
  return http.post<LeadDetail>('/leads', body);
}

export function updateLead(id: number, body: UpdateLeadRequest): Promise<LeadDetail> {
  return http.patch<LeadDetail>(`/leads/${id}`, body);
}

export function fetchFollowUps(id: number, signal?: AbortSignal): Promise<FollowUpsResponse> {
  return http.get<FollowUpsResponse>(`/leads/${id}/follow-ups`, { signal });
}

export function addFollowUp(id: number, body: CreateFollowUpRequest): Promise<LeadDetail> {
  return http.post<LeadDetail>(`/leads/${id}/follow-ups`, body);
}

export function fetchLeadsSummary(signal?: AbortSignal): Promise<LeadsSummary> {
  return http.get<LeadsSummary>('/leads/summary', { signal });
}

export function fetchLeadsSettings(signal?: AbortSignal): Promise<LeadsSettings> {
  return http.get<LeadsSettings>('/leads/settings', { signal });
}

export function putLeadsSettings(body: LeadsSettings): Promise<LeadsSettings> {
  return http.put<LeadsSettings>('/leads/settings', body);
}

/**
 * The chains for the chain-link picker, or null when this deployment has no 产业链 yet (GET /chains answers 404):
 * the picker then hides itself.
 */
export async function fetchChainsForPicker(signal?: AbortSignal): Promise<ChainListItem[] | null> {
  try {
    const answer = await http.get<ChainListItem[] | { items: ChainListItem[] }>('/chains', { signal });
    return Array.isArray(answer) ? answer : answer.items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
