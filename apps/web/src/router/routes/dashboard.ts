import { Odometer } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

export const dashboardRoutes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: {
      titleKey: 'menu.dashboard',
      icon: markRaw(Odometer),
      menuOrder: 10,
      permission: Permission.ProgressRead,
    },
  },
];
