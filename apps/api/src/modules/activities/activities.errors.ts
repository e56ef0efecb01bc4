import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the activities module answers beyond the generic validation, not-found and version conflict.

const UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;

/** A reporter organises activities only for their own units. */
export const activityUnitOutOfScope = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '只能登记本单位组织的活动',
    'Only your own units may organise',
    [
      {
        field: 'unitId',
        code: 'outOfScope',
        message: '组织单位不在您的管辖范围内',
        messageEn: 'unit outside your scope',
      },
    ],
  );

/** A unit taking part reads the activity; only the organising unit (or the office) edits or removes it. */
export const activityNotOrganiser = () =>
  new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    '参与单位只能查看活动，修改或删除请联系组织单位',
    'A unit taking part reads the activity; the organising unit edits it',
  );

export const activityEndBeforeStart = () =>
  ApiException.field(
    'endDate',
    'beforeStart',
    '结束日期不能早于开始日期',
    'endDate is before startDate',
    UNPROCESSABLE,
  );

export const activityInFuture = () =>
  ApiException.field(
    'startDate',
    'future',
    '活动开始日期不能晚于今天',
    'startDate cannot be in the future',
    UNPROCESSABLE,
  );

export const unknownUnit = (field: string) =>
  ApiException.field(field, 'unknownUnit', '单位不存在', 'Unknown unit', UNPROCESSABLE);

export const inactiveUnit = (field: string) =>
  ApiException.field(field, 'inactiveUnit', '单位已停用', 'The unit is inactive', UNPROCESSABLE);

export const organiserAmongParticipants = (field: string) =>
  ApiException.field(
    field,
    'organiserListed',
    '组织单位不必列入参与单位',
    'The organising unit is not listed among the units taking part',
    UNPROCESSABLE,
  );

export const repeatedEntry = (field: string) =>
  ApiException.field(field, 'duplicate', '重复填写', 'Listed twice', UNPROCESSABLE);

/** A company names either an existing investor or a name, never both or neither. */
export const companyNeedsOneOf = (field: string) =>
  ApiException.field(
    field,
    'investorOrName',
    '请选择客商库中的企业或填写企业名称（二选一）',
    'Give investorId or name, not both',
  );

export const unknownInvestor = (field: string) =>
  ApiException.field(field, 'unknownInvestor', '客商库中没有该企业', 'Unknown investor', UNPROCESSABLE);

/** A lead that does not exist or that the caller may not see: one answer, so nothing leaks. */
export const leadNotVisible = (field: string) =>
  ApiException.field(
    field,
    'unknownLead',
    '线索不存在或不在您的管辖范围内',
    'No such lead in your scope',
    UNPROCESSABLE,
  );

export const unknownChain = () =>
  ApiException.field('chainId', 'unknownChain', '产业链不存在', 'Unknown industry chain', UNPROCESSABLE);
