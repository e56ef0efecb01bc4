import { Injectable } from '@nestjs/common';
import type { NotificationKind, NotificationRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { returnedRows } from '../../common/database/query-result';
import type { NotificationRecipient } from './channels/notification-channel';

/** A notification to write into one user's inbox. */
export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  planId: number | null;
  unitId: number | null;
  month: string | null;
}

const COLUMNS = `n.id, n.kind, n.title, n.body, n.link, n.plan_id AS "planId", n.unit_id AS "unitId", n.month,
  n.created_at AS "createdAt", n.read_at AS "readAt"`;

type RawRow = Omit<NotificationRow, 'id' | 'createdAt' | 'readAt'> & {
  id: string;
  createdAt: Date;
  readAt: Date | null;
};

function toRow(r: RawRow): NotificationRow {
  return {
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    planId: r.planId,
    unitId: r.unitId,
    month: r.month,
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
  };
}

/** SQL of the inbox. Every read and write of a user's messages names the user in the statement. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes many inbox rows in one statement, inside the caller's transaction; answers their ids. */
  async insertMany(manager: EntityManager, items: NewNotification[], at: Date): Promise<number[]> {
    if (items.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, link, plan_id, unit_id, month, created_at)
       SELECT *, $9::timestamptz FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                                    $7::int[], $8::text[])
       RETURNING id`,
      [
        items.map((i) => i.userId),
        items.map((i) => i.kind),
        items.map((i) => i.title),
        items.map((i) => i.body),
        items.map((i) => i.link),
        items.map((i) => i.planId),
        items.map((i) => i.unitId),
        items.map((i) => i.month),
        at,
      ],
    );
    return rows.map((r) => Number(r.id));
  }

  async listForUser(
    userId: number,
    unreadOnly: boolean,
    limit: number,
    offset: number,
  ): Promise<NotificationRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification n
        WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL)
        ORDER BY n.id DESC LIMIT $3 OFFSET $4`,
      [userId, unreadOnly, limit, offset],
    );
    return rows.map(toRow);
  }

  /** The count the list pages through, and the unread count. */
  async countForUser(userId: number, unreadOnly: boolean): Promise<{ total: number; unread: number }> {
    const rows = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT $2 OR read_at IS NULL)::int AS total,
              count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notification WHERE user_id = $1`,
      [userId, unreadOnly],
    );
    return rows[0];
  }

  /** Marks one of the user's messages read: 'marked', 'already' read, or 'none' (not the user's, or no such id). */
  async markRead(userId: number, id: number, at: Date): Promise<'marked' | 'already' | 'none'> {
    const rows: Array<{ wasUnread: boolean }> = returnedRows(
      await this.dataSource.query(
        `WITH target AS (SELECT id, read_at FROM notification WHERE id = $1 AND user_id = $2 FOR UPDATE)
         UPDATE notification n SET read_at = coalesce(n.read_at, $3)
           FROM target t WHERE n.id = t.id
         RETURNING t.read_at IS NULL AS "wasUnread"`,
        [id, userId, at],
      ),
    );
    if (rows.length === 0) return 'none';
    return rows[0]!.wasUnread ? 'marked' : 'already';
  }

  async markAllRead(userId: number, at: Date): Promise<number> {
    const rows = returnedRows(
      await this.dataSource.query(
        'UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id',
        [userId, at],
      ),
    );
    return rows.length;
  }

  /** Notifications with their recipients, for the push channels. */
  async listWithRecipients(
    ids: number[],
  ): Promise<Array<{ notification: NotificationRow; recipient: NotificationRecipient }>> {
    if (ids.length === 0) return [];
    const rows: Array<RawRow & { userId: number; username: string; displayName: string }> =
      await this.dataSource.query(
        `SELECT ${COLUMNS}, a.id AS "userId", a.username, a.display_name AS "displayName"
           FROM notification n JOIN app_user a ON a.id = n.user_id
          WHERE n.id = ANY($1::bigint[]) AND a.is_active
          ORDER BY n.id`,
        [ids],
      );
    return rows.map((r) => ({
      notification: toRow(r),
      recipient: { userId: r.userId, username: r.username, displayName: r.displayName },
    }));
  }

  /**
   * Who reports for each unit: active users with the reporter role bound to the unit or to one of its ancestors
   * (their scope covers it). One row per (unit, user).
   */
  async listReportersOfUnits(
    manager: EntityManager,
    unitIds: number[],
  ): Promise<Array<{ unitId: number; userId: number }>> {
    if (unitIds.length === 0) return [];
    return manager.query(
      `SELECT DISTINCT c.descendant_id AS "unitId", a.id AS "userId"
         FROM unit_closure c
         JOIN user_unit uu ON uu.unit_id = c.ancestor_id
         JOIN app_user a ON a.id = uu.user_id
        WHERE c.descendant_id = ANY($1::int[]) AND a.is_active AND 'reporter' = ANY(a.roles)
        ORDER BY 1, 2`,
      [unitIds],
    );
  }

  /** Active administrators (the office that chases late reports). */
  /** Which of `userIds` already hold a notification of this kind with this text. */
  async listRecipientsOf(manager: EntityManager, userIds: number[], kind: NotificationKind, body: string): Promise<number[]> {
    const rows: Array<{ userId: number }> = await manager.query(
      `SELECT DISTINCT user_id AS "userId" FROM notification WHERE user_id = ANY($1) AND kind = $2 AND body = $3`,
      [userIds, kind, body],
    );
    return rows.map((r) => r.userId);
  }

  /**
   * Who reviews a unit's reports: active users holding one of `roles` (the roles granting reports.review) whose scope
   * covers the unit — an unscoped role (`unscopedRoles`, e.g. admin) covers every unit, another one its bound units
   * and their descendants.
   */
  async listReviewersOfUnit(
    manager: EntityManager,
    unitId: number,
    roles: readonly string[],
    unscopedRoles: readonly string[],
  ): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT a.id FROM app_user a
        WHERE a.is_active AND a.roles::text[] && $2::text[]
          AND (a.roles::text[] && $3::text[]
               OR EXISTS (SELECT 1 FROM user_unit uu JOIN unit_closure c ON c.ancestor_id = uu.unit_id
                           WHERE uu.user_id = a.id AND c.descendant_id = $1))
        ORDER BY a.id`,
      [unitId, roles, unscopedRoles],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every unit of a plan: the active reporters and leaders bound to the plan's root unit or to a unit under it, and
   * the leaders bound to no unit at all (they read every plan).
   */
  async listPlanAudience(manager: EntityManager, rootUnitId: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT a.id FROM app_user a
        WHERE a.is_active AND a.roles::text[] && ARRAY['reporter', 'leader']
          AND (EXISTS (SELECT 1 FROM user_unit uu JOIN unit_closure c ON c.descendant_id = uu.unit_id
                        WHERE uu.user_id = a.id AND c.ancestor_id = $1)
               OR ('leader' = ANY(a.roles) AND NOT EXISTS (SELECT 1 FROM user_unit uu WHERE uu.user_id = a.id)))
        ORDER BY a.id`,
      [rootUnitId],
    );
    return rows.map((r) => r.id);
  }

  async listActiveAdminIds(manager: EntityManager): Promise<number[]> {
    const rows: Array<{ id: number }> = await manager.query(
      `SELECT id FROM app_user WHERE is_active AND 'admin' = ANY(roles) ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
}
