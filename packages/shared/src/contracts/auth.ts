import type { Role } from '../enums/role.js';
import type { Permission } from '../enums/permission.js';

export interface LoginRequest {
  username: string;
  password: string;
}

export interface UserUnitRef {
  id: number;
  code: string;
  name: string;
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  units: UserUnitRef[];
  mustChangePassword: boolean;
  /** A TOTP second factor is on for this account (AUTH-4). */
  mfaEnabled?: boolean;
  /** PACER_MFA_REQUIRED and an admin, sysadmin or auditor without MFA: every call but enrolment answers 403. */
  mustEnrollMfa?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: CurrentUser;
}

/** `POST /auth/login` when the account has MFA on: the password was right, now the code (AUTH-4). */
export interface MfaChallengeResponse {
  mfaRequired: true;
  /** Short-lived, good only for `POST /auth/mfa/verify`. */
  mfaToken: string;
  /** Seconds until the challenge expires. */
  expiresIn: number;
}

/** What `POST /auth/login` answers: a session, or the second step. */
export type LoginResult = LoginResponse | MfaChallengeResponse;

export function isMfaChallenge(result: LoginResult): result is MfaChallengeResponse {
  return (result as MfaChallengeResponse).mfaRequired === true;
}

/** `POST /auth/mfa/verify`: the challenge and either a 6-digit code or a recovery code → the normal tokens. */
export interface MfaVerifyRequest {
  mfaToken: string;
  code?: string;
  recoveryCode?: string;
}

/** `GET /auth/mfa`: the caller's own second factor. The secret is never returned after enrolment. */
export interface MfaStatusResponse {
  enabled: boolean;
  /** The deployment requires MFA for this user's roles. */
  required: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

/** `POST /auth/mfa/enrollment`: a new secret, shown this once, to scan or type into the authenticator app. */
export interface MfaEnrollmentStartResponse {
  /** Base32, for typing in by hand. */
  secret: string;
  otpauthUri: string;
  /** PNG data URL of the otpauth:// URI. */
  qrDataUrl: string;
}

/** A current 6-digit code (or, where said, a recovery code). */
export interface MfaCodeRequest {
  code: string;
}

/** Shown once, at confirmation or regeneration; only their hashes are kept. */
export interface MfaRecoveryCodesResponse {
  recoveryCodes: string[];
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unitName?: string;
}

export interface DemoInfoResponse {
  isDemo: boolean;
  password?: string;
  accounts: DemoAccount[];
}
