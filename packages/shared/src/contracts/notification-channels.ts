import type { Timestamp } from './common.js';
import type { NotificationKind } from './notifications.js';

/**
 * Where notices are pushed besides the inbox (issue 13 point 3):
 * - `wecom_robot`: a 企业微信 群机器人 (its webhook key), msgtype `markdown`;
 * - `dingtalk_robot`: a 钉钉 自定义机器人 (access_token and its 加签 secret), msgtype `markdown` or `actionCard`;
 * - `webhook`: an HTTP(S) URL that receives each notice as JSON;
 * - `wecom_app`: the deployment's 企业微信 self-built app (corpid, corpsecret, agentid): 应用消息 to each person's
 *   mapped 企业微信 UserID, msgtype `markdown` or `textcard`;
 * - `dingtalk_app`: the deployment's 钉钉 企业内部应用 (AppKey, AppSecret, agent_id): 工作通知 to each person's mapped
 *   钉钉 userid, msg `markdown` or `action_card` (`actionCard` here).
 * The two app kinds are one each per deployment, for no unit: they deliver a person's own notices (their inbox).
 */
export const CHANNEL_KINDS = ['wecom_robot', 'dingtalk_robot', 'webhook', 'wecom_app', 'dingtalk_app'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The kinds that message a person (by their mapped account), not a group. */
export const PERSON_CHANNEL_KINDS = ['wecom_app', 'dingtalk_app'] as const satisfies readonly ChannelKind[];

export const CHANNEL_MESSAGE_TYPES = ['markdown', 'actionCard', 'textcard'] as const;
export type ChannelMessageType = (typeof CHANNEL_MESSAGE_TYPES)[number];

/** Which message types each kind can send (markdown is every kind's default). */
export const CHANNEL_KIND_MESSAGE_TYPES: Readonly<Record<ChannelKind, readonly ChannelMessageType[]>> = {
  wecom_robot: ['markdown'],
  dingtalk_robot: ['markdown', 'actionCard'],
  webhook: ['markdown'],
  wecom_app: ['markdown', 'textcard'],
  dingtalk_app: ['markdown', 'actionCard'],
};

/** The vendors whose accounts a user can be mapped to. */
export const CHANNEL_VENDORS = ['wecom', 'dingtalk'] as const;
export type ChannelVendor = (typeof CHANNEL_VENDORS)[number];

/** A 企业微信 UserID / 钉钉 userid as Pacer accepts it (letters, digits, _ . @ -; no | or , that would list two). */
export const CHANNEL_ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

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
  /** The enterprise app's id (企业微信 corpid / 钉钉 AppKey); null for the robots and webhooks. */
  appKey: string | null;
  /** The enterprise app's agentid (企业微信) / agent_id (钉钉); null for the robots and webhooks. */
  agentId: number | null;
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
  /** 企业微信 key / 钉钉 access_token / webhook URL / the app's corpsecret or AppSecret. */
  token?: string;
  secret?: string | null;
  /** The apps only: 企业微信 corpid / 钉钉 AppKey. */
  appKey?: string;
  /** The apps only: 企业微信 agentid / 钉钉 agent_id. */
  agentId?: number;
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
  /** 钉钉 工作通知: when its receipt said it reached the person (read or not); null otherwise. */
  deliveredAt: Timestamp | null;
  /** 钉钉 工作通知 accepted, its receipt not yet asked for or not yet known. */
  awaitingReceipt: boolean;
}

export interface NotificationDeliveriesResponse {
  items: NotificationDeliveryRow[];
}

export interface TestNotificationChannelResponse {
  deliveryId: number;
}

/** A user's accounts in 企业微信 and 钉钉 (`GET /notification-channels/accounts`, the sysadmin's). */
export interface ChannelAccountRow {
  userId: number;
  username: string;
  displayName: string;
  isActive: boolean;
  /** 企业微信 UserID, or null when not mapped. */
  wecomUserId: string | null;
  /** 钉钉 userid, or null when not mapped. */
  dingtalkUserId: string | null;
}

export interface ChannelAccountsResponse {
  items: ChannelAccountRow[];
  /** Which person channels the deployment has enabled (where a mapping is used). */
  enabledVendors: ChannelVendor[];
}

/** `PUT /notification-channels/accounts/:userId`: null (or blank) removes the mapping. */
export interface SaveChannelAccountRequest {
  wecomUserId: string | null;
  dingtalkUserId: string | null;
}

/** `GET /notification-channels/accounts/me`: the caller's own mapping (账号安全), read-only. */
export interface MyChannelAccountResponse {
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  enabledVendors: ChannelVendor[];
}
