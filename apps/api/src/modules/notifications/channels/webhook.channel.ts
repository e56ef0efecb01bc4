import { Inject, Injectable } from '@nestjs/common';
import type { NotificationRow } from '@pacer/shared';

import { JOBS_CONFIG, type JobsConfig } from '../../../config/jobs.config';
import type { NotificationChannel, NotificationRecipient } from './notification-channel';

/** The JSON body POSTed for each notification (a relay forwards it to 企业微信 / 钉钉 / SMS). */
export interface WebhookPayload {
  type: 'notification';
  notification: NotificationRow;
  recipient: NotificationRecipient;
}

/**
 * POSTs each notification as JSON to PACER_WEBHOOK_URL, when set. A short timeout, no redirects; a non-2xx answer
 * or a network error throws for the caller to log. `X-Pacer-Notification-Id` lets the receiver drop duplicates.
 */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(@Inject(JOBS_CONFIG) private readonly config: JobsConfig) {}

  get isEnabled(): boolean {
    return this.config.webhookUrl !== null;
  }

  async send(notification: NotificationRow, recipient: NotificationRecipient): Promise<void> {
    if (!this.config.webhookUrl) return;
    const payload: WebhookPayload = { type: 'notification', notification, recipient };
    const response = await fetch(this.config.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'pacer-api',
        'x-pacer-notification-id': String(notification.id),
      },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
    });
    // drain the body so the connection is released
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
