import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorDetail, parseMonth } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

/**
 * Throws the issues found by a shared validator: 400 for the shape of a request, 422 for a rule that needs the
 * stored data (a code that does not exist, a cycle, a closed plan). Each detail names its field.
 */
export function rejectIssues(
  issues: ErrorDetail[],
  status: HttpStatus.BAD_REQUEST | HttpStatus.UNPROCESSABLE_ENTITY,
): void {
  if (issues.length === 0) return;
  if (status === HttpStatus.BAD_REQUEST) throw ApiException.validation(issues);
  const fields = [...new Set(issues.map((d) => d.field))].join(', ');
  throw new ApiException(
    status,
    ErrorCode.BusinessRule,
    `不符合业务规则：${fields}`,
    `Business rule violated: ${fields}`,
    issues,
  );
}

export function planClosed(): ApiException {
  return ApiException.field(
    'status',
    'planClosed',
    '该计划已关闭，不能再修改',
    'The plan is closed and cannot be changed',
    422,
  );
}

/** A month route or field outside the plan's year (400 naming `month`). */
export function monthOutsidePlanYear(year: number): ApiException {
  return ApiException.field(
    'month',
    'outsidePlanYear',
    `月份必须在计划年度 ${year} 年内`,
    `month must be in the plan's year ${year}`,
  );
}

/** A month of the plan's year, else 400 naming `month` (outsidePlanYear). PlansService.requirePlanMonth runs it. */
export function assertMonthInPlanYear(plan: { year: number }, month: string): void {
  if (parseMonth(month).year !== plan.year) throw monthOutsidePlanYear(plan.year);
}
