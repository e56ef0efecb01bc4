import type { Timestamp } from './common.js';

export interface AuditEventRow {
  id: string;
  at: Timestamp;
  userId: number | null;
  username: string | null;
  roles: string[];
  unitIds: number[];
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  result: 'success' | 'failure' | 'denied';
  requestId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Why a row fails verification (AUD-4): `row` — its own hash does not match its content (changed after it was
 * written); `link` — its prev_hash does not name the stored hash of the row before it (a row deleted or inserted
 * before it, or the previous row's hash rewritten); `row+link` — both.
 */
export type AuditBreakReason = 'row' | 'link' | 'row+link';

/** A run of consecutive rows (in chain order) broken for the same reason; `fromId` = `toId` for one row. */
export interface AuditBrokenLink {
  fromId: string;
  toId: string;
  rows: number;
  reason: AuditBreakReason;
}

/** `GET /audit/verify`: the whole chain is walked; every broken row is counted and listed in ranges. */
export interface AuditVerifyResponse {
  /** Rows walked (all of them, broken or not). */
  checked: number;
  /** The first broken row, or null when the chain is intact. */
  firstBrokenId: string | null;
  /** How many rows are broken in all. */
  brokenRows: number;
  /** The broken rows as ranges, in chain order (at most 1000 ranges; see `isTruncated`). */
  broken: AuditBrokenLink[];
  /** More ranges were broken than listed. */
  isTruncated: boolean;
}
