import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the briefings (通报) module answers.

/** A briefing is made from a month's frozen ranking: the month must be closed. */
export const monthNotClosed = () =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.BusinessRule,
    '该月尚未关账，不能生成通报',
    'The month is not closed; a briefing is generated from its frozen ranking',
    [
      {
        field: 'month',
        code: 'monthNotClosed',
        message: '该月尚未关账，不能生成通报',
        messageEn: 'month not closed',
      },
    ],
  );

/** The month was closed again while the briefing was being generated. */
export const monthReclosed = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VersionConflict,
    '该月排名刚被重新关账，请重新生成通报',
    'The month was closed again meanwhile; generate the briefing again',
  );

export const briefingNotFound = () => ApiException.notFound('通报', 'Briefing');
