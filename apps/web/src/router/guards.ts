import { watch } from 'vue';
import type { LocationQuery, RouteLocationNormalized, RouteMeta, RouteRecordName, Router } from 'vue-router';

import type { CurrentUser, Permission } from '@pacer/shared';

import type { AuthStore } from '@/stores/auth';

import { buildMenu, layoutRoutes, menuPages } from './index';

/** Who the guard decides for: the user's roles and permissions (the API enforces the same on every call). */
export type GuardUser = Pick<CurrentUser, 'roles' | 'permissions' | 'mustChangePassword' | 'mustEnrollMfa'>;

/** What the guard needs from a route, so the decision is a pure function that tests call directly. */
export interface NavigationTarget {
  name?: RouteRecordName | null;
  path: string;
  fullPath: string;
  query: LocationQuery;
  meta: RouteMeta;
  /** Path of the route that redirected here, e.g. `/` for the default landing page. */
  redirectedFrom?: string | null;
}

export interface RedirectLocation {
  path: string;
  query?: Record<string, string>;
}

export type NavigationDecision =
  { kind: 'allow' } | { kind: 'redirect'; location: RedirectLocation } | { kind: 'forbidden' };

export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/password';
/** The forced two-step enrolment (PACER_MFA_REQUIRED): outside the layout, like the first-login password page. */
export const MFA_SETUP_PATH = '/mfa-setup';
export const FORBIDDEN_PATH = '/403';
const DEFAULT_HOME = '/dashboard';

function hasRole(meta: RouteMeta, user: GuardUser): boolean {
  return !meta.roles || meta.roles.some((role) => user.roles.includes(role));
}

function holds(user: GuardUser, permission: Permission | undefined): boolean {
  return !permission || user.permissions.includes(permission);
}

/** May the user open a page with this meta? */
export function canAccess(meta: RouteMeta, user: GuardUser): boolean {
  return hasRole(meta, user) && holds(user, meta.permission);
}

/** Does the page appear in the user's menu? */
export function canSeeInMenu(meta: RouteMeta, user: GuardUser): boolean {
  return hasRole(meta, user) && holds(user, meta.menuPermission ?? meta.permission);
}

/** The user's landing page: the dashboard, or the first menu entry they can see (a sysadmin has no dashboard). */
export function homePath(user: GuardUser): string {
  const pages = menuPages(buildMenu(layoutRoutes, (meta) => canSeeInMenu(meta, user)));
  if (pages.some((page) => page.path === DEFAULT_HOME)) return DEFAULT_HOME;
  return pages[0]?.path ?? DEFAULT_HOME;
}

/** A `redirect` query worth following: an in-app path, never another origin (`//evil`) or a loop back to login. */
export function safeRedirect(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) {
    return null;
  }
  const path = text.split(/[?#]/)[0]!;
  if (path === LOGIN_PATH || path === PASSWORD_PATH || path === MFA_SETUP_PATH) return null;
  return text;
}

function withRedirect(path: string, redirect: string | null): RedirectLocation {
  return redirect ? { path, query: { redirect } } : { path };
}

/** Where a signed-in user goes from the login page (or after the first-login password change). */
export function afterLoginLocation(user: GuardUser, redirect: unknown): RedirectLocation {
  const target = safeRedirect(redirect);
  if (user.mustChangePassword) return withRedirect(PASSWORD_PATH, target);
  if (user.mustEnrollMfa) return withRedirect(MFA_SETUP_PATH, target);
  return { path: target ?? homePath(user) };
}

/** The one decision the router guard and the session watcher take. */
export function decideNavigation(to: NavigationTarget, user: GuardUser | null): NavigationDecision {
  if (to.name === 'login') {
    return user
      ? { kind: 'redirect', location: afterLoginLocation(user, to.query.redirect) }
      : { kind: 'allow' };
  }
  if (to.meta.isPublic) return { kind: 'allow' };
  if (!user) {
    const isLanding = to.fullPath === '/' || to.redirectedFrom === '/';
    return { kind: 'redirect', location: withRedirect(LOGIN_PATH, isLanding ? null : to.fullPath) };
  }
  if (user.mustChangePassword) {
    if (to.name === 'password') return { kind: 'allow' };
    return { kind: 'redirect', location: withRedirect(PASSWORD_PATH, safeRedirect(to.fullPath)) };
  }
  if (user.mustEnrollMfa) {
    if (to.name === 'mfa-setup') return { kind: 'allow' };
    return { kind: 'redirect', location: withRedirect(MFA_SETUP_PATH, safeRedirect(to.fullPath)) };
  }
  // a finished enrolment has nothing left to do on the forced page
  if (to.name === 'mfa-setup') return { kind: 'redirect', location: { path: homePath(user) } };
  if (canAccess(to.meta, user)) return { kind: 'allow' };
  // The default landing page of a role without a dashboard is its own home, not a 403.
  if (to.redirectedFrom === '/') return { kind: 'redirect', location: { path: homePath(user) } };
  return { kind: 'forbidden' };
}

function targetOf(route: RouteLocationNormalized): NavigationTarget {
  return {
    name: route.name,
    path: route.path,
    fullPath: route.fullPath,
    query: route.query,
    meta: route.meta,
    redirectedFrom: route.redirectedFrom?.path ?? null,
  };
}

function forbiddenLocation(route: RouteLocationNormalized): RedirectLocation {
  return { path: FORBIDDEN_PATH, query: { from: route.fullPath } };
}

/**
 * Wires the decision into the router, and re-applies it to the page on screen whenever the session
 * changes under it (expired refresh, logout, a password reset by an admin, roles changed).
 */
export function installAuthGuards(router: Router, auth: AuthStore): void {
  router.beforeEach(async (to) => {
    // After a reload the stored user may be stale (roles and units change, AUTH-7): read it once per page load.
    if (auth.isAuthenticated && !auth.isUserLoaded) {
      await auth.loadCurrentUser().catch(() => undefined);
    }
    const decision = decideNavigation(targetOf(to), auth.user);
    if (decision.kind === 'redirect') return decision.location;
    if (decision.kind === 'forbidden') return forbiddenLocation(to);
    return true;
  });

  watch(
    () => [
      auth.user?.mustChangePassword,
      auth.user?.mustEnrollMfa,
      auth.user?.roles.join(),
      auth.user?.permissions.join(),
      auth.isAuthenticated,
    ],
    () => {
      const current = router.currentRoute.value;
      if (current.meta.isPublic) return;
      if (!auth.isAuthenticated && auth.endReason === 'logout') {
        void router.replace(LOGIN_PATH);
        return;
      }
      const decision = decideNavigation(targetOf(current), auth.user);
      if (decision.kind === 'redirect') void router.replace(decision.location);
      else if (decision.kind === 'forbidden') void router.replace(forbiddenLocation(current));
    },
  );
}
