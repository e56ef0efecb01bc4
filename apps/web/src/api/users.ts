import type {
  CreateUserRequest,
  EndSessionsResponse,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserRow,
  UserSessionsResponse,
} from '@pacer/shared';

import { http } from './http';

export function fetchUsers(signal?: AbortSignal): Promise<UserRow[]> {
  return http.get<UserRow[]>('/users', { signal });
}

export function createUser(body: CreateUserRequest): Promise<UserRow> {
  return http.post<UserRow>('/users', body);
}

/** Roles, units, name or active flag, with the version read (takes effect on the user's next request). */
export function updateUser(id: number, body: UpdateUserRequest): Promise<UserRow> {
  return http.patch<UserRow>(`/users/${id}`, body);
}

/** Ends every session of the user; the new password must be changed at the next login. */
export function resetUserPassword(id: number, body: ResetPasswordRequest): Promise<UserRow> {
  return http.post<UserRow>(`/users/${id}/reset-password`, body);
}

/** Clears the user's two-step verification (lost phone): every session of theirs ends; audited (AUTH-4). */
export function resetUserMfa(id: number): Promise<void> {
  return http.delete<void>(`/users/${id}/mfa`);
}

/** The user's live sessions (SES-5), most recently used first. */
export function fetchUserSessions(userId: number, signal?: AbortSignal): Promise<UserSessionsResponse> {
  return http.get<UserSessionsResponse>(`/users/${userId}/sessions`, { signal });
}

/** Ends one session: its access token is refused from its very next request. */
export function endUserSession(userId: number, familyId: string): Promise<void> {
  return http.delete<void>(`/users/${userId}/sessions/${encodeURIComponent(familyId)}`);
}

/** Ends every session of the user. */
export function endAllUserSessions(userId: number): Promise<EndSessionsResponse> {
  return http.post<EndSessionsResponse>(`/users/${userId}/sessions/end-all`);
}
