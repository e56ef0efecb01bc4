import type {
  CreateInvestorRequest,
  CreateInvestorResponse,
  InvestorDetail,
  InvestorListItem,
  InvestorsQuery,
  Page,
  UpdateInvestorRequest,
} from '@pacer/shared';

import { http, type QueryValue } from './http';

/** 客商库: the county's companies, searched by name or credit code. */
export function fetchInvestors(query: InvestorsQuery, signal?: AbortSignal): Promise<Page<InvestorListItem>> {
  return http.get<Page<InvestorListItem>>('/investors', { query: query as Record<string, QueryValue>, signal });
}

export function fetchInvestor(id: number, signal?: AbortSignal): Promise<InvestorDetail> {
  return http.get<InvestorDetail>(`/investors/${id}`, { signal });
}

export function createInvestor(body: CreateInvestorRequest): Promise<CreateInvestorResponse> {
  return http.post<CreateInvestorResponse>('/investors', body);
}

export function updateInvestor(id: number, body: UpdateInvestorRequest): Promise<InvestorDetail> {
  return http.patch<InvestorDetail>(`/investors/${id}`, body);
}
