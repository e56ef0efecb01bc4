import { Connection, Guide } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 招商工作 (issue 17): the menu group of the county's investment work — 产业链 here; 线索, 客商库 and 招商活动 join it as
// children of their own.
export const investmentWorkRoutes: RouteRecordRaw[] = [
  {
    path: '/investment',
    name: 'investment',
    redirect: '/investment/chains',
    meta: { titleKey: 'menu.investmentWork', icon: markRaw(Guide), menuOrder: 62 },
    children: [
      {
        path: 'chains',
        name: 'chains',
        component: () => import('@/views/chains/index.vue'),
        meta: {
          titleKey: 'menu.chains',
          icon: markRaw(Connection),
          menuOrder: 40,
          permission: Permission.ProjectsRead,
        },
      },
      {
        path: 'chains/:id(\\d+)',
        name: 'chain',
        component: () => import('@/views/chains/chain-page.vue'),
        meta: { titleKey: 'menu.chains', permission: Permission.ProjectsRead },
      },
    ],
  },
];
