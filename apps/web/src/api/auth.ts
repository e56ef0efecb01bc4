import type {
  ChangePasswordRequest,
  CurrentUser,
  DemoInfoResponse,
  LoginRequest,
  LoginResponse,
} from '@pacer/shared';

import { http } from './http';

// The auth routes are called by the auth store (tokens) and the login/password pages; nothing else.

/** `POST /auth/login`: no bearer is sent, so a 401 here (wrong password, locked) is an answer, not a refresh cue. */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/login', body, { auth: false });
}

/** `POST /auth/refresh`: the refresh token is single-use; the answer carries the next one. */
export function refreshSession(refreshToken: string): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/refresh', { refreshToken }, { auth: false });
}

/** `POST /auth/logout` with the bearer of the session it ends; revokes the refresh token family. */
export function logout(refreshToken: string, accessToken: string): Promise<void> {
  return http.post<void>('/auth/logout', { refreshToken }, { bearer: accessToken });
}

/** `GET /auth/me`: roles, permissions and units as they are now (they can change between requests, AUTH-7). */
export function fetchCurrentUser(): Promise<CurrentUser> {
  return http.get<CurrentUser>('/auth/me');
}

/** `POST /auth/password` → 204; other sessions of the user end, this one goes on. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return http.post<void>('/auth/password', body);
}

/** `POST /docs/session` → 204: an HttpOnly cookie lets this browser open /api/docs until the access token expires. */
export function openApiDocsSession(): Promise<void> {
  return http.post<void>('/docs/session', {});
}

/** `GET /auth/demo`: the demo logins, only in demo mode. */
export function fetchDemoInfo(): Promise<DemoInfoResponse> {
  return http.get<DemoInfoResponse>('/auth/demo', { auth: false });
}
