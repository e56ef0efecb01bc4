import { describe, expect, it } from 'vitest';
import type { RouteMeta } from 'vue-router';

import { ROLE_PERMISSIONS, type Role } from '@pacer/shared';

import {
  afterLoginLocation,
  canSeeInMenu,
  decideNavigation,
  homePath,
  type GuardUser,
  type NavigationTarget,
  safeRedirect,
} from './guards';
import { buildMenu, layoutRoutes, menuPages } from './index';

function userWith(roles: Role[], mustChangePassword = false): GuardUser {
  return { roles, permissions: [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))], mustChangePassword };
}

function target(
  fullPath: string,
  meta: RouteMeta = {},
  extra: Partial<NavigationTarget> = {},
): NavigationTarget {
  const [path, search = ''] = fullPath.split('?');
  return {
    name: extra.name ?? null,
    path: path!,
    fullPath,
    query: Object.fromEntries(new URLSearchParams(search)),
    meta,
    ...extra,
  };
}

const unitsMeta: RouteMeta = { permission: 'units.read', menuPermission: 'units.write' };
const auditMeta: RouteMeta = { permission: 'audit.read' };
const targetsMeta: RouteMeta = { permission: 'targets.read', roles: ['admin', 'leader'] };

describe('decideNavigation', () => {
  it('should send an anonymous visitor to the login page with the page as redirect', () => {
    expect(decideNavigation(target('/admin/units?tab=1', unitsMeta), null)).toEqual({
      kind: 'redirect',
      location: { path: '/login', query: { redirect: '/admin/units?tab=1' } },
    });
  });

  it('should not carry the default landing page as a redirect', () => {
    const decision = decideNavigation(target('/dashboard', {}, { redirectedFrom: '/' }), null);
    expect(decision).toEqual({ kind: 'redirect', location: { path: '/login' } });
  });

  it('should let anyone open public pages', () => {
    expect(decideNavigation(target('/nowhere', { isPublic: true }), null)).toEqual({ kind: 'allow' });
    expect(decideNavigation(target('/login', { isPublic: true }, { name: 'login' }), null)).toEqual({
      kind: 'allow',
    });
  });

  it('should send a signed-in user away from the login page to the redirect or home', () => {
    const login = (q: string) => target(`/login${q}`, { isPublic: true }, { name: 'login' });
    expect(decideNavigation(login('?redirect=/projects'), userWith(['reporter']))).toEqual({
      kind: 'redirect',
      location: { path: '/projects' },
    });
    expect(decideNavigation(login(''), userWith(['sysadmin']))).toEqual({
      kind: 'redirect',
      location: { path: '/admin/units' },
    });
  });

  it('should hold a user who must change the password on the password page', () => {
    const user = userWith(['admin'], true);
    expect(decideNavigation(target('/targets', targetsMeta), user)).toEqual({
      kind: 'redirect',
      location: { path: '/password', query: { redirect: '/targets' } },
    });
    expect(decideNavigation(target('/password', {}, { name: 'password' }), user)).toEqual({ kind: 'allow' });
  });

  it('should hold an administrator who must enrol MFA on the enrolment page, after the password change (AUTH-4)', () => {
    const user: GuardUser = { ...userWith(['admin']), mustEnrollMfa: true };
    expect(decideNavigation(target('/targets', targetsMeta), user)).toEqual({
      kind: 'redirect',
      location: { path: '/mfa-setup', query: { redirect: '/targets' } },
    });
    expect(decideNavigation(target('/mfa-setup', {}, { name: 'mfa-setup' }), user)).toEqual({
      kind: 'allow',
    });
    expect(afterLoginLocation(user, '/targets')).toEqual({
      path: '/mfa-setup',
      query: { redirect: '/targets' },
    });
    // the password comes first
    expect(afterLoginLocation({ ...user, mustChangePassword: true }, null)).toEqual({ path: '/password' });
    // once enrolled, the forced page has nothing to do
    expect(decideNavigation(target('/mfa-setup', {}, { name: 'mfa-setup' }), userWith(['admin']))).toEqual({
      kind: 'redirect',
      location: { path: '/dashboard' },
    });
  });

  it('should forbid a page whose permission the user lacks', () => {
    expect(decideNavigation(target('/audit', auditMeta), userWith(['sysadmin']))).toEqual({
      kind: 'forbidden',
    });
    expect(decideNavigation(target('/audit', auditMeta), userWith(['auditor']))).toEqual({ kind: 'allow' });
  });

  it('should forbid a page reserved to other roles even with the permission', () => {
    expect(decideNavigation(target('/targets', targetsMeta), userWith(['reporter']))).toEqual({
      kind: 'forbidden',
    });
    expect(decideNavigation(target('/targets', targetsMeta), userWith(['leader']))).toEqual({
      kind: 'allow',
    });
  });

  it('should let read-permission holders open an editor screen they do not see in the menu', () => {
    expect(decideNavigation(target('/admin/units', unitsMeta), userWith(['admin']))).toEqual({
      kind: 'allow',
    });
  });

  it('should land a role without a dashboard on its own home instead of a 403', () => {
    const dashboard = target('/dashboard', { permission: 'progress.read' }, { redirectedFrom: '/' });
    expect(decideNavigation(dashboard, userWith(['auditor']))).toEqual({
      kind: 'redirect',
      location: { path: '/audit' },
    });
    expect(decideNavigation({ ...dashboard, redirectedFrom: null }, userWith(['auditor']))).toEqual({
      kind: 'forbidden',
    });
  });
});

describe('menu per role', () => {
  const menuOf = (roles: Role[]) => {
    const user = userWith(roles);
    return menuPages(buildMenu(layoutRoutes, (meta) => canSeeInMenu(meta, user))).map((item) => item.path);
  };

  it('should show each role its screens', () => {
    expect(menuOf(['admin'])).toEqual([
      '/dashboard',
      '/ranking',
      '/screen',
      '/reports',
      '/approvals',
      '/months',
      '/scoring-entries',
      '/targets',
      '/projects',
      '/verifications',
      '/leads',
      '/investors',
      '/work/activities',
      '/investment/chains',
    ]);
    expect(menuOf(['reporter'])).toEqual([
      '/dashboard',
      '/ranking',
      '/reports',
      '/months',
      '/projects',
      '/leads',
      '/investors',
      '/work/activities',
      '/investment/chains',
    ]);
    expect(menuOf(['leader'])).toEqual([
      '/dashboard',
      '/ranking',
      '/screen',
      '/months',
      '/targets',
      '/projects',
      '/leads',
      '/investors',
      '/work/activities',
      '/investment/chains',
    ]);
    expect(menuOf(['sysadmin'])).toEqual([
      '/admin/units',
      '/admin/users',
      '/admin/service-accounts',
      '/admin/notification-channels',
    ]);
    expect(menuOf(['auditor'])).toEqual(['/audit']);
  });

  it('should group the system screens under 系统管理', () => {
    const user = userWith(['sysadmin']);
    const menu = buildMenu(layoutRoutes, (meta) => canSeeInMenu(meta, user));
    expect(menu).toHaveLength(1);
    expect(menu[0]).toMatchObject({ path: '/admin', titleKey: 'menu.admin' });
    expect(menu[0]!.children!.map((c) => c.titleKey)).toEqual([
      'menu.units',
      'menu.users',
      'menu.serviceAccounts',
      'menu.notificationChannels',
    ]);
  });
});

describe('homePath', () => {
  it('should be the dashboard when the user has one, else the first menu entry', () => {
    expect(homePath(userWith(['reporter']))).toBe('/dashboard');
    expect(homePath(userWith(['sysadmin', 'admin']))).toBe('/dashboard');
    expect(homePath(userWith(['sysadmin']))).toBe('/admin/units');
    expect(homePath(userWith(['auditor']))).toBe('/audit');
  });
});

describe('safeRedirect and afterLoginLocation', () => {
  it('should follow only in-app paths', () => {
    expect(safeRedirect('/projects?stage=signed')).toBe('/projects?stage=signed');
    expect(safeRedirect('//evil.example/x')).toBeNull();
    expect(safeRedirect('/\\evil.example')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect('/login?redirect=/x')).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
    expect(safeRedirect(['/ranking'])).toBe('/ranking');
  });

  it('should go to the password page first when the password must change, keeping the redirect', () => {
    expect(afterLoginLocation(userWith(['admin'], true), '/targets')).toEqual({
      path: '/password',
      query: { redirect: '/targets' },
    });
    expect(afterLoginLocation(userWith(['admin']), '/targets')).toEqual({ path: '/targets' });
    expect(afterLoginLocation(userWith(['auditor']), undefined)).toEqual({ path: '/audit' });
  });
});
