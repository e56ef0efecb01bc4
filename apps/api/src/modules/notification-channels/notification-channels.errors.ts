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

export const appChannelExists = (kind: string) =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.NotificationChannelExists,
    `本系统已配置${kind === 'wecom_app' ? '企业微信' : '钉钉'}应用，请编辑现有的那一个`,
    `The deployment already has its ${kind === 'wecom_app' ? 'WeCom' : 'DingTalk'} app: edit that one`,
    [{ field: 'kind', code: 'exists', message: '每个部署只配置一个企业应用', messageEn: 'one app of each vendor per deployment' }],
  );

export const channelAccountTaken = (field: string, vendorName: string) =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.ChannelAccountTaken,
    `该${vendorName}账号已对应其他用户`,
    `That ${vendorName} account is mapped to another user`,
    [{ field, code: 'taken', message: `该${vendorName}账号已对应其他用户`, messageEn: 'mapped to another user' }],
  );

export const userNotFound = () => ApiException.notFound('用户', 'User');
