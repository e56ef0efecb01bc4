import { EditPen, Stamp } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// Filling in and approving are the two ends of one monthly-report workflow, so they share this file.
export const reportsRoutes: RouteRecordRaw[] = [
  {
    path: '/reports',
    name: 'reports',
    component: () => import('@/views/reports/index.vue'),
    meta: {
      titleKey: 'menu.reports',
      icon: markRaw(EditPen),
      menuOrder: 30,
      permission: Permission.ReportsWrite,
    },
  },
  {
    path: '/approvals',
    name: 'approvals',
    component: () => import('@/views/approvals/index.vue'),
    meta: {
      titleKey: 'menu.approvals',
      icon: markRaw(Stamp),
      menuOrder: 40,
      permission: Permission.ReportsReview,
    },
  },
];
