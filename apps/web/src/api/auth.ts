import type {
  ChangePasswordRequest,
  CurrentUser,
  DemoInfoResponse,
  LoginRequest,
  LoginResponse,
  LoginResult,
  MfaEnrollmentStartResponse,
  MfaRecoveryCodesResponse,
  MfaStatusResponse,
  MfaVerifyRequest,
} from '@pacer/shared';

import { http } from './http';

// The auth routes are called by the auth store (tokens) and the login/password pages; nothing else.

/** `POST /auth/login`: no bearer is sent, so a 401 here (wrong password, locked) is an answer, not a refresh cue. */
export function login(body: LoginRequest): Promise<LoginResult> {
  return http.post<LoginResult>('/auth/login', body, { auth: false });
}

/** `POST /auth/mfa/verify`: the second login step (AUTH-4); a 401 here is an answer too (wrong code, expired). */
export function verifyMfa(body: MfaVerifyRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/mfa/verify', body, { auth: false });
}

/** `GET /auth/mfa`: the own second factor (the secret is never sent again after enrolment). */
export function fetchMfaStatus(): Promise<MfaStatusResponse> {
  return http.get<MfaStatusResponse>('/auth/mfa');
}

/** `POST /auth/mfa/enrollment`: a new secret as QR code and manual key, shown this once. */
export function startMfaEnrollment(): Promise<MfaEnrollmentStartResponse> {
  return http.post<MfaEnrollmentStartResponse>('/auth/mfa/enrollment');
}

/** `POST /auth/mfa/enrollment/confirm`: the first code turns MFA on; answers the recovery codes, shown once. */
export function confirmMfaEnrollment(code: string): Promise<MfaRecoveryCodesResponse> {
  return http.post<MfaRecoveryCodesResponse>('/auth/mfa/enrollment/confirm', { code });
}

/** `POST /auth/mfa/recovery-codes`: new recovery codes for a current code; the old ones stop working. */
export function regenerateRecoveryCodes(code: string): Promise<MfaRecoveryCodesResponse> {
  return http.post<MfaRecoveryCodesResponse>('/auth/mfa/recovery-codes', { code });
}

/** `POST /auth/mfa/disable` with a current code or a recovery code → 204. */
export function disableMfa(code: string): Promise<void> {
  return http.post<void>('/auth/mfa/disable', { code });
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
