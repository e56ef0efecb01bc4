import { Aim } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

export const targetsRoutes: RouteRecordRaw[] = [
  {
    path: '/targets',
    name: 'targets',
    component: () => import('@/views/coming-soon/index.vue'),
    meta: { titleKey: 'menu.targets', icon: markRaw(Aim), menuOrder: 50 },
  },
];
