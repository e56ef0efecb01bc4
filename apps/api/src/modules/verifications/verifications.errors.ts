import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the verifications (认定) module answers beyond the generic validation, not-found and version conflict.

export const verificationNotFound = () => ApiException.notFound('认定事项', 'Verification');

/** A decision on an event already decided (an appeal's decision is final). */
export const verificationNotPending = (status: string) =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VerificationNotPending,
    status === 'verified' ? '该事项已认定，不能重复处理' : '该事项已作出不予认定，不能重复处理',
    `The event is already ${status}`,
  );

/** 不予认定 needs a reason from the plan's list. */
export const rejectionNeedsReason = (reasons: readonly string[]) =>
  ApiException.field(
    'reason',
    'isIn',
    `不予认定须选择原因：${reasons.join('、')}`,
    `A rejection needs one of the plan's reasons: ${reasons.join(', ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

/** A reason given with 已认定: the reasons are for 不予认定 only. */
export const reasonOnlyForRejection = () =>
  ApiException.field(
    'reason',
    'notAllowed',
    '认定通过时不填写不予认定原因',
    'A reason is given only to reject',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

/** An appeal of an event that is not 不予认定, or a second one. */
export const appealNotAllowed = (isAppealed: boolean) =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VerificationAppealNotAllowed,
    isAppealed ? '每个事项只能申诉一次，复核结论为最终结论' : '只有不予认定的事项可以申诉',
    isAppealed ? 'An event is appealed once; the decision on the appeal is final' : 'Only a rejected event can be appealed',
  );

/** The office decides; the unit appeals (an unscoped caller reports for no unit). */
export const appealByUnitOnly = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '申诉由项目责任单位的填报员提出',
    "An appeal is made by the project's responsible unit",
  );

