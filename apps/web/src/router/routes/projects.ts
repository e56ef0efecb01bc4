import { Files } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

export const projectsRoutes: RouteRecordRaw[] = [
  {
    path: '/projects',
    name: 'projects',
    component: () => import('@/views/projects/index.vue'),
    meta: {
      titleKey: 'menu.projects',
      icon: markRaw(Files),
      menuOrder: 60,
      permission: Permission.ProjectsRead,
    },
  },
];
