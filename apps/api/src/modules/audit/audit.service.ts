import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditEventRow, AuditQuery, AuditVerifyResponse, Page } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { AUDIT_CONFIG, type AuditConfig } from '../../config/audit.config';
import {
  ChainWalker,
  GENESIS,
  hashedPartOf,
  hashOf,
  redactSecrets,
  storableDeep,
  storableText,
  type StoredAuditRow,
} from './audit-chain';

export { hashOf } from './audit-chain';

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

/** AUD-5: audit events are kept at least this long; the database refuses to purge a younger row (migration). */
export const AUDIT_MIN_RETENTION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Serialises appends so that the hash chain has one order (AUD-4). */
const AUDIT_CHAIN_LOCK = 7_365_002;

const COLUMNS = `at, user_id, username, roles, unit_ids, ip, action, object_type, object_id, result, request_id,
                 before, after, detail`;

/** A JSON value as jsonb will hold it: secrets redacted, through JSON (Dates, toJSON, undefined), storable strings. */
function jsonForAudit(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(redactSecrets(value));
  return json === undefined ? null : storableDeep(JSON.parse(json));
}

function textForAudit(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : storableText(value);
}

/**
 * The audit log: every write records who, when, from where, what, before and after, in the caller's
 * transaction (AUD-3: no change exists without its event). Rows are append-only (a trigger refuses
 * UPDATE/DELETE) and hash-chained: hash = SHA-256(previous hash ‖ canonical row).
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  /**
   * Appends one event inside `manager`'s transaction (the caller's).
   *
   * AUD-4: the hash must cover exactly what is stored, or the verifier breaks the chain at this row forever. So:
   * 1. every string (and JSON key) is made storable first (`storableText`: a lone surrogate or a NUL becomes U+FFFD),
   *    so no caller's input can make the insert fail or the stored text differ;
   * 2. the values are sent through PostgreSQL's own input functions (`SELECT $n::<column type>`) and the hash is
   *    computed over what comes back — the same casts the INSERT applies to the same parameters, so whatever
   *    PostgreSQL would change (encoding, jsonb's number and key handling, timestamp precision) is already in the
   *    hashed values;
   * 3. the INSERT returns the stored row and the verifier's own check runs on it before the transaction commits:
   *    should they ever disagree, the write fails (and the change with it, AUD-3) instead of breaking the chain.
   * Hashing the RETURNING row alone is impossible (the hash is a column of that row and rows are never updated);
   * computing the hash in SQL would change the hash's definition for the rows already chained.
   */
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit events are written inside the transaction of the change they record');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    const principal = actor.principal;
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    const params = [
      new Date().toISOString(),
      record.userId ?? principal?.userId ?? null,
      textForAudit(record.username ?? principal?.username ?? actor.systemName ?? null),
      (principal?.roles ?? []).map((r) => storableText(r)),
      principal?.unitIds ?? [],
      textForAudit(actor.ip),
      storableText(record.action),
      storableText(record.objectType),
      record.objectId === undefined || record.objectId === null ? null : storableText(String(record.objectId)),
      record.result ?? 'success',
      textForAudit(actor.requestId),
      json(jsonForAudit(record.before)),
      json(jsonForAudit(record.after)),
      json(jsonForAudit(record.detail)),
    ];
    const [stored]: Array<Omit<StoredAuditRow, 'id' | 'hash' | 'prev_hash'>> = await manager.query(
      `SELECT $1::timestamptz AS at, $2::integer AS user_id, $3::text AS username, $4::text[] AS roles,
              $5::integer[] AS unit_ids, $6::text AS ip, $7::text AS action, $8::text AS object_type,
              $9::text AS object_id, $10::text AS result, $11::text AS request_id,
              $12::jsonb AS before, $13::jsonb AS after, $14::jsonb AS detail`,
      params,
    );
    const hash = hashOf(prevHash, hashedPartOf(stored!));
    const [inserted]: StoredAuditRow[] = await manager.query(
      `INSERT INTO audit_event (${COLUMNS}, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
       RETURNING id::text, ${COLUMNS}, prev_hash, hash`,
      [...params, prevHash, hash],
    );
    if (hashOf(inserted!.prev_hash, hashedPartOf(inserted!)) !== inserted!.hash) {
      throw new Error(`audit event ${inserted!.id} would not verify as stored: not written`);
    }
  }

  /**
   * AUD-1: an authorization failure, recorded in its own transaction but at most `deniedPerMinute` times per user in
   * any 60 seconds, so a caller hammering another unit's ids cannot flood the table. The count is read under the
   * chain's lock, which every replica's append takes, so the limit holds across replicas. Returns whether it wrote.
   */
  async recordDenied(actor: Actor, record: AuditRecord): Promise<boolean> {
    const userId = record.userId ?? actor.principal?.userId ?? null;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      if (userId !== null) {
        const [{ n }]: Array<{ n: number }> = await manager.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE user_id = $1 AND action = 'auth.denied' AND at > $2`,
          [userId, new Date(Date.now() - 60_000).toISOString()],
        );
        if (n >= this.config.deniedPerMinute) {
          this.logger.debug(`auth.denied of user ${userId} not recorded: ${n} in the last minute`);
          return false;
        }
      }
      await this.record(manager, actor, { ...record, action: 'auth.denied', result: 'denied' });
      return true;
    });
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
    const rows: StoredAuditRow[] = await this.dataSource.query(
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
      // the owner's SECURITY DEFINER function deletes the prefix and records the anchor: the runtime role has no
      // DELETE on audit_event itself (migration 1765400000000)
      const [{ purged }]: Array<{ purged: number }> = await manager.query(
        'SELECT audit_purge_through($1::timestamptz, $2::bigint)::int AS purged',
        [cutoff.toISOString(), range.throughId],
      );
      return { purged, throughId: range.throughId };
    });
  }

  /**
   * Walks the whole chain and reports every broken row, in ranges (ChainWalker documents the rule): one altered row
   * breaks only itself, and everything after it is still verified. After a retention purge the chain starts at the
   * anchor `audit_purge` recorded (the last purged row's hash).
   */
  async verifyChain(): Promise<AuditVerifyResponse> {
    const anchors: Array<{ throughId: string; throughHash: string }> = await this.dataSource.query(
      `SELECT through_id::text AS "throughId", through_hash AS "throughHash" FROM audit_purge
        ORDER BY through_id DESC LIMIT 1`,
    );
    const walker = new ChainWalker(anchors[0]?.throughHash ?? GENESIS);
    let lastId = anchors[0]?.throughId ?? '0';
    for (;;) {
      const rows: StoredAuditRow[] = await this.dataSource.query(
        `SELECT * FROM audit_event WHERE id > $1 ORDER BY id LIMIT 1000`,
        [lastId],
      );
      if (rows.length === 0) break;
      for (const row of rows) walker.visit(row);
      lastId = String(rows[rows.length - 1]!.id);
    }
    return {
      checked: walker.checked,
      firstBrokenId: walker.broken[0]?.fromId ?? null,
      brokenRows: walker.brokenRows,
      broken: walker.broken,
      isTruncated: walker.isTruncated,
    };
  }
}
