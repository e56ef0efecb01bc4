import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every error the service-accounts module answers: the key checks of the guard and the sysadmin's routes.

/** A `pk_…` key no service account holds (or not a well-formed key). */
export const apiKeyInvalid = () =>
  new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.ApiKeyInvalid, 'API 密钥无效', 'Invalid API key');

export const apiKeyExpired = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.ApiKeyExpired,
    'API 密钥已过期，请联系系统管理员更换',
    'The API key has expired; ask the system administrator for a new one',
  );

export const apiKeyRevoked = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.ApiKeyRevoked,
    'API 密钥已被吊销',
    'The API key has been revoked',
  );

/** AUTH-3's per-address limit, reached by bad keys (or failed logins) from this address. */
export const apiKeyAddressRateLimited = (minutes: number) =>
  new ApiException(
    HttpStatus.TOO_MANY_REQUESTS,
    ErrorCode.TooManyRequests,
    `该地址认证失败次数过多，请 ${minutes} 分钟后再试`,
    `Too many failed authentications from this address; try again in ${minutes} minutes`,
  );

export const permissionNotAllowed = (permissions: string[]) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ServiceAccountPermissionNotAllowed,
    `接口账号不能拥有以下权限：${permissions.join('、')}（仅限填报、查询类权限）`,
    `A service account cannot hold: ${permissions.join(', ')} (reporting and reading permissions only)`,
    [
      {
        field: 'permissions',
        code: 'not_allowed',
        message: `不允许的权限：${permissions.join('、')}`,
        messageEn: `not allowed: ${permissions.join(', ')}`,
      },
    ],
  );

export const expiryOutOfRange = (maxDays: number) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ServiceAccountExpiryOutOfRange,
    `有效期须晚于今天，且不超过 ${maxDays} 天`,
    `The expiry must be after today and at most ${maxDays} days ahead`,
    [
      {
        field: 'expiresOn',
        code: 'out_of_range',
        message: `须晚于今天且不超过 ${maxDays} 天`,
        messageEn: `after today, at most ${maxDays} days ahead`,
      },
    ],
  );

export const unitsNotFound = (unitIds: number[]) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.BusinessRule,
    `单位不存在或已停用：${unitIds.join(', ')}`,
    `Unknown or inactive units: ${unitIds.join(', ')}`,
    [{ field: 'unitIds', code: 'unknown', message: '单位不存在或已停用', messageEn: 'unknown or inactive unit' }],
  );

export const nameTaken = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.Conflict,
    '已有同名的有效接口账号',
    'An active service account already has this name',
    [{ field: 'name', code: 'taken', message: '名称已被使用', messageEn: 'name already used' }],
  );

export const alreadyRevoked = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.ServiceAccountRevoked,
    '该接口账号已被吊销',
    'The service account is already revoked',
  );

export const serviceAccountNotFound = () => ApiException.notFound('接口账号', 'Service account');
