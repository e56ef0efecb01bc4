import type { Role } from './role.js';

/**
 * Function-level permissions (AC-1, AC-4). Every non-public route names one; roles grant them here, in one place.
 * Object-level scoping (a reporter's own units) is applied on top, in the SQL of each query (AC-2).
 */
export const Permission = {
  /** Every signed-in user: own profile, own password, own notifications. */
  Self: 'self',
  UnitsRead: 'units.read',
  UnitsWrite: 'units.write',
  UsersRead: 'users.read',
  UsersWrite: 'users.write',
  PlansRead: 'plans.read',
  PlansWrite: 'plans.write',
  TargetsRead: 'targets.read',
  TargetsWrite: 'targets.write',
  ProjectsRead: 'projects.read',
  ProjectsWrite: 'projects.write',
  ReportsRead: 'reports.read',
  ReportsWrite: 'reports.write',
  ReportsSubmit: 'reports.submit',
  ReportsReview: 'reports.review',
  ReportsUnlock: 'reports.unlock',
  ProgressRead: 'progress.read',
  MonthsClose: 'months.close',
  AuditRead: 'audit.read',
  NotificationsRead: 'notifications.read',
  /** Service accounts (API keys for machine clients): list, create, revoke — the system administrator's alone. */
  ServiceAccountsManage: 'service_accounts.manage',
  /** 企业微信/钉钉/webhook notification channels (their secrets are system configuration): the system administrator's alone. */
  NotificationChannelsManage: 'notification_channels.manage',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
const READ_BUSINESS: Permission[] = [P.Self, P.UnitsRead, P.PlansRead, P.TargetsRead, P.ProjectsRead, P.ReportsRead, P.ProgressRead];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    ...READ_BUSINESS,
    P.PlansWrite,
    P.TargetsWrite,
    P.ProjectsWrite,
    P.ReportsWrite,
    // a clerk types in and submits a paper report for a unit without its own reporter
    P.ReportsSubmit,
    P.ReportsReview,
    P.ReportsUnlock,
    P.MonthsClose,
    P.NotificationsRead,
    P.UsersRead,
  ],
  reporter: [...READ_BUSINESS, P.ProjectsWrite, P.ReportsWrite, P.ReportsSubmit, P.NotificationsRead],
  leader: [...READ_BUSINESS, P.NotificationsRead],
  // 三员分立: the system administrator manages accounts and the unit tree, and reads no business figures
  sysadmin: [P.Self, P.UnitsRead, P.UnitsWrite, P.UsersRead, P.UsersWrite, P.PlansRead, P.NotificationsRead, P.ServiceAccountsManage,
    P.NotificationChannelsManage],
  auditor: [P.Self, P.AuditRead, P.UnitsRead, P.UsersRead],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

/**
 * What a service account (a machine client's API key) may be granted: the business reads and the figures a reporter
 * enters and submits, never `self` (no password, no MFA, no profile), notifications, nor any administrator's power
 * (users, units, plans, targets, approvals, unlocks, month close, audit, service accounts).
 */
export const SERVICE_ACCOUNT_PERMISSIONS: readonly Permission[] = [
  P.UnitsRead,
  P.PlansRead,
  P.TargetsRead,
  P.ProjectsRead,
  P.ReportsRead,
  P.ProgressRead,
  P.ProjectsWrite,
  P.ReportsWrite,
  P.ReportsSubmit,
];
