import type { Permission, Role } from '@pacer/shared';

/**
 * Who is calling, loaded from the database on every request (so disabling a user or changing a role
 * takes effect at once, AUTH-7). Services receive it explicitly; nothing about it comes from the body.
 */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** Units the user is bound to. */
  unitIds: number[];
  /**
   * Units whose non-public data the user may read and write: null = every unit (admin, leader…);
   * for a reporter, the bound units and their descendants. Repositories put this in their SQL.
   */
  scopeUnitIds: number[] | null;
  mustChangePassword: boolean;
  tokenFamilyId: string | null;
  /** Set when the caller is a machine client authenticated by an API key (modules/service-accounts). */
  serviceAccountId?: number;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

/** What every service method that writes gets: the principal and where the request came from. */
export interface Actor extends RequestMeta {
  principal: Principal | null;
  /** A scheduled job's actor (no principal) is audited under this name: 'system'. */
  systemName?: string;
}

export function isScoped(principal: Principal): boolean {
  return principal.scopeUnitIds !== null;
}

/** The scope as a SQL parameter: null (no restriction) or the list of unit ids. */
export function scopeParam(principal: Principal | null): number[] | null {
  return principal?.scopeUnitIds ?? null;
}
