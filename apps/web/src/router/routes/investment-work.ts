import { Calendar, Connection, Guide } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

import { leadsMenuRoutes } from './leads';

// 招商工作 (issue 17): one menu group for the county's investment work — 线索 and 客商库 (routes/leads.ts), 招商活动 and
// 产业链; each part's pages keep their own paths.
export const investmentWorkRoutes: RouteRecordRaw[] = [
  {
    path: '/investment',
    name: 'investment',
    redirect: '/leads',
    meta: { titleKey: 'menu.investmentWork', icon: markRaw(Guide), menuOrder: 62 },
    children: [
      ...leadsMenuRoutes,
      {
        // 招商活动 keeps its own path (/work/activities): links in notices and the phone's shortcut name it
        path: '/work/activities',
        name: 'activities',
        component: () => import('@/views/activities/index.vue'),
        meta: {
          titleKey: 'menu.activities',
          icon: markRaw(Calendar),
          menuOrder: 30,
          permission: Permission.ProjectsRead,
        },
      },
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
