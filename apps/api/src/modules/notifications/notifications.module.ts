import { Module } from '@nestjs/common';

import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels/notification-channel';
import { WebhookChannel } from './channels/webhook.channel';
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
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...channels: NotificationChannel[]): NotificationChannel[] => channels,
      inject: [WebhookChannel],
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
