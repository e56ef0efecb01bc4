import { ROLES, type Role } from '@pacer/shared';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role's label ('管理员（招商局）'); an unknown code is shown as it is. */
export function roleLabel(role: string, t: (key: string) => string): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}

/** Several roles as one line: '系统管理员、管理员（招商局）'. */
export function roleLabels(roles: readonly string[], t: (key: string) => string, separator = '、'): string {
  return roles.map((role) => roleLabel(role, t)).join(separator);
}
