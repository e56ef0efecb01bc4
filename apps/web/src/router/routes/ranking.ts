import { Trophy } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

export const rankingRoutes: RouteRecordRaw[] = [
  {
    path: '/ranking',
    name: 'ranking',
    component: () => import('@/views/coming-soon/index.vue'),
    meta: {
      titleKey: 'menu.ranking',
      icon: markRaw(Trophy),
      menuOrder: 20,
      permission: Permission.ProgressRead,
    },
  },
];
