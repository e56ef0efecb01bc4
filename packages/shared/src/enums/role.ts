/** The five roles of DESIGN.md §1. A business user may hold several (leader + reporter); an administrator holds one. */
export const Role = {
  Admin: 'admin',
  Reporter: 'reporter',
  Leader: 'leader',
  Sysadmin: 'sysadmin',
  Auditor: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

/**
 * 三员分立 (SECURITY.md AC-6, 等保 2.0): the system administrator (accounts, units), the business administrator
 * (configuration, approvals) and the audit administrator (the audit log) are three separate people. An account that
 * holds one of these roles holds no other role at all: not another administrator role, and not leader or reporter
 * either (a leader reads everything and a reporter enters figures; an administrator account does neither). The
 * database refuses to store a violation (migration 1765410000000) and the API refuses it with ROLE_CONFLICT.
 */
export const ADMINISTRATOR_ROLES: readonly Role[] = [Role.Sysadmin, Role.Admin, Role.Auditor];
/** The roles that may be combined on one account. */
export const BUSINESS_ROLES: readonly Role[] = [Role.Leader, Role.Reporter];

export function isAdministratorRole(role: Role): boolean {
  return ADMINISTRATOR_ROLES.includes(role);
}

/**
 * Why a set of roles may not be held by one account, or null when it may:
 * `administrators` — two or more of sysadmin/admin/auditor; `administrator_with_business` — one of them plus
 * leader or reporter.
 */
export type RoleConflict = 'administrators' | 'administrator_with_business';

export function roleConflict(roles: readonly Role[]): RoleConflict | null {
  const administrators = roles.filter(isAdministratorRole);
  if (administrators.length > 1) return 'administrators';
  if (administrators.length === 1 && roles.some((r) => !isAdministratorRole(r))) return 'administrator_with_business';
  return null;
}
