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
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: CurrentUser;
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
