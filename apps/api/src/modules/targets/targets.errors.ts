import { HttpStatus } from '@nestjs/common';
import { ErrorCode, TARGET_CONFLICT, type TargetConflictCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';
import { capDetails } from './dto/put-targets.dto';

// Errors the targets module answers beyond the generic validation, not-found and plan-closed ones.

/** 409 naming every row someone else changed or created meanwhile (at most MAX_ERROR_DETAILS of them). */
export function targetsConflict(
  rows: Array<{ field: string; label: string; code: TargetConflictCode }>,
  [retryZh, retryEn]: [string, string],
): ApiException {
  const labels = rows.slice(0, 5).map((r) => r.label);
  const more = rows.length > 5 ? ` 等 ${rows.length} 项` : '';
  const moreEn = rows.length > 5 ? ` and ${rows.length - 5} more` : '';
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VersionConflict,
    `以下目标已被他人修改，本次未保存任何数据，${retryZh}：${labels.join('、')}${more}`,
    `These targets were changed by someone else; nothing was saved, ${retryEn}: ${labels.join(', ')}${moreEn}`,
    capDetails(
      rows.map((r) =>
        r.code === TARGET_CONFLICT.stale
          ? {
              field: r.field,
              code: r.code,
              message: `${r.label}：读取后已被他人修改`,
              messageEn: `${r.label}: changed by someone else since it was read`,
            }
          : {
              field: r.field,
              code: r.code,
              message: `${r.label}：他人已新建了该目标`,
              messageEn: `${r.label}: someone else created this target meanwhile`,
            },
      ),
    ),
  );
}
