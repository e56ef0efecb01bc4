import { Aim } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

export const targetsRoutes: RouteRecordRaw[] = [
  {
    path: '/targets',
    name: 'targets',
    component: () => import('@/views/targets/index.vue'),
    meta: {
      titleKey: 'menu.targets',
      icon: markRaw(Aim),
      menuOrder: 50,
      permission: Permission.TargetsRead,
      // Reporters read their own targets inside 月度填报; the county-wide decomposition is for admin and leaders.
      roles: ['admin', 'leader'],
    },
  },
];
