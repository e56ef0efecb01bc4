import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Permission, type Role, ROLE_PERMISSIONS, ROLES } from '@pacer/shared';
import type {
  MarkReadResponse,
  NotificationsQuery,
  NotificationsResponse,
  UnreadCountResponse,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels/notification-channel';
import { DeliveryWorker } from './delivery.worker';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { type NewNotification, NotificationsRepository } from './notifications.repository';

export const DEFAULT_PAGE_SIZE = 50;
/** The roles whose scope is every unit (as the auth module's toPrincipal decides). */
const UNSCOPED_ROLES: readonly Role[] = ['admin', 'leader', 'sysadmin', 'auditor'];

/**
 * The in-app inbox (each user reads and marks only their own messages) and the delivery of new notifications:
 * `record` writes inbox rows in the caller's transaction, `push` hands the committed rows to the push channels.
 */
/** What an owner module hands to record(): other modules take the type from here, not from the repository. */
export type { NewNotification } from './notifications.repository';

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    // the 企业微信/钉钉/webhook channels' delivery log and its worker (absent in unit tests that build the service bare)
    @Optional() private readonly channelDeliveries?: NotificationChannelsRepository,
    @Optional() private readonly deliveryWorker?: DeliveryWorker,
  ) {}

  async list(actor: Actor, query: NotificationsQuery): Promise<NotificationsResponse> {
    const userId = ownerOf(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const unreadOnly = query.unreadOnly ?? false;
    const [items, counts] = await Promise.all([
      this.repo.listForUser(userId, unreadOnly, pageSize, (page - 1) * pageSize),
      this.repo.countForUser(userId, unreadOnly),
    ]);
    return { items, total: counts.total, unread: counts.unread, page, pageSize };
  }

  async unreadCount(actor: Actor): Promise<UnreadCountResponse> {
    const { unread } = await this.repo.countForUser(ownerOf(actor), true);
    return { unread };
  }

  /** Another user's message answers 404, as if it did not exist. */
  async markRead(actor: Actor, id: number): Promise<MarkReadResponse> {
    const outcome = await this.repo.markRead(ownerOf(actor), id, this.clock.now());
    if (outcome === 'none') throw ApiException.notFound('通知', 'Notification');
    return { marked: outcome === 'marked' ? 1 : 0 };
  }

  async markAllRead(actor: Actor): Promise<MarkReadResponse> {
    return { marked: await this.repo.markAllRead(ownerOf(actor), this.clock.now()) };
  }

  /**
   * Writes inbox rows inside the caller's transaction (they commit, or vanish, with the change that made them), and in
   * the same transaction the deliveries to the configured 企业微信/钉钉/webhook groups that take these notices.
   */
  async record(manager: EntityManager, items: NewNotification[]): Promise<number[]> {
    const at = this.clock.now();
    const ids = await this.repo.insertMany(manager, items, at);
    if (this.channelDeliveries) await this.channelDeliveries.enqueue(manager, ids, at);
    return ids;
  }

  /** Who reports for each unit (bound to it or to an ancestor), one row per (unit, user). */
  reportersOfUnits(manager: EntityManager, unitIds: number[]) {
    return this.repo.listReportersOfUnits(manager, unitIds);
  }

  /** Which of these users were already told this (a notice written once, not at every start). */
  recipientsOf(
    manager: EntityManager,
    userIds: number[],
    kind: NewNotification['kind'],
    body: string,
  ): Promise<number[]> {
    return this.repo.listRecipientsOf(manager, userIds, kind, body);
  }

  /** Who reviews this unit's reports (holds reports.review with a scope covering it). */
  reviewersOfUnit(manager: EntityManager, unitId: number): Promise<number[]> {
    const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(Permission.ReportsReview));
    return this.repo.listReviewersOfUnit(manager, unitId, roles, UNSCOPED_ROLES);
  }

  /** Every unit of the plan whose root is `rootUnitId`: its reporters and leaders. */
  planAudience(manager: EntityManager, rootUnitId: number): Promise<number[]> {
    return this.repo.listPlanAudience(manager, rootUnitId);
  }

  /**
   * Writes each notice unless its recipient already holds one of the same kind and text (a step that can be repeated
   * or retried tells each person once); answers the new ids.
   */
  async recordOnce(manager: EntityManager, items: NewNotification[]): Promise<number[]> {
    const groups = new Map<string, NewNotification[]>();
    for (const item of items) {
      const key = `${item.kind}\u0000${item.body}`;
      const group = groups.get(key) ?? [];
      if (!group.some((g) => g.userId === item.userId)) group.push(item);
      groups.set(key, group);
    }
    const fresh: NewNotification[] = [];
    for (const group of groups.values()) {
      const told = new Set(
        await this.repo.listRecipientsOf(
          manager,
          group.map((g) => g.userId),
          group[0]!.kind,
          group[0]!.body,
        ),
      );
      fresh.push(...group.filter((g) => !told.has(g.userId)));
    }
    return this.record(manager, fresh);
  }

  activeAdminIds(manager: EntityManager): Promise<number[]> {
    return this.repo.listActiveAdminIds(manager);
  }

  /**
   * After the commit: hands each committed notification to every enabled push channel. Best effort: a failure or
   * timeout is logged (without the URL or the text) and never reaches the caller.
   */
  async push(ids: number[]): Promise<void> {
    // the channels' deliveries were written with the notices: wake the worker (it sends them outside this path)
    if (ids.length > 0) this.deliveryWorker?.wake();
    const channels = this.channels.filter((c) => c.isEnabled);
    if (channels.length === 0 || ids.length === 0) return;
    const deliveries = await this.repo.listWithRecipients(ids);
    const results = await Promise.allSettled(
      deliveries.flatMap(({ notification, recipient }) =>
        channels.map((channel) =>
          channel.send(notification, recipient).catch((error: unknown) => {
            this.logger.warn(
              `${channel.name}: notification ${notification.id} to user ${recipient.userId} not delivered: ${
                error instanceof Error ? error.message : String(error)
              }`,
            );
            throw error;
          }),
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) this.logger.warn(`${failed} of ${results.length} pushes failed`);
  }
}

function ownerOf(actor: Actor): number {
  if (!actor.principal) throw new Error('the inbox needs a signed-in user');
  return actor.principal.userId;
}
