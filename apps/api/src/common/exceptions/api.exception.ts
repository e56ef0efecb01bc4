import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@pacer/shared';

/**
 * The one exception services throw: a stable code, a zh-CN and an English message, optional field details.
 * The code is typed `ErrorCode`, so a code outside the shared enum does not compile (the web reads the same enum).
 * A module builds its own with the factories of its `<module>.errors.ts`.
 */
export class ApiException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: ErrorDetail[],
  ) {
    super({ code, message: messageZh, messageEn, details }, status);
  }

  static validation(details: ErrorDetail[]): ApiException {
    const fields = details.map((d) => d.field).join(', ');
    return new ApiException(
      HttpStatus.BAD_REQUEST,
      ErrorCode.ValidationFailed,
      `请求参数有误：${fields}`,
      `Invalid request: ${fields}`,
      details,
    );
  }

  static field(field: string, code: string, messageZh: string, messageEn: string, status = HttpStatus.BAD_REQUEST) {
    return new ApiException(
      status,
      status === HttpStatus.UNPROCESSABLE_ENTITY ? ErrorCode.BusinessRule : ErrorCode.ValidationFailed,
      messageZh,
      messageEn,
      [{ field, code, message: messageZh, messageEn }],
    );
  }

  /**
   * The same refusal — its status and code — said again with more context, e.g. the item of a batch it stopped at.
   * The one construction whose code is not written as `ErrorCode.X`: it is this error's own (already an ErrorCode).
   */
  restated(messageZh: string, messageEn: string, details?: ErrorDetail[]): ApiException {
    return new ApiException(this.getStatus(), this.code, messageZh, messageEn, details);
  }

  static notFound(what: string, whatEn: string): ApiException {
    return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `${what}不存在`, `${whatEn} not found`);
  }

  static versionConflict(): ApiException {
    return new ApiException(
      HttpStatus.CONFLICT,
      ErrorCode.VersionConflict,
      '数据已被他人修改，请刷新后重试',
      'The record was changed by someone else; reload and try again',
      [{ field: 'version', code: 'stale', message: '版本号已过期', messageEn: 'stale version' }],
    );
  }
}
