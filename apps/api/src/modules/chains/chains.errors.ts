import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Errors the chains module answers beyond the generic validation.

const UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;

export const chainNotFound = () => ApiException.notFound('产业链', 'Industry chain');

export const chainVersionConflict = () => ApiException.versionConflict();

/** Two live chains never share a name (the ledger's industry_chain text names one chain). */
export const chainNameTaken = (name: string) =>
  new ApiException(HttpStatus.CONFLICT, ErrorCode.Conflict, `产业链"${name}"已存在`, `Chain "${name}" already exists`, [
    { field: 'name', code: 'taken', message: '产业链名称已存在', messageEn: 'the chain name is taken' },
  ]);

export const chainRemoved = () =>
  ApiException.field('removeReason', 'removed', '该产业链已移除，不能再修改', 'The chain is removed and cannot be changed', UNPROCESSABLE);

export const unknownUnit = (field: 'leadUnitId' | 'taskForceUnitId') =>
  ApiException.field(field, 'unknown', '单位不存在或已停用', 'Unknown or inactive unit', UNPROCESSABLE);

/** A link id in the list that is not one of this chain's links. */
export const unknownLink = (index: number) =>
  ApiException.field(`links.${index}.id`, 'unknown', '该环节不属于本产业链', 'Not a link of this chain', UNPROCESSABLE);

export const duplicateLinkName = (index: number, name: string) =>
  ApiException.field(
    `links.${index}.name`,
    'duplicate',
    `环节名称"${name}"重复`,
    `Link name "${name}" is listed twice`,
    UNPROCESSABLE,
  );

export const duplicateLinkId = (index: number) =>
  ApiException.field(`links.${index}.id`, 'duplicate', '同一环节列出两次', 'A link is listed twice', UNPROCESSABLE);

export const duplicateTarget = (index: number, targetIndex: number, name: string) =>
  ApiException.field(
    `links.${index}.targets.${targetIndex}.name`,
    'duplicate',
    `目标企业"${name}"在本环节重复`,
    `Target company "${name}" is listed twice on the link`,
    UNPROCESSABLE,
  );

/** A link left out of the list while projects or leads are on it. */
export const linkInUse = (name: string, projects: number, leads: number) =>
  ApiException.field(
    'links',
    'linkInUse',
    `环节"${name}"上还有 ${projects} 个项目、${leads} 条线索，请先改挂到其他环节再删除`,
    `Link "${name}" still has ${projects} projects and ${leads} leads: move them to another link first`,
    UNPROCESSABLE,
  );

/** A chain removed while projects, leads or activities are on it. */
export const chainInUse = (projects: number, leads: number, activities: number) =>
  ApiException.field(
    'removeReason',
    'chainInUse',
    `该产业链上还有 ${projects} 个项目、${leads} 条线索、${activities} 场活动，不能移除`,
    `The chain still has ${projects} projects, ${leads} leads and ${activities} activities: it cannot be removed`,
    UNPROCESSABLE,
  );

/** A project's link that is not a live link, or not of the chain its industry_chain names. */
export const projectLinkInvalid = (chainName: string | null) =>
  ApiException.field(
    'chainLinkId',
    chainName === null ? 'unknown' : 'otherChain',
    chainName === null ? '产业链环节不存在' : `所选环节不属于"${chainName}"产业链`,
    chainName === null ? 'Unknown chain link' : `The link is not a link of chain "${chainName}"`,
    UNPROCESSABLE,
  );
