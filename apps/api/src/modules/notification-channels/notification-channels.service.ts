import { Injectable } from '@nestjs/common';
import {
  CHANNEL_ACCOUNT_ID_PATTERN,
  CHANNEL_KIND_MESSAGE_TYPES,
  type ChannelAccountRow,
  type ChannelAccountsResponse,
  type ChannelKind,
  type ChannelVendor,
  type MyChannelAccountResponse,
  NOTIFICATION_KINDS,
  type NotificationChannelRow,
  type NotificationChannelsResponse,
  type NotificationDeliveriesResponse,
  PERSON_CHANNEL_KINDS,
  type SaveChannelAccountRequest,
  type SaveNotificationChannelRequest,
  type TestNotificationChannelResponse,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { AuditService } from '../audit/audit.service';
import { ChannelDeliveriesService, type ChannelWrite } from '../notifications/channel-deliveries.service';
import {
  appChannelExists,
  channelAccountTaken,
  channelFieldInvalid,
  channelNotFound,
  userNotFound,
} from './notification-channels.errors';

const DELIVERY_LOG_SIZE = 100;

/** The formats the vendors hand out: a 企业微信 robot key is a UUID, a 钉钉 access_token hex, its 加签 secret `SEC…`. */
const TOKEN_FORMAT: Record<ChannelKind, RegExp> = {
  wecom_robot: /^[A-Za-z0-9-]{8,100}$/,
  dingtalk_robot: /^[A-Za-z0-9_-]{16,128}$/,
  webhook: /^https?:\/\/\S+$/,
  // the apps' corpsecret / AppSecret
  wecom_app: /^[A-Za-z0-9_-]{16,128}$/,
  dingtalk_app: /^[A-Za-z0-9_-]{16,128}$/,
};
const DINGTALK_SECRET = /^SEC[A-Za-z0-9]{16,100}$/;
/** 企业微信 corpid (ww…) / 钉钉 AppKey (ding…). */
const APP_KEY_FORMAT = /^[A-Za-z0-9_-]{6,64}$/;
const isPersonKind = (kind: ChannelKind) => (PERSON_CHANNEL_KINDS as readonly ChannelKind[]).includes(kind);
const VENDOR_OF: Partial<Record<ChannelKind, ChannelVendor>> = { wecom_app: 'wecom', dingtalk_app: 'dingtalk' };
const VENDOR_NAME: Record<ChannelVendor, string> = { wecom: '企业微信', dingtalk: '钉钉' };

/**
 * 企业微信 / 钉钉 / webhook channels (issue 13 point 3): the system administrator's (三员分立: the robots' keys and
 * secrets are system configuration, like accounts and API keys — docs/security.md). Secrets are write-only: stored
 * encrypted, answered as tokenSet/secretSet, audited as "changed", never their value.
 */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ChannelDeliveriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<NotificationChannelsResponse> {
    return { items: await this.repo.list(), noticeKinds: NOTIFICATION_KINDS };
  }

  create(actor: Actor, request: SaveNotificationChannelRequest): Promise<NotificationChannelRow> {
    return this.dataSource.transaction(async (manager) => {
      if (request.token === undefined) {
        throw channelFieldInvalid('token', '请填写机器人密钥或地址', 'token is required');
      }
      const write = await this.validated(manager, request, true, null);
      const id = await this.repo.insert(manager, write, actor.principal!.userId, this.clock.now());
      await this.audit.record(manager, actor, {
        action: 'notification_channel.create',
        objectType: 'notification_channel',
        objectId: id,
        after: auditView(request),
      });
      return (await this.repo.list(manager, id))[0]!;
    });
  }

  update(actor: Actor, id: number, request: SaveNotificationChannelRequest): Promise<NotificationChannelRow> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.repo.find(manager, id);
      if (!stored) throw channelNotFound();
      const before = (await this.repo.list(manager, id))[0]!;
      if (request.kind !== stored.kind && request.token === undefined) {
        throw channelFieldInvalid('token', '更换渠道类型时须重新填写密钥', 'a new kind needs its token');
      }
      const write = await this.validated(manager, request, request.kind !== stored.kind || !stored.secretEnc, id);
      await this.repo.update(manager, id, write, actor.principal!.userId, this.clock.now());
      await this.audit.record(manager, actor, {
        action: 'notification_channel.update',
        objectType: 'notification_channel',
        objectId: id,
        before: { kind: before.kind, name: before.name, unitId: before.unitId, noticeKinds: before.noticeKinds, messageType: before.messageType, enabled: before.enabled,
          ...(before.appKey !== null ? { appKey: before.appKey, agentId: before.agentId } : {}) },
        after: auditView(request),
      });
      return (await this.repo.list(manager, id))[0]!;
    });
  }

  /** 测试发送: a delivery without a notice, sent by the worker right away; its outcome shows in the log. */
  async test(actor: Actor, id: number): Promise<TestNotificationChannelResponse> {
    const deliveryId = await this.dataSource.transaction(async (manager) => {
      const stored = await this.repo.find(manager, id);
      if (!stored) throw channelNotFound();
      // an enterprise app's test goes to the sysadmin's own account
      const vendor = VENDOR_OF[stored.kind];
      const userId = actor.principal!.userId;
      if (vendor && !(await this.repo.accountsOf(manager, userId))[vendor]) {
        throw channelFieldInvalid(
          'account',
          `请先在“人员账号”中为本人设置${VENDOR_NAME[vendor]}账号，测试消息将发给本人`,
          `map your own ${vendor === 'wecom' ? 'WeCom' : 'DingTalk'} account first: the test message goes to you`,
        );
      }
      const created = await this.repo.insertTestDelivery(manager, id, this.clock.now(), vendor ? userId : null);
      await this.audit.record(manager, actor, {
        action: 'notification_channel.test',
        objectType: 'notification_channel',
        objectId: id,
        detail: { deliveryId: created },
      });
      return created;
    });
    this.repo.wake();
    return { deliveryId };
  }

  async deliveries(id: number): Promise<NotificationDeliveriesResponse> {
    if ((await this.repo.list(undefined, id)).length === 0) throw channelNotFound();
    return { items: await this.repo.listDeliveries(id, DELIVERY_LOG_SIZE) };
  }

  // ---- the people's 企业微信 / 钉钉 accounts ----

  async accounts(): Promise<ChannelAccountsResponse> {
    return { items: await this.repo.listAccounts(), enabledVendors: await this.repo.enabledVendors() };
  }

  /** The caller's own mapping (账号安全), read-only. */
  async myAccounts(actor: Actor): Promise<MyChannelAccountResponse> {
    const mine = await this.repo.accountsOf(this.dataSource.manager, actor.principal!.userId);
    return { wecomUserId: mine.wecom, dingtalkUserId: mine.dingtalk, enabledVendors: await this.repo.enabledVendors() };
  }

  /** Sets a user's 企业微信 UserID and 钉钉 userid (blank or null removes one); one user per vendor account; audited. */
  setAccounts(actor: Actor, userId: number, request: SaveChannelAccountRequest): Promise<ChannelAccountRow> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repo.userExists(manager, userId))) throw userNotFound();
      const before = await this.repo.accountsOf(manager, userId);
      const wanted: Record<ChannelVendor, string | null> = {
        wecom: request.wecomUserId?.trim() || null,
        dingtalk: request.dingtalkUserId?.trim() || null,
      };
      const at = this.clock.now();
      for (const vendor of ['wecom', 'dingtalk'] as const) {
        const field = vendor === 'wecom' ? 'wecomUserId' : 'dingtalkUserId';
        const accountId = wanted[vendor];
        if (accountId !== null && !CHANNEL_ACCOUNT_ID_PATTERN.test(accountId)) {
          throw channelFieldInvalid(
            field,
            `${VENDOR_NAME[vendor]}账号只能由字母、数字和 _ . @ - 组成（以字母或数字开头，至多 64 位）`,
            'letters, digits and _ . @ - only (starting with a letter or digit, at most 64)',
          );
        }
        if (accountId !== null) {
          // the same account mapped to two users at once: one waits, then finds the other (409, not a 500)
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
            `user_channel_account:${vendor}:${accountId.toLowerCase()}`,
          ]);
        }
        if (accountId !== null && (await this.repo.accountHolder(manager, vendor, accountId, userId)) !== null) {
          throw channelAccountTaken(field, VENDOR_NAME[vendor]);
        }
        if (accountId !== before[vendor]) {
          await this.repo.setAccount(manager, userId, vendor, accountId, actor.principal!.userId, at);
        }
      }
      if (wanted.wecom !== before.wecom || wanted.dingtalk !== before.dingtalk) {
        await this.audit.record(manager, actor, {
          action: 'notification_channel.account',
          objectType: 'user',
          objectId: userId,
          before: { wecomUserId: before.wecom, dingtalkUserId: before.dingtalk },
          after: { wecomUserId: wanted.wecom, dingtalkUserId: wanted.dingtalk },
        });
      }
      return this.accountRowOf(manager, userId);
    });
  }

  private async accountRowOf(manager: EntityManager, userId: number): Promise<ChannelAccountRow> {
    const rows: ChannelAccountRow[] = await manager.query(
      `SELECT id AS "userId", username, display_name AS "displayName", is_active AS "isActive" FROM app_user WHERE id = $1`,
      [userId],
    );
    const mine = await this.repo.accountsOf(manager, userId);
    return { ...rows[0]!, wecomUserId: mine.wecom, dingtalkUserId: mine.dingtalk };
  }

  private async validated(
    manager: EntityManager,
    request: SaveNotificationChannelRequest,
    secretRequired: boolean,
    channelId: number | null,
  ): Promise<ChannelWrite> {
    if (request.unitId !== null && !(await this.repo.unitExists(manager, request.unitId))) {
      throw channelFieldInvalid('unitId', '单位不存在', 'unknown unit');
    }
    const isApp = isPersonKind(request.kind);
    if (isApp) {
      if (request.unitId !== null) {
        throw channelFieldInvalid('unitId', '企业应用发给个人，不属于某个单位', 'an enterprise app messages people: no unit');
      }
      if (request.appKey === undefined || !APP_KEY_FORMAT.test(request.appKey.trim())) {
        throw request.kind === 'wecom_app'
          ? channelFieldInvalid('appKey', '请填写企业ID（corpid）', 'the corpid is required')
          : channelFieldInvalid('appKey', '请填写应用的 AppKey', 'the AppKey is required');
      }
      if (request.agentId === undefined) {
        throw channelFieldInvalid('agentId', '请填写应用的 AgentId', 'the agentId is required');
      }
      // two saves at once: the second waits for the first, then finds it (a 409, never the unique index's 500)
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notification_channel_app:${request.kind}`]);
      if ((await this.repo.appChannelOfKind(manager, request.kind, channelId)) !== null) {
        throw appChannelExists(request.kind);
      }
    }
    const token = request.token?.trim();
    if (token !== undefined && !TOKEN_FORMAT[request.kind].test(token)) {
      throw request.kind === 'webhook'
        ? channelFieldInvalid('token', '须为 http:// 或 https:// 地址', 'must be an http:// or https:// URL')
        : channelFieldInvalid('token', '密钥格式不正确', 'malformed key');
    }
    let secretEnc: string | null | undefined = undefined;
    if (request.kind === 'dingtalk_robot') {
      if (request.secret === null || (request.secret === undefined && secretRequired)) {
        throw channelFieldInvalid('secret', '钉钉机器人须开启“加签”并填写 SEC 开头的密钥', 'a 钉钉 robot needs its 加签 secret (SEC…)');
      }
      if (request.secret !== undefined) {
        if (!DINGTALK_SECRET.test(request.secret.trim())) {
          throw channelFieldInvalid('secret', '加签密钥须以 SEC 开头', 'the 加签 secret starts with SEC');
        }
        secretEnc = this.repo.encrypt(request.secret.trim());
      }
    } else {
      secretEnc = null;
    }
    if (request.messageType === 'actionCard' && !CHANNEL_KIND_MESSAGE_TYPES[request.kind].includes('actionCard')) {
      throw channelFieldInvalid('messageType', 'actionCard 仅适用于钉钉机器人', 'actionCard is for 钉钉 robots only');
    }
    if (request.messageType !== undefined && !CHANNEL_KIND_MESSAGE_TYPES[request.kind].includes(request.messageType)) {
      throw channelFieldInvalid('messageType', '该渠道不支持此消息样式', 'this channel cannot send that message type');
    }
    return {
      kind: request.kind,
      name: request.name.trim(),
      unitId: request.unitId,
      noticeKinds: [...new Set(request.noticeKinds)],
      messageType: request.messageType ?? 'markdown',
      enabled: request.enabled,
      tokenEnc: token === undefined ? null : this.repo.encrypt(token),
      secretEnc,
      appKey: isApp ? request.appKey!.trim() : null,
      agentId: isApp ? request.agentId! : null,
    };
  }
}

/** What the audit keeps of a channel change: which channel and what was configured, never a key or secret. */
function auditView(r: SaveNotificationChannelRequest) {
  return {
    kind: r.kind,
    name: r.name.trim(),
    unitId: r.unitId,
    noticeKinds: r.noticeKinds,
    messageType: r.messageType ?? 'markdown',
    enabled: r.enabled,
    ...(isPersonKind(r.kind) ? { appKey: r.appKey?.trim() ?? null, agentId: r.agentId ?? null } : {}),
    tokenChanged: r.token !== undefined,
    secretChanged: r.secret !== undefined,
  };
}
