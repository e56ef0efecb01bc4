import { Monitor } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 大屏 for the leaders' meeting room; a placeholder inside the layout until screen-layout.vue exists.
export const screenRoutes: RouteRecordRaw[] = [
  {
    path: '/screen',
    name: 'screen',
    component: () => import('@/views/coming-soon/index.vue'),
    meta: {
      titleKey: 'menu.screen',
      icon: markRaw(Monitor),
      menuOrder: 25,
      permission: Permission.ProgressRead,
      roles: ['admin', 'leader'],
    },
  },
];
