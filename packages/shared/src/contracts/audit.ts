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
  /**
   * The object in plain words, resolved when the page is read (issue 14): a unit's name, a report as
   * “城关镇 2026年11月月报”, a project's or plan's name, a user's display name, a snapshot as “2026年10月排名”; null when
   * the object is of another type or no longer exists.
   */
  objectName?: string | null;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** Events about a unit: the unit itself, its reports and projects, and events whose detail names it (`unitId`). */
  unitId?: number;
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
