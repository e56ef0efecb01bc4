import type { NotificationRow } from '@pacer/shared';

/** Who a notification is for, as a push channel needs it (a relay maps the username to a 企业微信/钉钉 account). */
export interface NotificationRecipient {
  userId: number;
  username: string;
  displayName: string;
}

/**
 * A way to push a notification to its recipient besides the in-app inbox: webhook today; 企业微信, 钉钉 or SMS
 * senders are further classes listed in NOTIFICATION_CHANNELS (notifications.module.ts).
 *
 * The inbox row is the record and is written inside the transaction of the change that caused it (so a job's
 * notifications exist exactly once, with the job). Channels run after that commit, best effort: `send` may throw
 * or time out, the caller logs it and nothing is undone.
 */
export interface NotificationChannel {
  /** 'webhook', 'wecom', 'dingtalk', 'sms' … for logs. */
  readonly name: string;
  /** Whether the deployment configured this channel (an unconfigured one is not called). */
  readonly isEnabled: boolean;
  send(notification: NotificationRow, recipient: NotificationRecipient): Promise<void>;
}

/** The push channels (a factory provider gathering every channel class). */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
