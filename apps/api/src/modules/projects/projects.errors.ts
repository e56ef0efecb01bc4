import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the projects module answers beyond the generic validation, not-found and version conflict.

/** A reporter registers or moves a project only into their own units. */
export const unitOutOfScope = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '只能为本单位登记项目',
    'Only your own units may be responsible',
    [
      {
        field: 'unitId',
        code: 'outOfScope',
        message: '责任单位不在您的管辖范围内',
        messageEn: 'unit outside your scope',
      },
    ],
  );

/** A share decision on a share already confirmed or rejected. */
export function shareNotPending(status: string): ApiException {
  const zh = status === 'confirmed' ? '该分成已确认' : '该分成已拒绝';
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.ShareNotPending,
    `${zh}，不能重复处理`,
    `The share is already ${status}`,
  );
}

/** The responsible unit changed the share's percentage since the partner read it. */
export function shareChanged(current: string): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VersionConflict,
    `责任单位已将该分成修改为 ${current}%，请刷新后重新确认`,
    `The responsible unit changed the share to ${current}%; reload and decide again`,
    [{ field: 'sharePct', code: 'stale', message: '分成比例已变更', messageEn: 'the share changed' }],
  );
}

/** A month's funds written without the version of the figure already there. */
export const fundVersionMissing = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VersionConflict,
    '该月已有到位资金，请带上版本号修改',
    'The month already has a figure: send its version',
    [
      {
        field: 'version',
        code: 'stale',
        message: '该月已有到位资金，请带上版本号修改',
        messageEn: 'The month already has a figure: send its version',
      },
    ],
  );
