import { Finished } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 月度关账与通报: in the menu of who closes months (the office); every reader of the figures may open it read-only,
// to see which months are frozen and download the 通报 (a reporter: published versions only, as the API answers).
export const monthsRoutes: RouteRecordRaw[] = [
  {
    path: '/months',
    name: 'months',
    component: () => import('@/views/months/index.vue'),
    meta: {
      titleKey: 'months.title',
      icon: markRaw(Finished),
      menuOrder: 45,
      permission: Permission.ProgressRead,
      menuPermission: Permission.MonthsClose,
    },
  },
];
