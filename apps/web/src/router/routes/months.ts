import { Finished } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 月度关账与通报: in every reader's menu — the 通报 is what leaders read and what every unit receives. The office
// closes months and writes the 通报 here; the others see which months are frozen and download it (a reporter:
// published versions only, as the API answers).
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
    },
  },
];
