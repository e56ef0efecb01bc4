import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';

/**
 * The sysadmin's 通知渠道 screen (issue 13 point 3): 企业微信/钉钉/webhook channels, their test send and delivery log.
 * The channels' tables, the delivery worker and the secrets' cipher live in NotificationsModule (record() writes the
 * deliveries with the notice); this module configures them and audits each change.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationChannelsController],
  providers: [NotificationChannelsService],
})
export class NotificationChannelsModule {}
