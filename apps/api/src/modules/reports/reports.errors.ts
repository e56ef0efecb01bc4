import { HttpStatus } from '@nestjs/common';
import {
  type ErrorDetail,
  ErrorCode,
  type ReportFlag,
  type ReportStatus,
  type ReportValue,
} from '@pacer/shared';

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

/** A unit that is not an active unit under the plan's root has no report in the plan. */
export const notReportingUnit = () =>
  ApiException.field(
    'unitId',
    'notReportingUnit',
    '该单位不是本计划的填报单位（须为计划根单位下属的在用单位；根单位仅在计划设置“本级数据”含县本级时填报）',
    "The unit does not report in this plan (it must be an active unit under the plan's root; the root reports only when the plan's ownFigures is root)",
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

/**
 * Figures that look implausible, saved without `confirmWarnings`: one detail per figure naming `values.N.value`;
 * the form asks the reporter to confirm, and the confirmed save flags the report for the reviewer.
 */
export function needsConfirmation(
  flags: ReportFlag[],
  values: ReportValue[],
  indicators: ReadonlyArray<{ id: number; code: string; name: string }>,
): ApiException {
  const names = new Map(indicators.map((i) => [i.id, i]));
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ReportNeedsConfirmation,
    '部分数值明显偏大，请核对；确认无误后再次保存，月报将标注提示供审核人核查',
    'Some figures look implausibly high: check them, then confirm to save (the report is flagged for the reviewer)',
    flags.map((f) => {
      const field = `values.${values.findIndex((v) => v.indicatorId === f.indicatorId)}.value`;
      const name = names.get(f.indicatorId)?.name ?? `#${f.indicatorId}`;
      return f.code === 'aboveAnnualTarget'
        ? {
            field,
            code: f.code,
            message: `${name}：本月数值 ${f.value} 超过全年目标 ${f.reference}`,
            messageEn: `${name}: the month's ${f.value} is above the annual target ${f.reference}`,
          }
        : {
            field,
            code: f.code,
            message: `${name}：本月数值 ${f.value} 远高于本单位以往月均 ${f.reference}`,
            messageEn: `${name}: the month's ${f.value} is far above the unit's average month ${f.reference}`,
          };
    }),
  );
}

/** Submitting without 工作进展 in a plan that requires it. */
export const progressTextRequired = () =>
  ApiException.field(
    'progressText',
    'required',
    '本计划要求填写工作进展后才能提交',
    'The plan requires the progress text before submission',
    HttpStatus.UNPROCESSABLE_ENTITY,
  );

/**
 * A batch approval stopped at `items.N`: nothing was approved. The answer keeps the refused report's own status and
 * code (409 version or four-eyes, 422 status, 404) and names the item and the unit.
 */
export function batchRefused(index: number, error: unknown, report: { unitName: string } | null): unknown {
  if (!(error instanceof ApiException)) return error;
  const who = report?.unitName ? `${report.unitName}的月报` : `第 ${index + 1} 份月报`;
  const whoEn = report?.unitName ? `the report of ${report.unitName}` : `report ${index + 1}`;
  return error.restated(
    `批量审核未执行（全部未通过）：${who}：${error.messageZh}`,
    `Nothing was approved: ${whoEn}: ${error.messageEn}`,
    [
      {
        field: `items.${index}`,
        code: error.details?.[0]?.code ?? error.code,
        message: `${who}：${error.messageZh}`,
        messageEn: `${whoEn}: ${error.messageEn}`,
      },
    ],
  );
}

/** A paper report is entered, submitted and approved in one call: the caller must hold all three rights. */
export const paperEntryForbidden = (): ApiException =>
  new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, '无权录入月报', 'Not allowed to enter reports');

/** A 累计 below the approved 累计 before the month (a correction) saved without its reason: one detail each (§10). */
export function correctionReasonRequired(details: ErrorDetail[]): ApiException {
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.BusinessRule,
    details.length === 1
      ? details[0]!.message
      : `${details.length}项累计数低于此前已审核的累计，请填写更正原因`,
    details.length === 1
      ? details[0]!.messageEn
      : `${details.length} year-to-date figures are below the approved ones: give the reasons of the corrections`,
    details,
  );
}
