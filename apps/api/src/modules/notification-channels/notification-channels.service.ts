import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type NotificationChannelRow,
  type NotificationChannelsResponse,
  type NotificationDeliveriesResponse,
  type SaveNotificationChannelRequest,
  type TestNotificationChannelResponse,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { AuditService } from '../audit/audit.service';
import { ChannelDeliveriesService, type ChannelWrite } from '../notifications/channel-deliveries.service';
import { channelFieldInvalid, channelNotFound } from './notification-channels.errors';

const DELIVERY_LOG_SIZE = 100;

/** The formats the vendors hand out: a 企业微信 robot key is a UUID, a 钉钉 access_token hex, its 加签 secret `SEC…`. */
const TOKEN_FORMAT = {
  wecom_robot: /^[A-Za-z0-9-]{8,100}$/,
  dingtalk_robot: /^[A-Za-z0-9_-]{16,128}$/,
  webhook: /^https?:\/\/\S+$/,
} as const;
const DINGTALK_SECRET = /^SEC[A-Za-z0-9]{16,100}$/;

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
      const write = await this.validated(manager, request, true);
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
      const write = await this.validated(manager, request, request.kind !== stored.kind || !stored.secretEnc);
      await this.repo.update(manager, id, write, actor.principal!.userId, this.clock.now());
      await this.audit.record(manager, actor, {
        action: 'notification_channel.update',
        objectType: 'notification_channel',
        objectId: id,
        before: { kind: before.kind, name: before.name, unitId: before.unitId, noticeKinds: before.noticeKinds, messageType: before.messageType, enabled: before.enabled },
        after: auditView(request),
      });
      return (await this.repo.list(manager, id))[0]!;
    });
  }

  /** 测试发送: a delivery without a notice, sent by the worker right away; its outcome shows in the log. */
  async test(actor: Actor, id: number): Promise<TestNotificationChannelResponse> {
    const deliveryId = await this.dataSource.transaction(async (manager) => {
      if (!(await this.repo.find(manager, id))) throw channelNotFound();
      const created = await this.repo.insertTestDelivery(manager, id, this.clock.now());
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

  private async validated(
    manager: EntityManager,
    request: SaveNotificationChannelRequest,
    secretRequired: boolean,
  ): Promise<ChannelWrite> {
    if (request.unitId !== null && !(await this.repo.unitExists(manager, request.unitId))) {
      throw channelFieldInvalid('unitId', '单位不存在', 'unknown unit');
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
    if (request.messageType === 'actionCard' && request.kind !== 'dingtalk_robot') {
      throw channelFieldInvalid('messageType', 'actionCard 仅适用于钉钉机器人', 'actionCard is for 钉钉 robots only');
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
    tokenChanged: r.token !== undefined,
    secretChanged: r.secret !== undefined,
  };
}
