import type {
  VerificationAppealRequest,
  VerificationDecisionRequest,
  VerificationRow,
  VerificationsQuery,
  VerificationsResponse,
} from '@pacer/shared';

import { http, type QueryValue } from './http';

/** 认定 queue (the office) or one project's events (its page), scoped like the ledger. */
export function fetchVerifications(query: VerificationsQuery, signal?: AbortSignal): Promise<VerificationsResponse> {
  return http.get<VerificationsResponse>('/verifications', {
    query: query as Record<string, QueryValue>,
    signal,
  });
}

/** 已认定 / 不予认定 of one pending event, with the version the office saw. */
export function decideVerification(id: number, body: VerificationDecisionRequest): Promise<VerificationRow> {
  return http.post<VerificationRow>(`/verifications/${id}/decision`, body);
}

/** The unit's one appeal of a 不予认定. */
export function appealVerification(id: number, body: VerificationAppealRequest): Promise<VerificationRow> {
  return http.post<VerificationRow>(`/verifications/${id}/appeal`, body);
}
