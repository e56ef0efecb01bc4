import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { Clock } from '../../common/clock/clock.service';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../../config/channels.config';
import { AppTokens } from './channels/app-tokens';
import { ChannelSecrets } from './channels/channel-secrets';
import {
  type AppKind,
  appOutcomeOf,
  dingtalkAppRequest,
  dingtalkReceiptRequest,
  type ReceiptOutcome,
  receiptOf,
  wecomAppRequest,
} from './channels/vendor-apps';
import {
  type AttemptOutcome,
  dingtalkRequest,
  type OutgoingMessage,
  outcomeOf,
  type RobotRequest,
  wecomRequest,
} from './channels/vendor-robots';
import { type ClaimedDelivery, type DueReceipt, NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationsRepository } from './notifications.repository';

const BATCH = 20;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** 钉钉 keeps a task's receipt for 24 hours; a receipt still unknown then is no longer asked for. */
const RECEIPT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The shortest wait before a receipt 钉钉 did not have yet is asked for again. */
const RECEIPT_RETRY_MIN_MS = 15_000;

/**
 * Sends the channels' due deliveries, never in a request's path: a timer (where PACER_JOBS is on) and a wake-up from
 * NotificationsService.push(). Each run claims due rows with FOR UPDATE SKIP LOCKED (N replicas never send one row
 * twice at once) under a lease, sends them, and records the outcome: sent; retry with exponential backoff (HTTP 5xx,
 * network errors, 企业微信 45009 / 钉钉 130101 rate limits) up to PACER_DELIVERY_MAX_ATTEMPTS; or failed (an invalid
 * key, a sign refusal). Pending rows survive a restart: the next process picks them up.
 * The enterprise apps (企业微信 应用消息, 钉钉 工作通知) first get the app's access_token (cached, AppTokens); a send
 * refused for its token (40014/42001, 钉钉 88 with those sub_codes) fetches a new token and is sent again, once.
 * A 钉钉 工作通知 is asynchronous: errcode 0 says the task was accepted. Its receipt (getsendresult) is asked for
 * PACER_DINGTALK_RECEIPT_SECONDS later, again with a doubling wait while 钉钉 has none, for 24 hours: a userid 钉钉
 * lists as invalid, flow-controlled or failed fails the delivery (the channel's error and the sysadmins' notice as for
 * any failure); read or unread marks it delivered.
 * Logs name the channel and the delivery, never its key, URL or text.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<number> = Promise.resolve(0);
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannelsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly secrets: ChannelSecrets,
    private readonly tokens: AppTokens,
    private readonly clock: Clock,
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerEnabled) return;
    this.timer = setInterval(() => this.wake(), this.config.intervalMs);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  /** Starts a run in the background (after any run under way); errors are logged. */
  wake(): void {
    if (this.closed) return;
    void this.runDue().catch((error: unknown) =>
      this.logger.warn(`delivery run failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Sends every due delivery (runs one after another in this process); answers how many were attempted. */
  runDue(): Promise<number> {
    const run = this.chain.catch(() => 0).then(() => this.drain());
    this.chain = run;
    return run;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.channels.claimDue(this.clock.now(), BATCH, this.config.timeoutMs * 2 + 60_000);
      for (const delivery of claimed) await this.attempt(delivery);
      total += claimed.length;
      // until nothing is due (a run may have queued more: the sysadmins' notice of a channel that started failing);
      // attempted rows are leased or finished, so they are not claimed again here
      if (claimed.length === 0 || this.closed) break;
    }
    // 钉钉 receipts due: asked once each in this run (one still unknown waits at least RECEIPT_RETRY_MIN_MS)
    for (;;) {
      const due = await this.channels.claimReceipts(this.clock.now(), BATCH, this.config.timeoutMs * 4 + 60_000);
      for (const receipt of due) await this.checkReceipt(receipt);
      if (due.length === 0 || this.closed) break;
    }
    // an undelivered receipt may have queued the sysadmins' notice: send it now rather than at the next tick
    if (!this.closed) {
      const claimed = await this.channels.claimDue(this.clock.now(), BATCH, this.config.timeoutMs * 2 + 60_000);
      for (const delivery of claimed) await this.attempt(delivery);
      total += claimed.length;
    }
    return total;
  }

  private async checkReceipt(r: DueReceipt): Promise<void> {
    if (r.kind !== 'dingtalk_app' || !r.accountId || !r.appKey || !r.agentId) {
      // the app or the person's mapping changed since: nothing left to ask with
      await this.dataSource.transaction((m) => this.channels.finishReceipt(m, r.deliveryId, { result: 'later', nextDueAt: null }));
      return;
    }
    let outcome: ReceiptOutcome;
    try {
      outcome = await this.askReceipt(r, r.appKey, r.agentId, r.accountId);
    } catch {
      outcome = { result: 'retry', errcode: null, errmsg: 'network error' };
    }
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      if (outcome.result === 'delivered') {
        await this.channels.finishReceipt(manager, r.deliveryId, { result: 'delivered', at: now });
      } else if (outcome.result === 'undelivered') {
        const errmsg = outcome.errmsg ?? '钉钉未送达';
        await this.channels.finishReceipt(manager, r.deliveryId, { result: 'undelivered', at: now, errcode: outcome.errcode, errmsg });
        await this.recordFailure(manager, { channelId: r.channelId, name: r.name }, errmsg, true, now);
      } else {
        const wait = Math.min(Math.max(this.config.receiptDelayMs, RECEIPT_RETRY_MIN_MS) * 2 ** (r.checks - 1), MAX_BACKOFF_MS);
        const next = new Date(now.getTime() + wait);
        const nextDueAt = next.getTime() - r.sentAt.getTime() > RECEIPT_WINDOW_MS ? null : next;
        await this.channels.finishReceipt(manager, r.deliveryId, { result: 'later', nextDueAt });
      }
    });
    if (outcome.result === 'undelivered') {
      this.logger.warn(`channel ${r.channelId} (dingtalk_app): delivery ${r.deliveryId} not delivered: ${outcome.errmsg ?? ''}`);
    }
  }

  /** getsendresult with the app's cached token; a refused token is fetched anew once. */
  private async askReceipt(r: DueReceipt, appKey: string, agentId: number, accountId: string): Promise<ReceiptOutcome> {
    const secret = this.secrets.decrypt(r.tokenEnc);
    const baseUrl = this.config.dingtalkBaseUrl;
    for (let round = 0; ; round++) {
      const token = await this.tokens.get('dingtalk_app', baseUrl, appKey, secret, this.config.timeoutMs);
      if ('outcome' in token) return { result: 'retry', errcode: token.outcome.errcode, errmsg: token.outcome.errmsg };
      const request = dingtalkReceiptRequest(baseUrl, token.token, agentId, r.taskId);
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'pacer-api' },
        body: request.bodyText,
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      const outcome = receiptOf(response.status, await response.text().catch(() => ''), accountId);
      if (outcome.result !== 'refresh') return outcome;
      this.tokens.invalidate('dingtalk_app', appKey, secret);
      if (round > 0) return { ...outcome, result: 'retry' };
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    let outcome: AttemptOutcome;
    try {
      if (d.kind === 'wecom_app' || d.kind === 'dingtalk_app') {
        outcome = await this.sendApp(d, d.kind);
      } else {
        const answer = await this.post(this.requestOf(d));
        outcome = outcomeOf(d.kind, answer.status, answer.text);
      }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      outcome = { result: 'retry', httpStatus: null, errcode: null, errmsg: name === 'TimeoutError' ? 'timeout' : 'network error' };
    }
    const now = this.clock.now();
    const gaveUp = outcome.result === 'failed' || (outcome.result === 'retry' && d.attempts >= this.config.maxAttempts);
    const status = outcome.result === 'sent' ? 'sent' : gaveUp ? 'failed' : 'pending';
    const backoff = Math.min(this.config.retryBaseMs * 2 ** (d.attempts - 1), MAX_BACKOFF_MS);
    // an accepted 钉钉 task: its receipt is asked for later
    const receiptDueAt = d.kind === 'dingtalk_app' && outcome.taskId ? new Date(now.getTime() + this.config.receiptDelayMs) : null;
    await this.dataSource.transaction(async (manager) => {
      await this.channels.finish(manager, d.deliveryId, status, new Date(now.getTime() + (status === 'pending' ? backoff : 0)), outcome, now, receiptDueAt);
      if (status === 'sent') {
        await this.channels.markChannelHealthy(manager, d.channelId);
        return;
      }
      const error = outcome.errcode !== null ? `${outcome.errcode} ${outcome.errmsg ?? ''}`.trim() : (outcome.errmsg ?? 'error');
      await this.recordFailure(manager, d, error, gaveUp, now);
    });
    if (status !== 'sent') {
      this.logger.warn(`channel ${d.channelId} (${d.kind}): delivery ${d.deliveryId} attempt ${d.attempts} ${status}: ${outcome.errcode ?? outcome.httpStatus ?? ''} ${outcome.errmsg ?? ''}`);
    }
  }

  /** A failed attempt or receipt: the channel's last error, and the sysadmins' notice when it starts failing. */
  private async recordFailure(
    manager: EntityManager,
    d: { channelId: number; name: string },
    error: string,
    gaveUp: boolean,
    now: Date,
  ): Promise<void> {
    const started = await this.channels.markChannelError(manager, d.channelId, error, gaveUp, now);
    if (started) {
      // once per failing spell (failing_since was empty), to every sysadmin
      const admins = await this.channels.activeSysadminIds(manager);
      const ids = await this.notifications.insertMany(
        manager,
        admins.map((userId) => ({
          userId,
          kind: 'channel.failing' as const,
          title: '通知渠道发送失败',
          body: `通知渠道「${d.name}」发送失败（${error}），请在 系统管理 → 通知渠道 查看。`,
          link: '/admin/notification-channels',
          planId: null,
          unitId: null,
          month: null,
        })),
        now,
      );
      await this.channels.enqueue(manager, ids, now);
    }
  }

  private async post(request: RobotRequest): Promise<{ status: number; text: string }> {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'pacer-api' },
      body: JSON.stringify(request.body),
      redirect: 'error',
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    return { status: response.status, text: await response.text().catch(() => '') };
  }

  /** 企业微信 应用消息 / 钉钉 工作通知 to the recipient's mapped account, with the app's cached token. */
  private async sendApp(d: ClaimedDelivery, kind: AppKind): Promise<AttemptOutcome> {
    if (!d.accountId || !d.appKey || !d.agentId) {
      return { result: 'failed', httpStatus: null, errcode: null, errmsg: 'recipient has no account mapped' };
    }
    const secret = this.secrets.decrypt(d.tokenEnc);
    const baseUrl = kind === 'wecom_app' ? this.config.wecomBaseUrl : this.config.dingtalkBaseUrl;
    const build = kind === 'wecom_app' ? wecomAppRequest : dingtalkAppRequest;
    for (let round = 0; ; round++) {
      const token = await this.tokens.get(kind, baseUrl, d.appKey, secret, this.config.timeoutMs);
      if ('outcome' in token) return token.outcome;
      const answer = await this.post(build(baseUrl, token.token, d.agentId, d.accountId, d.messageType, this.messageOf(d)));
      const outcome = appOutcomeOf(kind, answer.status, answer.text);
      if (outcome.result !== 'refresh') return outcome;
      // the token was refused (expired early, or reset): a new one, and the message again, once
      this.tokens.invalidate(kind, d.appKey, secret);
      if (round > 0) return { ...outcome, result: 'retry' };
    }
  }

  private messageOf(d: ClaimedDelivery): OutgoingMessage {
    return d.notificationId === null
      ? { title: 'Pacer 测试消息', body: `这是通知渠道「${d.name}」的测试发送。收到即表示配置正确。`, url: this.config.publicUrl }
      : {
          title: d.title ?? '',
          body: d.body ?? '',
          url: d.link && this.config.publicUrl ? `${this.config.publicUrl}${d.link}` : null,
        };
  }

  private requestOf(d: ClaimedDelivery): RobotRequest {
    const token = this.secrets.decrypt(d.tokenEnc);
    const message = this.messageOf(d);
    switch (d.kind) {
      case 'wecom_robot':
        return wecomRequest(this.config.wecomBaseUrl, token, message);
      case 'dingtalk_robot':
        return dingtalkRequest(
          this.config.dingtalkBaseUrl,
          token,
          d.secretEnc ? this.secrets.decrypt(d.secretEnc) : null,
          d.messageType,
          message,
          Date.now(), // the vendor checks it against its own clock (±1 hour), whatever the business clock says
        );
      case 'webhook':
        return {
          url: token,
          body: {
            type: 'notification',
            notification: { id: d.notificationId, kind: d.noticeKind, title: message.title, body: message.body, link: d.link },
            url: message.url,
          },
        };
      default:
        throw new Error(`${d.kind} is not a group channel`);
    }
  }
}
