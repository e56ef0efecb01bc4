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
