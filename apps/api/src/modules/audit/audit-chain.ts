import { createHash } from 'node:crypto';

import type { AuditBrokenLink } from '@pacer/shared';

import { canonicalJson } from '../../common/audit/canonical-json';

/** The hash the first row of a never-purged chain names as its predecessor. */
export const GENESIS = '0'.repeat(64);

/** An audit_event row as PostgreSQL gives it back (pg's type parsers applied). */
export interface StoredAuditRow {
  id: string;
  at: Date | string;
  user_id: number | null;
  username: string | null;
  roles: string[];
  unit_ids: number[];
  ip: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  result: 'success' | 'failure' | 'denied';
  request_id: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

/** The part of a row the hash covers (everything but id, prev_hash and hash), `at` as an ISO string. */
export type HashedAuditRow = Omit<StoredAuditRow, 'id' | 'hash' | 'prev_hash' | 'at'> & { at: string };

export function hashOf(prevHash: string, row: HashedAuditRow): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** What the hash covers, read off a stored row: the one mapping the writer and the verifier share. */
export function hashedPartOf(row: Omit<StoredAuditRow, 'id' | 'hash' | 'prev_hash'>): HashedAuditRow {
  return {
    at: new Date(row.at).toISOString(),
    user_id: row.user_id,
    username: row.username,
    roles: row.roles,
    unit_ids: row.unit_ids,
    ip: row.ip,
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    result: row.result,
    request_id: row.request_id,
    before: row.before,
    after: row.after,
    detail: row.detail,
  };
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// PostgreSQL text and jsonb cannot hold U+0000
const NUL = '\u0000';

/**
 * A string as PostgreSQL can store it: a lone UTF-16 surrogate becomes U+FFFD (what the UTF-8 encoder would make
 * of it anyway) and so does a NUL (which text and jsonb refuse). Astral characters (𠀀, emoji) are well-formed
 * surrogate pairs and pass unchanged.
 */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATE, '\ufffd').replaceAll(NUL, '\ufffd');
}

/** `storableText` applied to every string and object key, deep; JSON-like input (after a JSON round trip). */
export function storableDeep(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [storableText(k), storableDeep(v)]),
    );
  }
  return value;
}

/**
 * AUD-6: secrets are redacted by exact field name (case, `_` and `-` ignored), never by pattern: `mustChangePassword`,
 * `passwordChangedAt`, a unit `code` or an indicator `code` are facts an auditor needs, not secrets.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set(
  [
    'password',
    'currentPassword',
    'newPassword',
    'oldPassword',
    'initialPassword',
    'passwordHash',
    'token',
    'accessToken',
    'refreshToken',
    'idToken',
    'tokenHash',
    'refreshTokenHash',
    'secret',
    'clientSecret',
    'jwtSecret',
    'totpSecret',
    'mfaSecret',
    'totp',
    'totpCode',
    'otp',
    'otpCode',
    'mfaCode',
    'recoveryCode',
    'recoveryCodes',
    'codeVerifier',
    'authorization',
    'cookie',
  ].map(fieldKey),
);

function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(fieldKey(name));
}

/** Replaces the value of every secret field (deep) with '[redacted]'. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSecretField(k) ? '[redacted]' : redactSecrets(v)]),
    );
  }
  return value;
}

/** Most broken ranges one verification lists; the count of broken rows is always complete. */
export const MAX_BROKEN_RANGES = 1000;

/**
 * Walks rows in id order and checks two things per row, independently:
 *
 * - `row`: the row's own hash is SHA-256(its stored prev_hash ‖ its content). A mismatch means the row was changed
 *   after it was written.
 * - `link`: its prev_hash equals the stored hash of the row before it (or the purge anchor / genesis). A mismatch
 *   means a row before it was deleted or inserted, or the previous row's hash was rewritten.
 *
 * The walk always goes on from the row's STORED hash, so one altered row breaks only itself: the next row still names
 * that stored hash and verifies. A row whose content and hash were both rewritten shows as a broken `link` on the row
 * after it. Consecutive broken rows with the same reason are reported as one range.
 */
export class ChainWalker {
  private prev: string;
  checked = 0;
  brokenRows = 0;
  readonly broken: AuditBrokenLink[] = [];
  isTruncated = false;
  /** The previous row was broken and went into the last listed range (which this row may extend). */
  private isRangeOpen = false;

  constructor(anchorHash: string) {
    this.prev = anchorHash;
  }

  visit(row: StoredAuditRow): void {
    const reasons: Array<'row' | 'link'> = [];
    if (row.prev_hash !== this.prev) reasons.push('link');
    if (row.hash !== hashOf(row.prev_hash, hashedPartOf(row))) reasons.push('row');
    this.checked += 1;
    this.prev = row.hash;
    if (reasons.length === 0) {
      this.isRangeOpen = false;
      return;
    }
    this.brokenRows += 1;
    const reason = reasons.length === 2 ? 'row+link' : reasons[0]!;
    const last = this.broken[this.broken.length - 1];
    const id = String(row.id);
    if (this.isRangeOpen && last && last.reason === reason) {
      last.toId = id;
      last.rows += 1;
    } else if (this.broken.length < MAX_BROKEN_RANGES) {
      this.broken.push({ fromId: id, toId: id, rows: 1, reason });
      this.isRangeOpen = true;
    } else {
      this.isTruncated = true;
      this.isRangeOpen = false;
    }
  }
}
