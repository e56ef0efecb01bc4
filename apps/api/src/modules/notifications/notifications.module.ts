import { Module } from '@nestjs/common';

import { CHANNELS_CONFIG, loadChannelsConfig } from '../../config/channels.config';
import { ChannelDeliveriesService } from './channel-deliveries.service';
import { AppTokens } from './channels/app-tokens';
import { ChannelSecrets } from './channels/channel-secrets';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels/notification-channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryWorker } from './delivery.worker';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * The in-app inbox and the push channels. A new channel (企业微信, 钉钉, SMS) is a class implementing
 * NotificationChannel, listed in `providers` and in the NOTIFICATION_CHANNELS factory below.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    WebhookChannel,
    // 企业微信 / 钉钉 / webhook channels configured by the sysadmin, with their delivery log and worker
    { provide: CHANNELS_CONFIG, useFactory: loadChannelsConfig },
    ChannelSecrets,
    AppTokens,
    NotificationChannelsRepository,
    DeliveryWorker,
    ChannelDeliveriesService,
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...channels: NotificationChannel[]): NotificationChannel[] => channels,
      inject: [WebhookChannel],
    },
  ],
  exports: [NotificationsService, ChannelDeliveriesService],
})
export class NotificationsModule {}
