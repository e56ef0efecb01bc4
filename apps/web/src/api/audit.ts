import type { AuditEventRow, AuditQuery, AuditVerifyResponse, Page } from '@pacer/shared';

import { http } from './http';

export type { AuditVerifyResponse };

/** `GET /audit`, newest first (auditor only). */
export function fetchAuditEvents(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEventRow>> {
  return http.get<Page<AuditEventRow>>('/audit', { query: { ...query }, signal });
}

/** Walks the whole hash chain and lists every broken record (AUD-4): can take a while on a long log. */
export function verifyAuditChain(): Promise<AuditVerifyResponse> {
  return http.get<AuditVerifyResponse>('/audit/verify', { timeoutMs: 120_000 });
}
