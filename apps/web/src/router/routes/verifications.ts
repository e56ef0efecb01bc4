import { DocumentChecked } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 项目认定: the office's queue (who decides: reports.review, as the API's POST asks); a unit sees its own events'
// 认定 on the project page.
export const verificationsRoutes: RouteRecordRaw[] = [
  {
    path: '/verifications',
    name: 'verifications',
    component: () => import('@/views/verifications/index.vue'),
    meta: {
      titleKey: 'verifications.menu',
      icon: markRaw(DocumentChecked),
      menuOrder: 62,
      permission: Permission.ReportsReview,
    },
  },
];
