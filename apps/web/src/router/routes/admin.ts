import { Setting } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('@/views/coming-soon/index.vue'),
    meta: { titleKey: 'menu.admin', icon: markRaw(Setting), menuOrder: 70 },
  },
];
