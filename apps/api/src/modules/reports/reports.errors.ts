import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type ReportStatus } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every domain error the reports module answers (filling, the workflow, reminders): code and both messages, here once.

const STATUS_ZH: Readonly<Record<ReportStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  returned: '已退回',
};

export const reportNotFound = () => ApiException.notFound('月报', 'Report');

/** A report is filled only in a plan that is not closed. */
export const planClosed = () =>
  new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.PlanClosed,
    '计划已结束，不能再填报',
    'The plan is closed',
  );

/** Saving the values of a report that is submitted or approved. */
export function reportNotEditable(status: ReportStatus): ApiException {
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ReportNotEditable,
    status === 'approved' ? '月报已审核通过并锁定，需管理员解锁后才能修改' : '月报已提交，等待审核，不能修改',
    status === 'approved'
      ? 'The report is approved and locked; an admin must unlock it first'
      : 'The report is submitted and awaits review',
  );
}

/** A workflow step the report's status does not allow (submitting an approved report: it is locked). */
export function reportWrongStatus(action: string, status: ReportStatus): ApiException {
  if (action === 'submit' && status === 'approved') {
    return new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ErrorCode.ReportNotEditable,
      '月报已审核通过并锁定',
      'The report is approved and locked',
    );
  }
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ReportWrongStatus,
    `月报当前状态为“${STATUS_ZH[status]}”，不能执行此操作`,
    `A ${status} report cannot be sent to ${action}`,
  );
}

/** Submitting with reported indicators that have no value for the month: one detail each. */
export function reportIncomplete(
  missing: ReadonlyArray<{ id: number; code: string; name: string }>,
): ApiException {
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ReportIncomplete,
    `以下指标尚未填写本月数值：${missing.map((i) => `${i.code} ${i.name}`).join('、')}`,
    `These indicators have no value for the month: ${missing.map((i) => i.code).join(', ')}`,
    missing.map((i) => ({
      field: 'values',
      code: 'missingValue',
      message: `缺少指标 ${i.code}（${i.name}）的本月数值`,
      messageEn: `no value for indicator ${i.code} (#${i.id})`,
    })),
  );
}

/** The plan requires four-eyes approval and the caller last submitted the report. */
export function fourEyesRequired(): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.FourEyesRequired,
    '提交人不能审核本人提交的月报，请由其他审核人审核（本计划启用了四眼原则）',
    'Whoever submitted a report cannot approve it: another reviewer must (the plan requires four-eyes approval)',
  );
}

/** Units are reminded to report only in a published plan. */
export function planNotPublished(status: string): ApiException {
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.PlanNotPublished,
    status === 'draft' ? '计划尚未发布，不能催报' : '计划已结束，不能催报',
    status === 'draft' ? 'The plan is not published yet' : 'The plan is closed',
  );
}
