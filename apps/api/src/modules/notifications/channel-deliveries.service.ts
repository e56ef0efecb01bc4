import { Injectable } from '@nestjs/common';
import type { ChannelAccountRow, ChannelKind, ChannelVendor, NotificationChannelRow, NotificationDeliveryRow } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { ChannelSecrets } from './channels/channel-secrets';
import { DeliveryWorker } from './delivery.worker';
import { type ChannelWrite, NotificationChannelsRepository, type StoredChannel } from './notification-channels.repository';

export type { ChannelWrite, StoredChannel } from './notification-channels.repository';

/**
 * What the sysadmin's channel screen (module notification-channels) uses of the channels kept here: their rows, the
 * secrets' cipher, the delivery log and a wake-up of the worker.
 */
@Injectable()
export class ChannelDeliveriesService {
  constructor(
    private readonly repo: NotificationChannelsRepository,
    private readonly secrets: ChannelSecrets,
    private readonly worker: DeliveryWorker,
  ) {}

  list(manager?: EntityManager, id?: number): Promise<NotificationChannelRow[]> {
    return this.repo.list(manager, id);
  }

  /** The stored channel, locked for the caller's transaction. */
  find(manager: EntityManager, id: number): Promise<StoredChannel | null> {
    return this.repo.find(manager, id);
  }

  unitExists(manager: EntityManager, unitId: number): Promise<boolean> {
    return this.repo.unitExists(manager, unitId);
  }

  encrypt(secret: string): string {
    return this.secrets.encrypt(secret);
  }

  insert(manager: EntityManager, write: ChannelWrite, by: number, at: Date): Promise<number> {
    return this.repo.insert(manager, write, by, at);
  }

  update(manager: EntityManager, id: number, write: ChannelWrite, by: number, at: Date): Promise<void> {
    return this.repo.update(manager, id, write, by, at);
  }

  insertTestDelivery(manager: EntityManager, channelId: number, at: Date, userId: number | null = null): Promise<number> {
    return this.repo.insertTestDelivery(manager, channelId, at, userId);
  }

  appChannelOfKind(manager: EntityManager, kind: ChannelKind, exceptId: number | null): Promise<number | null> {
    return this.repo.appChannelOfKind(manager, kind, exceptId);
  }

  // ---- the people's 企业微信 / 钉钉 accounts (the enterprise apps message them) ----
  listAccounts(): Promise<ChannelAccountRow[]> {
    return this.repo.listAccounts();
  }

  accountsOf(manager: EntityManager, userId: number): Promise<Record<ChannelVendor, string | null>> {
    return this.repo.accountsOf(manager, userId);
  }

  userExists(manager: EntityManager, userId: number): Promise<boolean> {
    return this.repo.userExists(manager, userId);
  }

  accountHolder(manager: EntityManager, vendor: ChannelVendor, accountId: string, exceptUserId: number): Promise<number | null> {
    return this.repo.accountHolder(manager, vendor, accountId, exceptUserId);
  }

  setAccount(manager: EntityManager, userId: number, vendor: ChannelVendor, accountId: string | null, by: number, at: Date) {
    return this.repo.setAccount(manager, userId, vendor, accountId, by, at);
  }

  enabledVendors(manager?: EntityManager): Promise<ChannelVendor[]> {
    return this.repo.enabledVendors(manager);
  }

  listDeliveries(channelId: number, limit: number): Promise<NotificationDeliveryRow[]> {
    return this.repo.listDeliveries(channelId, limit);
  }

  /** After a commit: send what is due now. */
  wake(): void {
    this.worker.wake();
  }
}
