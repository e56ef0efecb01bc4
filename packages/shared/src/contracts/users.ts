import type { Role } from '../enums/role.js';
import type { UserUnitRef } from './auth.js';
import type { Timestamp } from './common.js';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  units: UserUnitRef[];
  isActive: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Timestamp | null;
  lockedUntil: Timestamp | null;
  version: number;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  roles: Role[];
  unitIds?: number[];
  /** Initial password; the user must change it at first login. */
  password: string;
}

export interface UpdateUserRequest {
  version: number;
  displayName?: string;
  roles?: Role[];
  unitIds?: number[];
  isActive?: boolean;
}

export interface ResetPasswordRequest {
  version: number;
  newPassword: string;
}

/**
 * One live session of a user (SECURITY.md SES-5): a refresh-token family that is neither revoked nor past its idle
 * timeout or absolute lifetime (SES-1).
 */
export interface UserSession {
  familyId: string;
  /** The login that opened the session. */
  startedAt: Timestamp;
  /** The last login or token refresh of the session. */
  lastUsedAt: Timestamp;
  /** When the session ends unless it is used again: the earlier of the idle timeout and the absolute lifetime. */
  expiresAt: Timestamp;
  /** The address and browser of the last login or refresh. */
  ip: string | null;
  userAgent: string | null;
  /** The caller's own current session (ending it logs the caller out). */
  isCurrent: boolean;
}

export interface UserSessionsResponse {
  userId: number;
  /** Most recently used first. */
  items: UserSession[];
}

export interface EndSessionsResponse {
  /** Live sessions ended. */
  ended: number;
}
