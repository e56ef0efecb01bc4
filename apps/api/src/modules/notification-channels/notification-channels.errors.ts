import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every error the notification-channel routes answer.

export const channelFieldInvalid = (field: string, message: string, messageEn: string) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.NotificationChannelInvalid,
    `通知渠道配置有误：${message}`,
    `Invalid notification channel: ${messageEn}`,
    [{ field, code: 'invalid', message, messageEn }],
  );

export const channelNotFound = () => ApiException.notFound('通知渠道', 'Notification channel');
