import { Injectable } from '@nestjs/common';
import type {
  ChannelAccountRow,
  ChannelKind,
  ChannelMessageType,
  ChannelVendor,
  NotificationChannelRow,
  NotificationDeliveryRow,
  NotificationKind,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A channel as the worker needs it (secrets still encrypted). */
export interface StoredChannel {
  id: number;
  kind: ChannelKind;
  name: string;
  messageType: ChannelMessageType;
  tokenEnc: string;
  secretEnc: string | null;
  /** The enterprise apps' corpid / AppKey and agentid (null for the robots and webhooks). */
  appKey: string | null;
  agentId: number | null;
}

/** A due delivery claimed by the worker, with its channel and notice. */
export interface ClaimedDelivery extends StoredChannel {
  deliveryId: number;
  channelId: number;
  attempts: number;
  notificationId: number | null;
  noticeKind: NotificationKind | null;
  title: string | null;
  body: string | null;
  link: string | null;
  /** A person channel's recipient: their 企业微信 UserID / 钉钉 userid (null: not mapped, or a group's delivery). */
  accountId: string | null;
}

/** A 钉钉 工作通知 whose receipt is due. */
export interface DueReceipt {
  deliveryId: number;
  channelId: number;
  name: string;
  kind: ChannelKind;
  tokenEnc: string;
  appKey: string | null;
  agentId: number | null;
  taskId: string;
  /** Receipts asked for so far, this one included. */
  checks: number;
  sentAt: Date;
  accountId: string | null;
}

export interface ChannelWrite {
  kind: ChannelKind;
  name: string;
  unitId: number | null;
  noticeKinds: NotificationKind[];
  messageType: ChannelMessageType;
  enabled: boolean;
  tokenEnc: string | null;
  /** undefined: keep; null: clear. */
  secretEnc: string | null | undefined;
  appKey: string | null;
  agentId: number | null;
}

/** The vendor whose accounts a person channel messages. */
const VENDOR_OF_KIND_SQL = `CASE c.kind WHEN 'wecom_app' THEN 'wecom' WHEN 'dingtalk_app' THEN 'dingtalk' END`;

/** SQL of the channels and their delivery log. */
@Injectable()
export class NotificationChannelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(manager: EntityManager = this.dataSource.manager, id?: number): Promise<NotificationChannelRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT c.id, c.kind, c.name, c.unit_id AS "unitId", u.name AS "unitName", c.notice_kinds AS "noticeKinds",
              c.message_type AS "messageType", c.enabled, true AS "tokenSet", c.secret_enc IS NOT NULL AS "secretSet",
              c.app_key AS "appKey", c.agent_id AS "agentId",
              c.failed_count AS "failedCount",
              (SELECT count(*)::int FROM notification_delivery d WHERE d.channel_id = c.id AND d.status = 'pending') AS "pendingCount",
              c.last_error AS "lastError", c.last_error_at AS "lastErrorAt", c.failing_since AS "failingSince",
              c.updated_at AS "updatedAt"
         FROM notification_channel c LEFT JOIN unit u ON u.id = c.unit_id
        WHERE $1::int IS NULL OR c.id = $1
        ORDER BY c.unit_id NULLS FIRST, c.id`,
      [id ?? null],
    );
    return rows.map((r) => ({
      ...(r as unknown as NotificationChannelRow),
      agentId: r.agentId === null ? null : Number(r.agentId),
      lastErrorAt: iso(r.lastErrorAt as Date | null),
      failingSince: iso(r.failingSince as Date | null),
      updatedAt: iso(r.updatedAt as Date)!,
    }));
  }

  async find(manager: EntityManager, id: number): Promise<StoredChannel | null> {
    const rows: StoredChannel[] = await manager.query(
      `SELECT id, kind, name, message_type AS "messageType", token_enc AS "tokenEnc", secret_enc AS "secretEnc",
              app_key AS "appKey", agent_id AS "agentId"
         FROM notification_channel WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row ? { ...row, agentId: row.agentId === null ? null : Number(row.agentId) } : null;
  }

  async unitExists(manager: EntityManager, unitId: number): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM unit WHERE id = $1', [unitId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, w: ChannelWrite, by: number, at: Date): Promise<number> {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO notification_channel (kind, name, unit_id, notice_kinds, message_type, enabled, token_enc, secret_enc,
                                         created_at, created_by, updated_at, updated_by, app_key, agent_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10, $11, $12) RETURNING id`,
      [w.kind, w.name, w.unitId, w.noticeKinds, w.messageType, w.enabled, w.tokenEnc, w.secretEnc ?? null, at, by, w.appKey,
        w.agentId],
    );
    return rows[0]!.id;
  }

  async update(manager: EntityManager, id: number, w: ChannelWrite, by: number, at: Date): Promise<void> {
    await manager.query(
      `UPDATE notification_channel
          SET kind = $2, name = $3, unit_id = $4, notice_kinds = $5, message_type = $6, enabled = $7,
              token_enc = coalesce($8, token_enc),
              secret_enc = CASE WHEN $9 THEN secret_enc ELSE $10 END,
              updated_at = $11, updated_by = $12, app_key = $13, agent_id = $14
        WHERE id = $1`,
      [id, w.kind, w.name, w.unitId, w.noticeKinds, w.messageType, w.enabled, w.tokenEnc, w.secretEnc === undefined,
        w.secretEnc ?? null, at, by, w.appKey, w.agentId],
    );
  }

  /** The other enterprise app of this kind, if any (one per deployment). */
  async appChannelOfKind(manager: EntityManager, kind: ChannelKind, exceptId: number | null): Promise<number | null> {
    const rows: Array<{ id: number }> = await manager.query(
      'SELECT id FROM notification_channel WHERE kind = $1 AND ($2::int IS NULL OR id <> $2)',
      [kind, exceptId],
    );
    return rows[0]?.id ?? null;
  }

  /** A 测试发送: a delivery without a notice (to `userId`'s own account on a person channel). */
  async insertTestDelivery(manager: EntityManager, channelId: number, at: Date, userId: number | null = null): Promise<number> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notification_delivery (channel_id, notification_id, next_attempt_at, created_at, updated_at, user_id)
       VALUES ($1, NULL, $2, $2, $2, $3) RETURNING id`,
      [channelId, at, userId],
    );
    return Number(rows[0]!.id);
  }

  async listDeliveries(channelId: number, limit: number): Promise<NotificationDeliveryRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id, d.channel_id AS "channelId", d.notification_id AS "notificationId", n.kind AS "noticeKind", d.status,
              d.attempts, d.next_attempt_at AS "nextAttemptAt", d.http_status AS "httpStatus", d.errcode, d.errmsg,
              d.created_at AS "createdAt", d.sent_at AS "sentAt", d.delivered_at AS "deliveredAt",
              (d.receipt_due_at IS NOT NULL) AS "awaitingReceipt"
         FROM notification_delivery d LEFT JOIN notification n ON n.id = d.notification_id
        WHERE d.channel_id = $1 ORDER BY d.id DESC LIMIT $2`,
      [channelId, limit],
    );
    return rows.map((r) => ({
      ...(r as unknown as NotificationDeliveryRow),
      id: Number(r.id),
      notificationId: r.notificationId === null ? null : Number(r.notificationId),
      nextAttemptAt: iso(r.nextAttemptAt as Date)!,
      createdAt: iso(r.createdAt as Date)!,
      sentAt: iso(r.sentAt as Date | null),
      deliveredAt: iso(r.deliveredAt as Date | null),
    }));
  }

  /**
   * One delivery per (channel, notice) for the notices just written, in the caller's transaction: a unit's group gets
   * the notices about its unit addressed to people outside the office; the office's group (unit_id NULL) gets those
   * addressed to the office (admins). One notice written to many inboxes is one message per group.
   */
  async enqueue(manager: EntityManager, notificationIds: number[], at: Date): Promise<number> {
    if (notificationIds.length === 0) return 0;
    const rows = returnedRows(
      await manager.query(
        `INSERT INTO notification_delivery (channel_id, notification_id, next_attempt_at, created_at, updated_at)
         SELECT DISTINCT ON (c.id, n.kind, n.title, n.body, n.link) c.id, n.id, $2, $2, $2
           FROM notification n
           JOIN app_user a ON a.id = n.user_id
           JOIN notification_channel c ON c.enabled AND n.kind = ANY (c.notice_kinds)
            AND CASE WHEN c.unit_id IS NULL THEN 'admin' = ANY (a.roles) OR 'sysadmin' = ANY (a.roles)
                     ELSE c.unit_id = n.unit_id AND NOT ('admin' = ANY (a.roles)) END
          WHERE n.id = ANY ($1::bigint[]) AND c.kind NOT IN ('wecom_app', 'dingtalk_app')
          ORDER BY c.id, n.kind, n.title, n.body, n.link, n.id
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [notificationIds, at],
      ),
    );
    // the enterprise apps: each notice to its own recipient, when they are active and mapped to the app's vendor
    const personal = returnedRows(
      await manager.query(
        `INSERT INTO notification_delivery (channel_id, notification_id, user_id, next_attempt_at, created_at, updated_at)
         SELECT c.id, n.id, n.user_id, $2, $2, $2
           FROM notification n
           JOIN app_user a ON a.id = n.user_id AND a.is_active
           JOIN notification_channel c ON c.enabled AND c.kind IN ('wecom_app', 'dingtalk_app') AND n.kind = ANY (c.notice_kinds)
           JOIN user_channel_account m ON m.user_id = n.user_id AND m.vendor = ${VENDOR_OF_KIND_SQL}
          WHERE n.id = ANY ($1::bigint[])
          ORDER BY c.id, n.id
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [notificationIds, at],
      ),
    );
    return rows.length + personal.length;
  }

  /**
   * Claims up to `limit` due deliveries (safe for N replicas: FOR UPDATE SKIP LOCKED), counting the attempt and
   * leasing them for `leaseMs`: a process that dies mid-send leaves them to be tried again after the lease.
   */
  async claimDue(at: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows: Array<ClaimedDelivery & { deliveryId: string; notificationId: string | null }> = returnedRows(
      await this.dataSource.query(
        `WITH due AS (
           SELECT d.id FROM notification_delivery d
            WHERE d.status = 'pending' AND d.next_attempt_at <= $1
            ORDER BY d.next_attempt_at, d.id LIMIT $2
            FOR UPDATE SKIP LOCKED)
         UPDATE notification_delivery d
            SET attempts = d.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
                updated_at = $1
           FROM due, notification_channel c
          WHERE d.id = due.id AND c.id = d.channel_id
         RETURNING d.id AS "deliveryId", d.channel_id AS "channelId", d.attempts, d.notification_id AS "notificationId",
                   c.id, c.kind, c.name, c.message_type AS "messageType", c.token_enc AS "tokenEnc", c.secret_enc AS "secretEnc",
                   c.app_key AS "appKey", c.agent_id AS "agentId",
                   (SELECT m.account_id FROM user_channel_account m
                     WHERE m.user_id = d.user_id AND m.vendor = ${VENDOR_OF_KIND_SQL}) AS "accountId",
                   (SELECT n.kind FROM notification n WHERE n.id = d.notification_id) AS "noticeKind",
                   (SELECT n.title FROM notification n WHERE n.id = d.notification_id) AS title,
                   (SELECT n.body FROM notification n WHERE n.id = d.notification_id) AS body,
                   (SELECT n.link FROM notification n WHERE n.id = d.notification_id) AS link`,
        [at, limit, leaseMs],
      ),
    );
    return rows.map((r) => ({
      ...r,
      agentId: r.agentId === null ? null : Number(r.agentId),
      deliveryId: Number(r.deliveryId),
      notificationId: r.notificationId === null ? null : Number(r.notificationId),
    }));
  }

  /** An attempt's outcome; a 钉钉 task accepted (`taskId`) waits for its receipt from `receiptDueAt`. */
  async finish(
    manager: EntityManager,
    deliveryId: number,
    status: 'pending' | 'sent' | 'failed',
    nextAttemptAt: Date,
    outcome: { httpStatus: number | null; errcode: number | null; errmsg: string | null; taskId?: string },
    at: Date,
    receiptDueAt: Date | null = null,
  ): Promise<void> {
    const taskId = status === 'sent' && outcome.taskId && receiptDueAt ? outcome.taskId : null;
    await manager.query(
      `UPDATE notification_delivery
          SET status = $2, next_attempt_at = $3, http_status = $4, errcode = $5, errmsg = $6, updated_at = $7,
              sent_at = CASE WHEN $2 = 'sent' THEN $7 ELSE sent_at END,
              vendor_task_id = $8::bigint, receipt_due_at = CASE WHEN $8::bigint IS NULL THEN NULL ELSE $9::timestamptz END,
              receipt_checks = 0,
              delivered_at = NULL
        WHERE id = $1`,
      [deliveryId, status, nextAttemptAt, outcome.httpStatus, outcome.errcode, outcome.errmsg, at, taskId, receiptDueAt],
    );
  }

  /**
   * Claims up to `limit` 钉钉 deliveries whose receipt is due (FOR UPDATE SKIP LOCKED, leased for `leaseMs` like a
   * send), with what asking for the receipt needs.
   */
  async claimReceipts(at: Date, limit: number, leaseMs: number): Promise<DueReceipt[]> {
    const rows: Array<Record<string, unknown>> = returnedRows(
      await this.dataSource.query(
        `WITH due AS (
           SELECT d.id FROM notification_delivery d
            WHERE d.receipt_due_at <= $1 AND d.status = 'sent'
            ORDER BY d.receipt_due_at, d.id LIMIT $2
            FOR UPDATE SKIP LOCKED)
         UPDATE notification_delivery d
            SET receipt_due_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
                receipt_checks = d.receipt_checks + 1
           FROM due, notification_channel c
          WHERE d.id = due.id AND c.id = d.channel_id
         RETURNING d.id AS "deliveryId", d.channel_id AS "channelId", c.name, c.kind, c.token_enc AS "tokenEnc",
                   c.app_key AS "appKey", c.agent_id AS "agentId", d.vendor_task_id::text AS "taskId",
                   d.receipt_checks AS "checks", d.sent_at AS "sentAt",
                   (SELECT m.account_id FROM user_channel_account m
                     WHERE m.user_id = d.user_id AND m.vendor = ${VENDOR_OF_KIND_SQL}) AS "accountId"`,
        [at, limit, leaseMs],
      ),
    );
    return rows.map((r) => ({
      deliveryId: Number(r.deliveryId),
      channelId: Number(r.channelId),
      name: String(r.name),
      kind: r.kind as ChannelKind,
      tokenEnc: String(r.tokenEnc),
      appKey: r.appKey === null ? null : String(r.appKey),
      agentId: r.agentId === null ? null : Number(r.agentId),
      taskId: String(r.taskId),
      checks: Number(r.checks),
      sentAt: new Date(r.sentAt as Date),
      accountId: r.accountId === null ? null : String(r.accountId),
    }));
  }

  /**
   * A receipt's answer: delivered (its day kept), undelivered (the delivery failed, with the vendor's reason), or
   * asked again at `nextDueAt` (null: no more asking — 钉钉 keeps a task's receipt for 24 hours).
   */
  async finishReceipt(
    manager: EntityManager,
    deliveryId: number,
    answer:
      | { result: 'delivered'; at: Date }
      | { result: 'undelivered'; at: Date; errcode: number | null; errmsg: string }
      | { result: 'later'; nextDueAt: Date | null },
  ): Promise<void> {
    if (answer.result === 'delivered') {
      await manager.query(
        'UPDATE notification_delivery SET receipt_due_at = NULL, delivered_at = $2, updated_at = $2 WHERE id = $1',
        [deliveryId, answer.at],
      );
    } else if (answer.result === 'undelivered') {
      await manager.query(
        `UPDATE notification_delivery
            SET status = 'failed', receipt_due_at = NULL, errcode = $2, errmsg = $3, updated_at = $4 WHERE id = $1`,
        [deliveryId, answer.errcode, answer.errmsg.slice(0, 500), answer.at],
      );
    } else {
      await manager.query('UPDATE notification_delivery SET receipt_due_at = $2 WHERE id = $1', [
        deliveryId,
        answer.nextDueAt,
      ]);
    }
  }

  /** A delivery went through: the channel is healthy again (a later failure notifies anew). */
  async markChannelHealthy(manager: EntityManager, channelId: number): Promise<void> {
    await manager.query('UPDATE notification_channel SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [
      channelId,
    ]);
  }

  /** An attempt failed: the last error; `gaveUp` counts a failed delivery. Answers whether the channel STARTED failing. */
  async markChannelError(manager: EntityManager, channelId: number, error: string, gaveUp: boolean, at: Date): Promise<boolean> {
    const rows: Array<{ started: boolean }> = returnedRows(
      await manager.query(
        `UPDATE notification_channel c
            SET last_error = $2, last_error_at = $3,
                failed_count = c.failed_count + CASE WHEN $4 THEN 1 ELSE 0 END,
                failing_since = CASE WHEN $4 THEN coalesce(c.failing_since, $3) ELSE c.failing_since END
           FROM (SELECT failing_since FROM notification_channel WHERE id = $1 FOR UPDATE) old
          WHERE c.id = $1
         RETURNING ($4 AND old.failing_since IS NULL) AS started`,
        [channelId, error.slice(0, 500), at, gaveUp],
      ),
    );
    return rows[0]?.started ?? false;
  }

  /** Every user with their 企业微信 / 钉钉 account ids (the sysadmin's mapping screen). */
  async listAccounts(): Promise<ChannelAccountRow[]> {
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.username, u.display_name AS "displayName", u.is_active AS "isActive",
              w.account_id AS "wecomUserId", d.account_id AS "dingtalkUserId"
         FROM app_user u
         LEFT JOIN user_channel_account w ON w.user_id = u.id AND w.vendor = 'wecom'
         LEFT JOIN user_channel_account d ON d.user_id = u.id AND d.vendor = 'dingtalk'
        WHERE NOT u.is_service_account
        ORDER BY u.is_active DESC, u.username`,
    );
  }

  async accountsOf(manager: EntityManager, userId: number): Promise<Record<ChannelVendor, string | null>> {
    const rows: Array<{ vendor: ChannelVendor; accountId: string }> = await manager.query(
      'SELECT vendor, account_id AS "accountId" FROM user_channel_account WHERE user_id = $1',
      [userId],
    );
    return {
      wecom: rows.find((r) => r.vendor === 'wecom')?.accountId ?? null,
      dingtalk: rows.find((r) => r.vendor === 'dingtalk')?.accountId ?? null,
    };
  }

  async userExists(manager: EntityManager, userId: number): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM app_user WHERE id = $1 AND NOT is_service_account FOR UPDATE', [userId])).length > 0;
  }

  /** Who else holds this vendor account (case-insensitive, as 企业微信 compares UserIDs). */
  async accountHolder(manager: EntityManager, vendor: ChannelVendor, accountId: string, exceptUserId: number): Promise<number | null> {
    const rows: Array<{ userId: number }> = await manager.query(
      `SELECT user_id AS "userId" FROM user_channel_account WHERE vendor = $1 AND lower(account_id) = lower($2) AND user_id <> $3`,
      [vendor, accountId, exceptUserId],
    );
    return rows[0]?.userId ?? null;
  }

  /** Sets (or, with null, removes) a user's account id at one vendor. */
  async setAccount(
    manager: EntityManager,
    userId: number,
    vendor: ChannelVendor,
    accountId: string | null,
    by: number,
    at: Date,
  ): Promise<void> {
    if (accountId === null) {
      await manager.query('DELETE FROM user_channel_account WHERE user_id = $1 AND vendor = $2', [userId, vendor]);
      return;
    }
    await manager.query(
      `INSERT INTO user_channel_account (user_id, vendor, account_id, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, vendor) DO UPDATE SET account_id = $3, updated_at = $4, updated_by = $5`,
      [userId, vendor, accountId, at, by],
    );
  }

  /** The vendors whose enterprise app is configured and enabled. */
  async enabledVendors(manager: EntityManager = this.dataSource.manager): Promise<ChannelVendor[]> {
    const rows: Array<{ vendor: ChannelVendor }> = await manager.query(
      `SELECT ${VENDOR_OF_KIND_SQL} AS vendor FROM notification_channel c
        WHERE c.enabled AND c.kind IN ('wecom_app', 'dingtalk_app') ORDER BY 1 DESC`,
    );
    return rows.map((r) => r.vendor);
  }

  async activeSysadminIds(manager: EntityManager): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT id FROM app_user WHERE is_active AND 'sysadmin' = ANY (roles) ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
}
