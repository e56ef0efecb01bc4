import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Domain errors the month-close module answers: code and both messages, here once.

/** A month of a closed plan is not closed (again). */
export const planClosedForClose = () =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.PlanClosed,
    '计划已结束，不能再关账',
    'The plan is closed',
  );
