import type {
  CreateServiceAccountRequest,
  CreateServiceAccountResponse,
  ServiceAccountRow,
  ServiceAccountsResponse,
} from '@pacer/shared';

import { http } from './http';

/** 接口账号 (the sysadmin's): every account, revoked ones included; never a key. */
export function fetchServiceAccounts(signal?: AbortSignal): Promise<ServiceAccountsResponse> {
  return http.get<ServiceAccountsResponse>('/service-accounts', { signal });
}

/** Creates an account; the answer carries its API key this once (the server keeps only a hash). */
export function createServiceAccount(body: CreateServiceAccountRequest): Promise<CreateServiceAccountResponse> {
  return http.post<CreateServiceAccountResponse>('/service-accounts', body);
}

/** Revokes an account: its key is refused from the next request on. */
export function revokeServiceAccount(id: number): Promise<ServiceAccountRow> {
  return http.post<ServiceAccountRow>(`/service-accounts/${id}/revoke`);
}
