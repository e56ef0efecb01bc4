import { Tickets } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 加减分记录: anyone who reads the ranking may read the entries behind it (the API lists them under progress.read);
// the menu entry is for those who record them (plans.write, as the API's POST and DELETE ask).
export const scoringEntriesRoutes: RouteRecordRaw[] = [
  {
    path: '/scoring-entries',
    name: 'scoring-entries',
    component: () => import('@/views/scoring-entries/index.vue'),
    meta: {
      titleKey: 'scoringEntries.menu',
      icon: markRaw(Tickets),
      menuOrder: 46,
      permission: Permission.ProgressRead,
      menuPermission: Permission.PlansWrite,
    },
  },
];
