import type { Permission } from '../enums/permission.js';
import type { UserUnitRef } from './auth.js';
import type { Timestamp } from './common.js';

/**
 * A service account: a machine client (a statistics bureau feed, a 政务数据共享 exchange) that calls the API with an
 * API key instead of a person's password. Scoped to units and permissions like a reporter, with an expiry; the key
 * itself is shown once, at creation, and stored only as a hash.
 */
export interface ServiceAccountRow {
  id: number;
  name: string;
  /** The key's first characters (`pk_` and 8 more), to tell keys apart; never enough to use it. */
  keyPrefix: string;
  /** The units it acts for; their descendants are in its scope too, as for a reporter. */
  units: UserUnitRef[];
  permissions: Permission[];
  expiresAt: Timestamp;
  createdAt: Timestamp;
  createdBy: string | null;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  /** Last authenticated request (to the minute). */
  lastUsedAt: Timestamp | null;
  /** `active`, or why the key is refused. */
  status: ServiceAccountStatus;
}

export type ServiceAccountStatus = 'active' | 'expired' | 'revoked';

export interface CreateServiceAccountRequest {
  name: string;
  unitIds: number[];
  permissions: Permission[];
  /** `YYYY-MM-DD` (Asia/Shanghai): the key works until the end of that day; at most the configured maximum ahead. */
  expiresOn: string;
  /** The account this one replaces (rotation): revoked in the same transaction. */
  replacesId?: number;
}

export interface CreateServiceAccountResponse {
  account: ServiceAccountRow;
  /** The API key, shown this once: `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

export interface ServiceAccountsResponse {
  items: ServiceAccountRow[];
  /** The longest expiry a new account may have, in days (PACER_SERVICE_ACCOUNT_MAX_DAYS). */
  maxDays: number;
}
