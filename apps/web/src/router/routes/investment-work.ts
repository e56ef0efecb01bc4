import { Calendar, Promotion } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 招商工作 (issue 17): one menu group for 线索, 客商库, 招商活动 and 产业链; each part adds its pages to `children`.
export const activitiesRoutes: RouteRecordRaw[] = [
  {
    path: 'activities',
    name: 'activities',
    component: () => import('@/views/activities/index.vue'),
    meta: {
      titleKey: 'menu.activities',
      icon: markRaw(Calendar),
      menuOrder: 30,
      permission: Permission.ProjectsRead,
    },
  },
];

export const investmentWorkRoutes: RouteRecordRaw[] = [
  {
    path: '/work',
    name: 'work',
    redirect: '/work/activities',
    meta: { titleKey: 'menu.work', icon: markRaw(Promotion), menuOrder: 65 },
    children: [...activitiesRoutes],
  },
];
