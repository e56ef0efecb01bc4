import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type RoleConflict } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

// Every error the users module answers beyond the generic not-found, validation and version conflict.

/** AC-6: what one may not change on one's own account, by the field refused. */
const SELF_CHANGE = {
  id: ['不能重置自己的密码，请使用“修改密码”', 'Use “change password” for your own account'],
  roles: ['不能修改自己的角色', 'You cannot change your own roles'],
  unitIds: ['不能修改自己绑定的单位', 'You cannot change your own units'],
  isActive: ['不能停用或启用自己的账号', 'You cannot disable or enable your own account'],
} as const satisfies Record<string, readonly [string, string]>;

export function selfChangeForbidden(field: keyof typeof SELF_CHANGE): ApiException {
  const [messageZh, messageEn] = SELF_CHANGE[field];
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.SelfChangeForbidden,
    messageZh,
    messageEn,
    [{ field, code: 'self', message: messageZh, messageEn }],
  );
}

/** AC-6 三员分立, by the conflict found. */
const ROLE_CONFLICT: Record<RoleConflict, readonly [string, string]> = {
  administrators: [
    '系统管理员、管理员、审计管理员三者不能由同一账号兼任（三员分立）',
    'sysadmin, admin and auditor cannot be held by one account',
  ],
  administrator_with_business: [
    '管理员类角色不能与领导、填报员角色兼任（三员分立）',
    'an administrator role cannot be combined with leader or reporter',
  ],
};

export function rolesNotSeparated(conflict: RoleConflict): ApiException {
  const [zh, en] = ROLE_CONFLICT[conflict];
  return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.RoleConflict, zh, en, [
    { field: 'roles', code: conflict, message: zh, messageEn: en },
  ]);
}
