import { HttpStatus } from '@nestjs/common';
import { ErrorCode, LEAD_STATUS_LABELS, type LeadStatus } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the leads module answers beyond the generic validation, not-found and version conflict.

const UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;

/** A reporter keeps leads of their own units only. */
export const leadUnitOutOfScope = () =>
  new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, '只能为本单位登记线索', 'Only your own units may hold a lead', [
    { field: 'unitId', code: 'outOfScope', message: '单位不在您的管辖范围内', messageEn: 'unit outside your scope' },
  ]);

/** The responsible person is neither a user of the unit nor given by name. */
export const ownerRequired = () =>
  ApiException.field('ownerName', 'required', '请填写负责人', 'Name the responsible person', UNPROCESSABLE);

export const ownerNotOfUnit = () =>
  ApiException.field(
    'ownerUserId',
    'notOfUnit',
    '负责人须为本单位的用户',
    'The responsible person must be a user of the unit',
    UNPROCESSABLE,
  );

export const notATaskForce = () =>
  ApiException.field('taskForceUnitId', 'notTaskForce', '专班须为工作专班类单位', 'A 专班 must be a task-force unit', UNPROCESSABLE);

export const unknownUnit = (field: string) =>
  ApiException.field(field, 'unknown', '单位不存在或已停用', 'Unknown or inactive unit', UNPROCESSABLE);

export const unknownChainLink = () =>
  ApiException.field('chainLinkId', 'unknown', '产业链环节不存在', 'Unknown chain link', UNPROCESSABLE);

export const unknownInvestor = () =>
  ApiException.field('investor.investorId', 'unknown', '客商不存在', 'Unknown company', UNPROCESSABLE);

export const futureDate = (field: string) =>
  ApiException.field(field, 'future', '日期不能晚于今天', 'The date cannot be after today', UNPROCESSABLE);

export const nextStepDueWithoutStep = () =>
  ApiException.field('nextStep', 'required', '填写了下一步日期，请填写下一步工作', 'A next step date needs the next step', UNPROCESSABLE);

export function wrongTransition(from: LeadStatus, to: LeadStatus): ApiException {
  return ApiException.field(
    'status',
    'transition',
    `线索不能从「${LEAD_STATUS_LABELS[from]}」改为「${LEAD_STATUS_LABELS[to]}」`,
    `A lead cannot go from ${from} to ${to}`,
    UNPROCESSABLE,
  );
}

export const reasonRequired = () =>
  ApiException.field('reason', 'required', '搁置或重新启用线索须填写原因', 'Shelving or taking up a lead needs a reason', UNPROCESSABLE);

export const projectRequired = () =>
  ApiException.field('projectId', 'required', '签约须关联本单位台账中的项目', 'Signing links a ledger project of the unit', UNPROCESSABLE);

export const projectNotOfUnit = () =>
  ApiException.field(
    'projectId',
    'notOfUnit',
    '关联项目须为本线索所属单位负责的台账项目',
    'The project must be a ledger project of the lead’s unit',
    UNPROCESSABLE,
  );

export const statusDateBeforeLast = () =>
  ApiException.field(
    'statusChangedOn',
    'beforeLast',
    '状态变更日期不能早于上一次变更',
    'A status change cannot be dated before the last one',
    UNPROCESSABLE,
  );

export const leadClosed = () =>
  ApiException.field('status', 'closed', '已签约的线索不能再修改状态', 'A signed lead keeps its status', UNPROCESSABLE);

export const followUpOnClosedLead = () =>
  ApiException.field(
    'leadId',
    'closed',
    '已签约或已搁置的线索不能添加跟进记录，请先重新启用',
    'A signed or shelved lead takes no follow-ups; take it up again first',
    UNPROCESSABLE,
  );
