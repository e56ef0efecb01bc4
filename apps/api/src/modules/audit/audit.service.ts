import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { AuditEventRow, AuditQuery, Page } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { canonicalJson } from '../../common/audit/canonical-json';

export interface AuditRecord {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  result?: 'success' | 'failure' | 'denied';
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  /** When the actor is not a logged-in principal yet (login attempts). */
  username?: string | null;
  userId?: number | null;
}

const GENESIS = '0'.repeat(64);
/** AUD-5: audit events are kept at least this long; the database refuses to purge a younger row (migration). */
export const AUDIT_MIN_RETENTION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Serialises appends so that the hash chain has one order (AUD-4). */
const AUDIT_CHAIN_LOCK = 7_365_002;

// never store secrets in the audit log (AUD-6)
const SECRET_KEYS = /pass(word)?|token|secret|hash|otp|code_?verifier/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v)]),
    );
  }
  return value;
}

interface StoredRow {
  id: string;
  at: Date;
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

export function hashOf(prevHash: string, row: Omit<StoredRow, 'id' | 'hash' | 'prev_hash' | 'at'> & { at: string }): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/**
 * The audit log: every write records who, when, from where, what, before and after, in the caller's
 * transaction (AUD-3: no change exists without its event). Rows are append-only (a trigger refuses
 * UPDATE/DELETE) and hash-chained: hash = SHA-256(previous hash ‖ canonical row).
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one event inside `manager`'s transaction (the caller's). */
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit events are written inside the transaction of the change they record');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    const principal = actor.principal;
    const row = {
      at: new Date().toISOString(),
      user_id: record.userId ?? principal?.userId ?? null,
      username: record.username ?? principal?.username ?? actor.systemName ?? null,
      roles: principal?.roles ?? [],
      unit_ids: principal?.unitIds ?? [],
      ip: actor.ip,
      action: record.action,
      object_type: record.objectType,
      object_id: record.objectId === undefined || record.objectId === null ? null : String(record.objectId),
      result: record.result ?? 'success',
      request_id: actor.requestId,
      before: record.before === undefined ? null : scrub(record.before),
      after: record.after === undefined ? null : scrub(record.after),
      detail: record.detail === undefined ? null : scrub(record.detail),
    };
    // normalise through JSON so what is hashed is exactly what jsonb gives back
    const normalised = JSON.parse(JSON.stringify(row)) as typeof row;
    const hash = hashOf(prevHash, normalised);
    await manager.query(
      `INSERT INTO audit_event (at, user_id, username, roles, unit_ids, ip, action, object_type, object_id, result,
                                request_id, before, after, detail, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
      [
        normalised.at,
        normalised.user_id,
        normalised.username,
        normalised.roles,
        normalised.unit_ids,
        normalised.ip,
        normalised.action,
        normalised.object_type,
        normalised.object_id,
        normalised.result,
        normalised.request_id,
        normalised.before === null ? null : JSON.stringify(normalised.before),
        normalised.after === null ? null : JSON.stringify(normalised.after),
        normalised.detail === null ? null : JSON.stringify(normalised.detail),
        prevHash,
        hash,
      ],
    );
  }

  /** Records an event in a transaction of its own (login attempts, authorization failures). */
  async recordStandalone(actor: Actor, record: AuditRecord): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, actor, record));
  }

  /**
   * Failed or refused logins from one address within the last `minutes` (AUTH-3's per-address limit): read off the
   * audit chain, which every login attempt already writes, so every replica counts the same attempts.
   */
  async countLoginFailuresFrom(ip: string, minutes: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE action = 'auth.login' AND result <> 'success' AND ip = $1 AND at > now() - make_interval(mins => $2)`,
      [ip, minutes],
    );
    return rows[0]?.n ?? 0;
  }

  async list(query: AuditQuery): Promise<Page<AuditEventRow>> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, query.pageSize ?? 50));
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.from) add('at >= ?::timestamptz', query.from);
    if (query.to) add('at < ?::timestamptz', query.to);
    if (query.userId) add('user_id = ?', query.userId);
    if (query.action) add('action = ?', query.action);
    if (query.objectType) add('object_type = ?', query.objectType);
    if (query.objectId) add('object_id = ?', query.objectId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_event ${clause}`, params);
    const rows: StoredRow[] = await this.dataSource.query(
      `SELECT * FROM audit_event ${clause} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      total,
      page,
      pageSize,
      items: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        userId: r.user_id,
        username: r.username,
        roles: r.roles,
        unitIds: r.unit_ids,
        ip: r.ip,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        result: r.result,
        requestId: r.request_id,
        before: r.before,
        after: r.after,
        detail: r.detail,
      })),
    };
  }

  /**
   * The retention purge (AUD-5, DATA-3): deletes the oldest events, those before `cutoff` (never younger than
   * AUDIT_MIN_RETENTION_DAYS: refused here, and by the database whatever the caller), as one prefix of the chain,
   * under the chain's lock. The purge is itself an audit event, written first so the chain goes on from a row that
   * stays; `audit_purge` keeps the last purged row's id and hash, where the verifier picks the chain up.
   */
  async purgeBefore(actor: Actor, cutoff: Date): Promise<{ purged: number; throughId: string | null }> {
    if (cutoff.getTime() > Date.now() - AUDIT_MIN_RETENTION_DAYS * DAY_MS) {
      throw new Error(`audit events are kept at least ${AUDIT_MIN_RETENTION_DAYS} days (cutoff ${cutoff.toISOString()})`);
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      // the prefix of the chain older than the cutoff: up to the first row at or after it
      const [range]: Array<{ throughId: string | null; rows: number }> = await manager.query(
        `SELECT max(id)::text AS "throughId", count(*)::int AS rows FROM audit_event
          WHERE id < coalesce((SELECT min(id) FROM audit_event WHERE at >= $1), 9223372036854775807)`,
        [cutoff.toISOString()],
      );
      if (!range?.throughId) return { purged: 0, throughId: null };
      const [{ hash }]: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_event WHERE id = $1', [
        range.throughId,
      ]);
      await this.record(manager, actor, {
        action: 'audit.purge',
        objectType: 'audit_event',
        objectId: range.throughId,
        detail: { cutoff: cutoff.toISOString(), rows: range.rows, throughId: range.throughId, throughHash: hash },
      });
      await manager.query(`SELECT set_config('pacer.audit_purge', 'on', true)`);
      const [{ purged }]: Array<{ purged: number }> = await manager.query(
        'WITH gone AS (DELETE FROM audit_event WHERE id <= $1 RETURNING 1) SELECT count(*)::int AS purged FROM gone',
        [range.throughId],
      );
      await manager.query(`SELECT set_config('pacer.audit_purge', 'off', true)`);
      await manager.query(
        'INSERT INTO audit_purge (cutoff, through_id, through_hash, row_count) VALUES ($1, $2, $3, $4)',
        [cutoff.toISOString(), range.throughId, hash, purged],
      );
      return { purged, throughId: range.throughId };
    });
  }

  /**
   * Walks the chain; returns the id of the first row whose hash does not match, or null when intact. After a
   * retention purge the chain starts at the anchor `audit_purge` recorded (the last purged row's hash).
   */
  async verifyChain(): Promise<{ checked: number; firstBrokenId: string | null }> {
    const anchors: Array<{ throughId: string; throughHash: string }> = await this.dataSource.query(
      `SELECT through_id::text AS "throughId", through_hash AS "throughHash" FROM audit_purge
        ORDER BY through_id DESC LIMIT 1`,
    );
    let prev = anchors[0]?.throughHash ?? GENESIS;
    let checked = 0;
    let lastId = anchors[0]?.throughId ?? '0';
    for (;;) {
      const rows: StoredRow[] = await this.dataSource.query(
        `SELECT * FROM audit_event WHERE id > $1 ORDER BY id LIMIT 1000`,
        [lastId],
      );
      if (rows.length === 0) return { checked, firstBrokenId: null };
      for (const r of rows) {
        const expected = hashOf(prev, {
          at: new Date(r.at).toISOString(),
          user_id: r.user_id,
          username: r.username,
          roles: r.roles,
          unit_ids: r.unit_ids,
          ip: r.ip,
          action: r.action,
          object_type: r.object_type,
          object_id: r.object_id,
          result: r.result,
          request_id: r.request_id,
          before: r.before,
          after: r.after,
          detail: r.detail,
        });
        if (r.prev_hash !== prev || r.hash !== expected) return { checked, firstBrokenId: String(r.id) };
        prev = r.hash;
        checked += 1;
        lastId = String(r.id);
      }
    }
  }
}
