import { Injectable } from '@nestjs/common';
import type { AuditQuery } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { StoredAuditRow } from './audit-chain';

/** Serialises appends so that the hash chain has one order (AUD-4). */
const AUDIT_CHAIN_LOCK = 7_365_002;

const COLUMNS = `at, user_id, username, roles, unit_ids, ip, action, object_type, object_id, result, request_id,
                 before, after, detail`;

// a batch of events of one actor: $1…$8 the actor's columns (as `cast`'s $1…$6, $10, $11), $9…$14 one array each
const BATCH_SELECT = `$1::timestamptz AS at, $2::integer AS user_id, $3::text AS username, $4::text[] AS roles,
  $5::integer[] AS unit_ids, $6::text AS ip, t.action::text AS action, t.object_type::text AS object_type,
  t.object_id::text AS object_id, $7::text AS result, $8::text AS request_id, t.before::jsonb AS before,
  t.after::jsonb AS after, t.detail::jsonb AS detail`;
const BATCH_SOURCE = `unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
  WITH ORDINALITY AS t(action, object_type, object_id, before, after, detail, ord)`;

/** An event's columns as PostgreSQL stores them (AuditService.record hashes exactly these). */
export type CastAuditRow = Omit<StoredAuditRow, 'id' | 'hash' | 'prev_hash'>;

/** The audit list's filters (AuditQuery's), each optional. */
export type AuditFilter = Pick<
  AuditQuery,
  'from' | 'to' | 'userId' | 'action' | 'objectType' | 'objectId' | 'unitId'
>;

/** An object id that is a row id (the cast only runs when it is: CASE keeps the order). */
const ROW_ID = (table: string) =>
  `${table}.id = CASE WHEN e.object_id ~ '^[0-9]{1,9}$' THEN e.object_id::int END`;

/** 2026-11 → 2026年11月, in SQL. */
const MONTH_WORDS = (column: string) =>
  `substr(${column}, 1, 4) || '年' || ltrim(substr(${column}, 6, 2), '0') || '月'`;

/** SQL of the audit log (audit_event, audit_purge): the chain's lock, appends, the reads and the purge. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The chain's lock, held to the end of the caller's transaction (every replica's append takes it). */
  async lockChain(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  }

  /** The hash of the chain's last row, or null when the table is empty. */
  async lastHash(manager: EntityManager): Promise<string | null> {
    const last: Array<{ hash: string }> = await manager.query(
      'SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1',
    );
    return last[0]?.hash ?? null;
  }

  /**
   * The event's parameters through PostgreSQL's own input functions (`SELECT $n::<column type>`): the same casts the
   * INSERT applies to the same parameters, so the hash can be computed over what will be stored.
   */
  async cast(manager: EntityManager, params: unknown[]): Promise<CastAuditRow> {
    const [stored]: CastAuditRow[] = await manager.query(
      `SELECT $1::timestamptz AS at, $2::integer AS user_id, $3::text AS username, $4::text[] AS roles,
              $5::integer[] AS unit_ids, $6::text AS ip, $7::text AS action, $8::text AS object_type,
              $9::text AS object_id, $10::text AS result, $11::text AS request_id,
              $12::jsonb AS before, $13::jsonb AS after, $14::jsonb AS detail`,
      params,
    );
    return stored!;
  }

  /** Appends the event with its chain hashes; answers the row as stored. */
  async insert(
    manager: EntityManager,
    params: unknown[],
    prevHash: string,
    hash: string,
  ): Promise<StoredAuditRow> {
    const [inserted]: StoredAuditRow[] = await manager.query(
      `INSERT INTO audit_event (${COLUMNS}, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
       RETURNING id::text, ${COLUMNS}, prev_hash, hash`,
      [...params, prevHash, hash],
    );
    return inserted!;
  }

  /** Appends many events with their chain hashes in the given order (one statement); answers the rows as stored. */
  async insertMany(
    manager: EntityManager,
    shared: unknown[],
    varying: unknown[][],
    prevHashes: string[],
    hashes: string[],
  ): Promise<StoredAuditRow[]> {
    return manager.query(
      `INSERT INTO audit_event (${COLUMNS}, prev_hash, hash)
       SELECT ${BATCH_SELECT}, h.prev_hash, h.hash
         FROM ${BATCH_SOURCE}
         JOIN unnest($15::text[], $16::text[]) WITH ORDINALITY AS h(prev_hash, hash, ord) ON h.ord = t.ord
        ORDER BY t.ord
       RETURNING id::text, ${COLUMNS}, prev_hash, hash`,
      [...shared, ...varying, prevHashes, hashes],
    );
  }

  /** The user's `auth.denied` events since `since` (ISO instant). */
  async countDeniedSince(manager: EntityManager, userId: number, since: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE user_id = $1 AND action = 'auth.denied' AND at > $2`,
      [userId, since],
    );
    return n;
  }

  /** Failed or refused logins from one address within the last `minutes`. */
  async countLoginFailuresFrom(ip: string, minutes: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE action = 'auth.login' AND result <> 'success' AND ip = $1 AND at > now() - make_interval(mins => $2)`,
      [ip, minutes],
    );
    return rows[0]?.n ?? 0;
  }

  /** One page of the filtered events, newest first, and the filter's total. */
  async listPage(
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ total: number; rows: Array<StoredAuditRow & { object_name: string | null }> }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('at >= ?::timestamptz', filter.from);
    if (filter.to) add('at < ?::timestamptz', filter.to);
    if (filter.userId) add('user_id = ?', filter.userId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.objectType) add('object_type = ?', filter.objectType);
    if (filter.objectId) add('object_id = ?', filter.objectId);
    if (filter.unitId) {
      params.push(filter.unitId);
      const u = `$${params.length}::int`;
      where.push(`((object_type = 'unit' AND object_id = ${u}::text)
        OR (object_type = 'report' AND object_id IN (SELECT id::text FROM monthly_report WHERE unit_id = ${u}))
        OR (object_type = 'project' AND object_id IN (SELECT id::text FROM project WHERE unit_id = ${u}))
        OR detail->>'unitId' = ${u}::text)`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_event ${clause}`,
      params,
    );
    // the page first, then its objects' names in one set-based join (never a query per row)
    const rows: Array<StoredAuditRow & { object_name: string | null }> = await this.dataSource.query(
      `WITH page AS (
         SELECT * FROM audit_event ${clause} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
       )
       SELECT e.*,
              CASE e.object_type
                WHEN 'unit' THEN ou.name
                WHEN 'report' THEN ru.name || ' ' || ${MONTH_WORDS('r.month')} || '月报'
                WHEN 'project' THEN p.name
                WHEN 'plan' THEN pl.name
                WHEN 'user' THEN au.display_name
                WHEN 'ranking_snapshot' THEN ${MONTH_WORDS('rs.month')} || '排名'
              END AS object_name
         FROM page e
         LEFT JOIN unit ou ON e.object_type = 'unit' AND ${ROW_ID('ou')}
         LEFT JOIN monthly_report r ON e.object_type = 'report' AND ${ROW_ID('r')}
         LEFT JOIN unit ru ON ru.id = r.unit_id
         LEFT JOIN project p ON e.object_type = 'project' AND ${ROW_ID('p')}
         LEFT JOIN plan pl ON e.object_type = 'plan' AND ${ROW_ID('pl')}
         LEFT JOIN app_user au ON e.object_type = 'user' AND ${ROW_ID('au')}
         LEFT JOIN ranking_snapshot rs ON e.object_type = 'ranking_snapshot' AND ${ROW_ID('rs')}
        ORDER BY e.id DESC`,
      params,
    );
    return { total, rows };
  }

  /** The prefix of the chain older than the cutoff (up to the first row at or after it): its last id and size. */
  async purgeRange(
    manager: EntityManager,
    cutoff: string,
  ): Promise<{ throughId: string | null; rows: number } | undefined> {
    const [range]: Array<{ throughId: string | null; rows: number }> = await manager.query(
      `SELECT max(id)::text AS "throughId", count(*)::int AS rows FROM audit_event
        WHERE id < coalesce((SELECT min(id) FROM audit_event WHERE at >= $1), 9223372036854775807)`,
      [cutoff],
    );
    return range;
  }

  async hashOfRow(manager: EntityManager, id: string): Promise<string> {
    const [{ hash }]: Array<{ hash: string }> = await manager.query(
      'SELECT hash FROM audit_event WHERE id = $1',
      [id],
    );
    return hash;
  }

  /**
   * The owner's SECURITY DEFINER function deletes the prefix and records the anchor: the runtime role has no DELETE
   * on audit_event itself (migration 1765400000000). Answers the rows deleted.
   */
  async purgeThrough(manager: EntityManager, cutoff: string, throughId: string): Promise<number> {
    const [{ purged }]: Array<{ purged: number }> = await manager.query(
      'SELECT audit_purge_through($1::timestamptz, $2::bigint)::int AS purged',
      [cutoff, throughId],
    );
    return purged;
  }

  /** The latest purge's anchor (the last purged row's id and hash), where the verifier picks the chain up. */
  async latestPurgeAnchor(): Promise<{ throughId: string; throughHash: string } | undefined> {
    const anchors: Array<{ throughId: string; throughHash: string }> = await this.dataSource.query(
      `SELECT through_id::text AS "throughId", through_hash AS "throughHash" FROM audit_purge
        ORDER BY through_id DESC LIMIT 1`,
    );
    return anchors[0];
  }

  /** Up to 1000 events after `lastId`, in chain order (the verifier's walk). */
  listAfter(lastId: string): Promise<StoredAuditRow[]> {
    return this.dataSource.query(`SELECT * FROM audit_event WHERE id > $1 ORDER BY id LIMIT 1000`, [lastId]);
  }
}
