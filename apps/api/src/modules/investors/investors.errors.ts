import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the investors module answers beyond the generic validation, not-found and version conflict.

/** The 客商库 is the office's: a unit's reporter adds companies (through a lead or the form), the office edits them. */
export const investorEditForbidden = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '客商信息由县投资促进服务中心维护',
    'The county office edits the companies of the library',
  );

/** Another company of the library already holds the name or the credit code. */
export const investorTaken = (field: 'name' | 'creditCode') =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.Conflict,
    field === 'creditCode' ? '客商库中已有该统一社会信用代码的企业' : '客商库中已有同名企业',
    field === 'creditCode' ? 'Another company holds this credit code' : 'Another company has this name',
    [
      {
        field,
        code: 'taken',
        message: field === 'creditCode' ? '统一社会信用代码已被占用' : '企业名称已存在',
        messageEn: 'already taken',
      },
    ],
  );
