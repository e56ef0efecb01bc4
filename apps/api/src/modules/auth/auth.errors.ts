import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every error the auth module answers (login, refresh, sessions, MFA, the guard): its code and both messages, here once.

/** Unknown login id or wrong password: the same answer either way (AUTH-3). */
export const invalidCredentials = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.InvalidCredentials,
    '用户名或密码错误',
    'Wrong username or password',
  );

/** The account (or the unknown id) is locked after too many failed logins. */
export const accountLocked = (minutes: number) =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.AccountLocked,
    `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    `Too many failed logins; the account is locked for ${minutes} minutes`,
  );

/** Too many failed logins from one address (AUTH-3), before any password is checked. */
export const addressRateLimited = (minutes: number) =>
  new ApiException(
    HttpStatus.TOO_MANY_REQUESTS,
    ErrorCode.TooManyRequests,
    `该地址登录失败次数过多，请 ${minutes} 分钟后再试`,
    `Too many failed logins from this address; try again in ${minutes} minutes`,
  );

export const invalidRefreshToken = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.InvalidRefreshToken,
    '登录已失效，请重新登录',
    'Session expired; log in again',
  );

/** No token, or one that is not valid for a live session of an active account. */
export const unauthenticated = () =>
  new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, '请先登录', 'Authentication required');

/** The route needs a permission the caller lacks (or declares none: deny by default). */
export const permissionDenied = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '没有权限执行此操作',
    'You are not allowed to do this',
  );

/** First login or a reset: every route but the password change answers this. */
export const passwordChangeRequired = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.PasswordChangeRequired,
    '首次登录或密码已重置，请先修改密码',
    'Change your password before going on',
  );

/** AUTH-4: the deployment requires MFA of the role and the account has none yet. */
export const mfaEnrolmentRequired = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.MfaEnrolmentRequired,
    '请先绑定两步验证（身份验证器）',
    'Set up two-step verification (an authenticator app) before going on',
  );

export const sessionNotFound = () =>
  new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    '会话不存在或已结束',
    'Session not found or already ended',
  );

export const mfaChallengeInvalid = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.MfaChallengeInvalid,
    '验证已超时，请重新输入用户名和密码',
    'The verification step expired; log in again',
  );

export const mfaInvalidCode = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.MfaInvalidCode,
    '验证码错误',
    'Wrong verification code',
    [{ field: 'code', code: 'wrong', message: '验证码错误', messageEn: 'Wrong verification code' }],
  );

export const mfaCodeReused = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.MfaCodeReused,
    '该验证码已使用过，请等待下一个验证码',
    'This code was already used; wait for the next one',
    [{ field: 'code', code: 'reused', message: '该验证码已使用过', messageEn: 'This code was already used' }],
  );

export const mfaNotEnabled = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.MfaNotEnabled,
    '尚未启用两步验证',
    'Two-step verification is not on',
  );

/** Starting an enrolment while MFA is on: to bind another phone, turn it off first. */
export const mfaAlreadyEnabledOnStart = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.MfaAlreadyEnabled,
    '两步验证已启用；如需更换手机，请先停用再重新绑定',
    'Two-step verification is already on; turn it off first to bind another phone',
  );

export const mfaAlreadyEnabled = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.MfaAlreadyEnabled,
    '两步验证已启用',
    'Two-step verification is already on',
  );

/** Confirming an enrolment that was never started. */
export const mfaEnrolmentNotStarted = () =>
  new ApiException(HttpStatus.CONFLICT, ErrorCode.MfaNotEnabled, '请先开始绑定', 'Start the enrolment first');
