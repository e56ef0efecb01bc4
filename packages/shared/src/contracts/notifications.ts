import type { MonthString, Timestamp } from './common.js';

/** What a notification is about. */
export const NOTIFICATION_KINDS = [
  'report.remind',
  'report.late',
  // 三员分立: accounts stored before the rule that hold two administrator roles, to every sysadmin once
  'users.role_conflict',
  // 分成: a share proposed to a unit's reporters; its confirmation or refusal to the responsible unit's reporters
  'project.share.proposed',
  'project.share.confirmed',
  'project.share.declined',
  // the month close found the maintained year-to-date summary differing from its rebuild: to every admin
  'summary.drift',
  // a 企业微信/钉钉/webhook channel started failing (its first undeliverable message): to every sysadmin, once per failing spell
  'channel.failing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One message in a user's in-app inbox (`GET /notifications`). */
export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  /** e.g. 「月报提醒」 */
  title: string;
  body: string;
  /** A web route to open, e.g. `/reports?planId=1&month=2026-11`. */
  link: string | null;
  planId: number | null;
  unitId: number | null;
  month: MonthString | null;
  createdAt: Timestamp;
  /** null while unread. */
  readAt: Timestamp | null;
}

export interface NotificationsQuery {
  /** Only unread messages. */
  unreadOnly?: boolean;
  page?: number;
  pageSize?: number;
}

export interface NotificationsResponse {
  items: NotificationRow[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface UnreadCountResponse {
  unread: number;
}

/** `POST /notifications/read-all`, `POST /notifications/:id/read`. */
export interface MarkReadResponse {
  /** Messages that turned read by this call (0 when they were read already). */
  marked: number;
}

/** `POST /plans/:id/months/:month/remind`: the reporters of units not yet submitted were notified. */
export interface RemindResponse {
  planId: number;
  month: MonthString;
  /** Units whose report is missing, a draft or returned. */
  units: number;
  /** Notifications written (one per reporter and unit). */
  notified: number;
}
