import type { CreateServiceAccountRequest, Permission } from '@pacer/shared';
import { businessDate, Permission as P, SERVICE_ACCOUNT_PERMISSIONS } from '@pacer/shared';

export interface ServiceAccountForm {
  name: string;
  unitIds: number[];
  permissions: Permission[];
  expiresOn: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in Asia/Shanghai, `days` after `now`. */
export function businessDayAfter(now: Date, days: number): string {
  return businessDate(new Date(now.getTime() + days * DAY_MS));
}

/** A feed of monthly figures by default: read and fill in reports, half a year (the sysadmin may change both). */
export function createServiceAccountForm(now: Date, maxDays: number): ServiceAccountForm {
  return {
    name: '',
    unitIds: [],
    permissions: [P.ReportsRead, P.ReportsWrite, P.ReportsSubmit],
    expiresOn: businessDayAfter(now, Math.min(180, maxDays)),
  };
}

/** The expiry picker offers tomorrow to `maxDays` ahead, as the server accepts. */
export function isExpiryAllowed(day: string, now: Date, maxDays: number): boolean {
  return day > businessDate(now) && day <= businessDayAfter(now, maxDays);
}

export function toCreateRequest(form: ServiceAccountForm): CreateServiceAccountRequest {
  return {
    name: form.name.trim(),
    unitIds: [...form.unitIds],
    permissions: SERVICE_ACCOUNT_PERMISSIONS.filter((p) => form.permissions.includes(p)),
    expiresOn: form.expiresOn,
  };
}

/** The locale key of a permission's name: `reports.write` → `reports_write`. */
export function permissionKey(permission: Permission): string {
  return permission.replace(/\./g, '_');
}
