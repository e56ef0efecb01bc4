import { Connection, OfficeBuilding } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 招商工作 (issue 17): 线索 and 客商库 — their menu entries join the group of routes/investment-work.ts; their detail
// pages stand alone.
export const leadsMenuRoutes: RouteRecordRaw[] = [
  {
    path: '/leads',
    name: 'leads',
    component: () => import('@/views/leads/index.vue'),
    meta: { titleKey: 'menu.leads', icon: markRaw(Connection), menuOrder: 10, permission: Permission.ProjectsRead },
  },
  {
    path: '/investors',
    name: 'investors',
    component: () => import('@/views/investors/index.vue'),
    meta: { titleKey: 'menu.investors', icon: markRaw(OfficeBuilding), menuOrder: 20, permission: Permission.ProjectsRead },
  },
];

export const leadsRoutes: RouteRecordRaw[] = [
  {
    path: '/leads/:id(\\d+)',
    name: 'lead',
    component: () => import('@/views/leads/detail.vue'),
    meta: { titleKey: 'leads.detailTitle', permission: Permission.ProjectsRead },
  },
  {
    path: '/investors/:id(\\d+)',
    name: 'investor',
    component: () => import('@/views/investors/detail.vue'),
    meta: { titleKey: 'investors.detailTitle', permission: Permission.ProjectsRead },
  },
];
