import type { Timestamp } from './common.js';
import type { NotificationKind } from './notifications.js';

/**
 * Where notices are pushed besides the inbox (issue 13 point 3):
 * - `wecom_robot`: a 企业微信 群机器人 (its webhook key), msgtype `markdown`;
 * - `dingtalk_robot`: a 钉钉 自定义机器人 (access_token and its 加签 secret), msgtype `markdown` or `actionCard`;
 * - `webhook`: an HTTP(S) URL that receives each notice as JSON.
 */
export const CHANNEL_KINDS = ['wecom_robot', 'dingtalk_robot', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_MESSAGE_TYPES = ['markdown', 'actionCard'] as const;
export type ChannelMessageType = (typeof CHANNEL_MESSAGE_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One configured channel (`GET /notification-channels`). Its secrets are write-only: only whether they are set. */
export interface NotificationChannelRow {
  id: number;
  kind: ChannelKind;
  name: string;
  /** The unit whose group this is (its unit's notices); null: the office's group (notices to the office). */
  unitId: number | null;
  unitName: string | null;
  /** Which notice kinds go to this group. */
  noticeKinds: NotificationKind[];
  messageType: ChannelMessageType;
  enabled: boolean;
  /** 企业微信 key / 钉钉 access_token / webhook URL is stored (shown as 已设置, never returned). */
  tokenSet: boolean;
  /** 钉钉 加签 secret is stored. */
  secretSet: boolean;
  /** Deliveries given up (status failed). */
  failedCount: number;
  pendingCount: number;
  lastError: string | null;
  lastErrorAt: Timestamp | null;
  /** Since when the channel fails (its sysadmins were told once); null when its last delivery went through. */
  failingSince: Timestamp | null;
  updatedAt: Timestamp;
}

export interface NotificationChannelsResponse {
  items: NotificationChannelRow[];
  noticeKinds: readonly NotificationKind[];
}

/** `POST /notification-channels` and `PUT /notification-channels/:id`. token/secret: omitted on PUT keeps the stored one. */
export interface SaveNotificationChannelRequest {
  kind: ChannelKind;
  name: string;
  unitId: number | null;
  noticeKinds: NotificationKind[];
  messageType?: ChannelMessageType;
  enabled: boolean;
  token?: string;
  secret?: string | null;
}

/** One row of a channel's delivery log (`GET /notification-channels/:id/deliveries`); no message text. */
export interface NotificationDeliveryRow {
  id: number;
  channelId: number;
  /** null: a 测试发送. */
  notificationId: number | null;
  noticeKind: NotificationKind | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Timestamp;
  httpStatus: number | null;
  /** The vendor's errcode/errmsg of the last attempt (企业微信 45009, 钉钉 310000 …). */
  errcode: number | null;
  errmsg: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
}

export interface NotificationDeliveriesResponse {
  items: NotificationDeliveryRow[];
}

export interface TestNotificationChannelResponse {
  deliveryId: number;
}
