import { Monitor } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 大屏 for the leaders' meeting room: a menu entry like the others, but drawn full screen in its own dark layout
// (the view wraps itself in layouts/screen-layout.vue), outside the basic layout's menu and header.
export const screenRoutes: RouteRecordRaw[] = [
  {
    path: '/screen',
    name: 'screen',
    component: () => import('@/views/screen/index.vue'),
    meta: {
      titleKey: 'menu.screen',
      icon: markRaw(Monitor),
      menuOrder: 25,
      permission: Permission.ProgressRead,
      roles: ['admin', 'leader'],
    },
  },
];
