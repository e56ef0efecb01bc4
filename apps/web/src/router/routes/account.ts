import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 账号安全: reached from the user menu, not the side menu (no icon), by every signed-in user.
export const accountRoutes: RouteRecordRaw[] = [
  {
    path: '/account/security',
    name: 'account-security',
    component: () => import('@/views/account-security/index.vue'),
    meta: { titleKey: 'mfa.pageTitle', permission: Permission.Self },
  },
];
