import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Domain errors the rankings module answers (scoring): code and both messages, here once.

/** The engine refused the plan's scoring configuration; its issues name the fields under `scoring.`. */
export const scoringConfigInvalid = (issues: readonly ErrorDetail[]) =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.BusinessRule,
    '计划的考核办法配置有误，请先修正考核办法',
    "The plan's scoring configuration is invalid; correct it first",
    issues.map((i) => ({ ...i, field: `scoring.${i.field}` })),
  );
