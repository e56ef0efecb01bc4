/** The five roles of DESIGN.md §1. A user may hold several. */
export const Role = {
  Admin: 'admin',
  Reporter: 'reporter',
  Leader: 'leader',
  Sysadmin: 'sysadmin',
  Auditor: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);
