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
} from './audit-chain';
import { AuditRepository } from './audit.repository';

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
  /** The roles and units of a user who is not a principal yet (a successful login records whom it let in). */
  roles?: readonly string[];
  unitIds?: readonly number[];
}

/** AUD-5: audit events are kept at least this long; the database refuses to purge a younger row (migration). */
export const AUDIT_MIN_RETENTION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

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
    private readonly events: AuditRepository,
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
    await this.events.lockChain(manager);
    const prevHash = (await this.events.lastHash(manager)) ?? GENESIS;
    const principal = actor.principal;
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    const params = [
      new Date().toISOString(),
      record.userId ?? principal?.userId ?? null,
      textForAudit(record.username ?? principal?.username ?? actor.systemName ?? null),
      (record.roles ?? principal?.roles ?? []).map((r) => storableText(r)),
      record.unitIds ?? principal?.unitIds ?? [],
      textForAudit(actor.ip),
      storableText(record.action),
      storableText(record.objectType),
      record.objectId === undefined || record.objectId === null
        ? null
        : storableText(String(record.objectId)),
      record.result ?? 'success',
      textForAudit(actor.requestId),
      json(jsonForAudit(record.before)),
      json(jsonForAudit(record.after)),
      json(jsonForAudit(record.detail)),
    ];
    const stored = await this.events.cast(manager, params);
    const hash = hashOf(prevHash, hashedPartOf(stored));
    const inserted = await this.events.insert(manager, params, prevHash, hash);
    if (hashOf(inserted.prev_hash, hashedPartOf(inserted)) !== inserted.hash) {
      throw new Error(`audit event ${inserted.id} would not verify as stored: not written`);
    }
  }

  /**
   * Appends many events of one actor inside `manager`'s transaction, in order, as `record` would one after another
   * (same casts, same hashes, the same verification of every stored row), in a few statements instead of four per
   * event: a batch write (an Excel import of 20,000 projects) audits each record without 80,000 round trips.
   */
  async recordMany(manager: EntityManager, actor: Actor, records: readonly AuditRecord[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit events are written inside the transaction of the change they record');
    }
    if (records.length === 0) return;
    await this.events.lockChain(manager);
    let prevHash = (await this.events.lastHash(manager)) ?? GENESIS;
    const principal = actor.principal;
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    const shared = [
      new Date().toISOString(),
      principal?.userId ?? null,
      textForAudit(principal?.username ?? actor.systemName ?? null),
      (principal?.roles ?? []).map((r) => storableText(r)),
      principal?.unitIds ?? [],
      textForAudit(actor.ip),
      'success',
      textForAudit(actor.requestId),
    ];
    // the actor's columns through PostgreSQL's casts once; the varying ones are text and JSON made from JS values,
    // which jsonb gives back as the same values (keys sorted by canonicalJson anyway): hashed as sent, and every
    // stored row is verified below, so a value the database would store differently fails the write, not the chain
    const actorPart = await this.events.cast(manager, [
      ...shared.slice(0, 6),
      'x',
      'x',
      null,
      shared[6],
      shared[7],
      null,
      null,
      null,
    ]);
    const CHUNK = 2000;
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      if (
        chunk.some(
          (r) => r.userId !== undefined || r.username !== undefined || (r.result ?? 'success') !== 'success',
        )
      ) {
        throw new Error('recordMany takes successful events of the calling actor only');
      }
      const values = chunk.map((r) => ({
        action: storableText(r.action),
        objectType: storableText(r.objectType),
        objectId: r.objectId === undefined || r.objectId === null ? null : storableText(String(r.objectId)),
        before: jsonForAudit(r.before),
        after: jsonForAudit(r.after),
        detail: jsonForAudit(r.detail),
      }));
      const varying = [
        values.map((v) => v.action),
        values.map((v) => v.objectType),
        values.map((v) => v.objectId),
        values.map((v) => json(v.before)),
        values.map((v) => json(v.after)),
        values.map((v) => json(v.detail)),
      ];
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const v of values) {
        prevHashes.push(prevHash);
        prevHash = hashOf(
          prevHash,
          hashedPartOf({
            ...actorPart,
            action: v.action,
            object_type: v.objectType,
            object_id: v.objectId,
            before: v.before,
            after: v.after,
            detail: v.detail,
          }),
        );
        hashes.push(prevHash);
      }
      const inserted = await this.events.insertMany(manager, shared, varying, prevHashes, hashes);
      // in id order the rows must chain from the previous hash and verify as stored, else nothing is written
      inserted.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      inserted.forEach((row, i) => {
        if (
          row.prev_hash !== prevHashes[i] ||
          row.hash !== hashes[i] ||
          hashOf(row.prev_hash, hashedPartOf(row)) !== row.hash
        ) {
          throw new Error(`audit event ${row.id} would not verify as stored: not written`);
        }
      });
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
      await this.events.lockChain(manager);
      if (userId !== null) {
        const n = await this.events.countDeniedSince(
          manager,
          userId,
          new Date(Date.now() - 60_000).toISOString(),
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
  countLoginFailuresFrom(ip: string, minutes: number): Promise<number> {
    return this.events.countLoginFailuresFrom(ip, minutes);
  }

  async list(query: AuditQuery): Promise<Page<AuditEventRow>> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, query.pageSize ?? 50));
    const { total, rows } = await this.events.listPage(query, page, pageSize);
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
        objectName: r.object_name ?? null,
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
      throw new Error(
        `audit events are kept at least ${AUDIT_MIN_RETENTION_DAYS} days (cutoff ${cutoff.toISOString()})`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await this.events.lockChain(manager);
      // the prefix of the chain older than the cutoff: up to the first row at or after it
      const range = await this.events.purgeRange(manager, cutoff.toISOString());
      if (!range?.throughId) return { purged: 0, throughId: null };
      const hash = await this.events.hashOfRow(manager, range.throughId);
      await this.record(manager, actor, {
        action: 'audit.purge',
        objectType: 'audit_event',
        objectId: range.throughId,
        detail: {
          cutoff: cutoff.toISOString(),
          rows: range.rows,
          throughId: range.throughId,
          throughHash: hash,
        },
      });
      // the owner's function deletes the prefix and records the anchor (AuditRepository.purgeThrough)
      const purged = await this.events.purgeThrough(manager, cutoff.toISOString(), range.throughId);
      return { purged, throughId: range.throughId };
    });
  }

  /**
   * Walks the whole chain and reports every broken row, in ranges (ChainWalker documents the rule): one altered row
   * breaks only itself, and everything after it is still verified. After a retention purge the chain starts at the
   * anchor `audit_purge` recorded (the last purged row's hash).
   */
  async verifyChain(): Promise<AuditVerifyResponse> {
    const anchor = await this.events.latestPurgeAnchor();
    const walker = new ChainWalker(anchor?.throughHash ?? GENESIS);
    let lastId = anchor?.throughId ?? '0';
    for (;;) {
      const rows = await this.events.listAfter(lastId);
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
