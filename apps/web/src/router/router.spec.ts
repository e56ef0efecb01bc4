import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { buildMenu, createAppRouter } from './index';

// Navigation loads the lazy views; stand-ins keep this about routing, not about importing Element Plus.
vi.mock('@/layouts/basic-layout.vue', () => ({ default: { name: 'BasicLayoutStub', render: () => null } }));
vi.mock('@/views/dashboard/index.vue', () => ({ default: { name: 'DashboardStub', render: () => null } }));

describe('router', () => {
  it('should redirect / to the dashboard', async () => {
    const router = createAppRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.fullPath).toBe('/dashboard');
    expect(router.currentRoute.value.matched.map((r) => r.path)).toEqual(['/', '/dashboard']);
  });

  it('should build the side menu in order from route meta, with 系统管理 as a group', () => {
    const menu = buildMenu();
    expect(menu.map((item) => [item.path, item.titleKey])).toEqual([
      ['/dashboard', 'menu.dashboard'],
      ['/ranking', 'menu.ranking'],
      ['/screen', 'menu.screen'],
      ['/reports', 'menu.reports'],
      ['/approvals', 'menu.approvals'],
      ['/months', 'months.title'],
      ['/scoring-entries', 'scoringEntries.menu'],
      ['/targets', 'menu.targets'],
      ['/projects', 'menu.projects'],
      ['/verifications', 'verifications.menu'],
      ['/investment', 'menu.investmentWork'],
      ['/admin', 'menu.admin'],
      ['/audit', 'menu.audit'],
    ]);
    // 招商工作: one group for 线索, 客商库, 招商活动 and 产业链 (issue 17)
    expect(menu[10]!.children!.map((item) => [item.path, item.titleKey])).toEqual([
      ['/leads', 'menu.leads'],
      ['/investors', 'menu.investors'],
      ['/work/activities', 'menu.activities'],
      ['/investment/chains', 'menu.chains'],
    ]);
    expect(menu[11]!.children!.map((item) => [item.path, item.titleKey])).toEqual([
      ['/admin/units', 'menu.units'],
      ['/admin/users', 'menu.users'],
      ['/admin/service-accounts', 'menu.serviceAccounts'],
      ['/admin/notification-channels', 'menu.notificationChannels'],
    ]);
  });

  it('should drop a group whose entries are all hidden', () => {
    const menu = buildMenu(
      undefined,
      (meta) =>
        meta.permission !== 'units.read' &&
        meta.permission !== 'users.read' &&
        meta.permission !== 'service_accounts.manage' &&
        meta.permission !== 'notification_channels.manage',
    );
    expect(menu.map((item) => item.path)).not.toContain('/admin');
  });

  it('should keep /login outside the layout', () => {
    const router = createAppRouter(createMemoryHistory());
    const login = router.resolve('/login');
    expect(login.name).toBe('login');
    expect(login.matched).toHaveLength(1);
  });
});
