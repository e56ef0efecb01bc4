import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Domain errors the scoring-entries module answers: code and both messages, here once.

/** A scoring entry (bonus, deduction) is not recorded in a closed plan. */
export const planClosedForEntries = () =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.PlanClosed,
    '计划已结束，不能再记录',
    'The plan is closed',
  );
