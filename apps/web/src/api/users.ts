import type { CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserRow } from '@pacer/shared';

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
