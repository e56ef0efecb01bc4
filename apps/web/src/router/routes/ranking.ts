import { Trophy } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

export const rankingRoutes: RouteRecordRaw[] = [
  {
    path: '/ranking',
    name: 'ranking',
    component: () => import('@/views/ranking/index.vue'),
    meta: {
      titleKey: 'menu.ranking',
      icon: markRaw(Trophy),
      menuOrder: 20,
      permission: Permission.ProgressRead,
    },
  },
  {
    // Opened from the dashboard, the ranking and the matrix; not a menu entry (no icon).
    path: '/units/:unitId(\\d+)',
    name: 'unit-detail',
    component: () => import('@/views/unit/index.vue'),
    meta: { titleKey: 'unit.title', permission: Permission.ProgressRead },
  },
];
