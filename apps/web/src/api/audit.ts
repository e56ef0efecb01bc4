import type { AuditEventRow, AuditQuery, Page } from '@pacer/shared';

import { http } from './http';

/** The answer of `GET /audit/verify` (AUD-4): how many rows were checked, the first whose hash breaks the chain. */
export interface AuditVerifyResponse {
  checked: number;
  firstBrokenId: string | null;
}

/** `GET /audit`, newest first (auditor only). */
export function fetchAuditEvents(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEventRow>> {
  return http.get<Page<AuditEventRow>>('/audit', { query: { ...query }, signal });
}

/** Walks the whole hash chain: can take a while on a long log. */
export function verifyAuditChain(): Promise<AuditVerifyResponse> {
  return http.get<AuditVerifyResponse>('/audit/verify', { timeoutMs: 120_000 });
}
