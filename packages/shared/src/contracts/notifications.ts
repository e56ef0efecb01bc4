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
  // the report workflow (issue 13): a submission to the office's reviewers; a return (with its reason), an approval
  // and an unlock to the unit's reporters
  'report.submitted',
  'report.returned',
  'report.approved',
  'report.unlocked',
  // a month closed (or closed again, with the reason) and a 通报 published: to every unit of the plan (its reporters
  // and leaders)
  'month.closed',
  'briefing.published',
  // a project's share credited to a unit at once (by its own reporter or an admin): to that unit's reporters
  'project.share.credited',
  // a 企业微信/钉钉/webhook channel started failing (its first undeliverable message): to every sysadmin, once per failing spell
  'channel.failing',
  // 认定 (issue 15): every decision on a unit's counting event, to that unit's reporters
  'verification.decided',
  // 线索: a next step's date passed (to the lead's owner and the unit's reporters, once per next step)
  'lead.next_step_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The title of each kind, in Chinese (what the inbox row's `title` holds) and in English (what the web shows in
 * English). Who receives each kind: docs/notifications.md.
 */
export const NOTIFICATION_KIND_TITLES: Readonly<Record<NotificationKind, { zhCN: string; en: string }>> = {
  'report.remind': { zhCN: '月报提醒', en: 'Report reminder' },
  'report.late': { zhCN: '月报逾期', en: 'Reports overdue' },
  'users.role_conflict': { zhCN: '账号角色违反三员分立', en: 'Account role conflict' },
  'project.share.proposed': { zhCN: '分成待确认', en: 'Share awaiting confirmation' },
  'project.share.confirmed': { zhCN: '分成已确认', en: 'Share confirmed' },
  'project.share.declined': { zhCN: '分成被拒绝', en: 'Share declined' },
  'summary.drift': { zhCN: '累计汇总数据偏差', en: 'Year-to-date drift' },
  'report.submitted': { zhCN: '月报待审核', en: 'Report submitted for review' },
  'report.returned': { zhCN: '月报被退回', en: 'Report returned' },
  'report.approved': { zhCN: '月报已通过', en: 'Report approved' },
  'report.unlocked': { zhCN: '月报已解锁', en: 'Report unlocked' },
  'month.closed': { zhCN: '月度关账', en: 'Month closed' },
  'briefing.published': { zhCN: '通报已发布', en: 'Briefing published' },
  'project.share.credited': { zhCN: '项目分成计入', en: 'Project share credited' },
  'channel.failing': { zhCN: '通知渠道发送失败', en: 'Notification channel failing' },
  'verification.decided': { zhCN: '认定结果', en: 'Verification decided' },
  'lead.next_step_overdue': { zhCN: '线索下一步逾期', en: 'Lead next step overdue' },
};

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
