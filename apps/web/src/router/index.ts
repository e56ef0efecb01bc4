import type { Component } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import type { RouteMeta, RouteRecordRaw, Router, RouterHistory } from 'vue-router';

import type { Permission, Role } from '@pacer/shared';

import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { forbiddenRoute, loginRoutes, notFoundRoute } from './routes/core';
import { investmentWorkRoutes } from './routes/investment-work';
import { dashboardRoutes } from './routes/dashboard';
import { monthsRoutes } from './routes/months';
import { projectsRoutes } from './routes/projects';
import { rankingRoutes } from './routes/ranking';
import { reportsRoutes } from './routes/reports';
import { scoringEntriesRoutes } from './routes/scoring-entries';
import { screenRoutes } from './routes/screen';
import { targetsRoutes } from './routes/targets';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page name (menu entry, document title). */
    titleKey?: string;
    /** Routes with an icon appear in the side menu. */
    icon?: Component;
    /** Position in the side menu, ascending. */
    menuOrder?: number;
    /** Reachable without signing in. */
    isPublic?: boolean;
    /** Needed to open the page (the API checks it again on every call). */
    permission?: Permission;
    /** Needed to see the page in the menu, when stronger than `permission` (the editors' screens). */
    menuPermission?: Permission;
    /** Only these roles (any of them) open and see the page, where no permission tells them apart. */
    roles?: readonly Role[];
  }
}

/** Pages of the side menu, in the basic layout (side menu + header) except the full-screen ones. */
export const layoutRoutes: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...rankingRoutes,
  ...screenRoutes,
  ...reportsRoutes,
  ...monthsRoutes,
  ...scoringEntriesRoutes,
  ...targetsRoutes,
  ...projectsRoutes,
  ...investmentWorkRoutes,
  ...adminRoutes,
  ...accountRoutes,
  forbiddenRoute,
];

const fullScreenRoutes: readonly RouteRecordRaw[] = screenRoutes;

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/basic-layout.vue'),
    redirect: '/dashboard',
    children: layoutRoutes.filter((r) => !fullScreenRoutes.includes(r)),
  },
  // Full screen (大屏): in the menu, outside the basic layout.
  ...fullScreenRoutes,
  ...loginRoutes,
  notFoundRoute,
];

export interface MenuItem {
  path: string;
  titleKey: string;
  icon: Component;
  /** A group (sub-menu) has children and no page of its own. */
  children?: MenuItem[];
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`;
}

/**
 * The side menu, in `menuOrder`, built from route meta so a new screen is one route entry.
 * `isVisible` hides what the user may not see; a group with nothing visible left is dropped.
 */
export function buildMenu(
  records: readonly RouteRecordRaw[] = layoutRoutes,
  isVisible: (meta: RouteMeta) => boolean = () => true,
  parentPath = '',
): MenuItem[] {
  const items: MenuItem[] = [];
  const sorted = records
    .filter((r) => r.meta?.icon && r.meta.titleKey)
    .sort((a, b) => (a.meta?.menuOrder ?? 0) - (b.meta?.menuOrder ?? 0));
  for (const record of sorted) {
    const meta = record.meta!;
    if (!isVisible(meta)) continue;
    const path = joinPath(parentPath, record.path);
    const item: MenuItem = { path, titleKey: meta.titleKey!, icon: meta.icon! };
    if (record.children?.length) {
      const children = buildMenu(record.children, isVisible, path);
      if (children.length === 0) continue;
      item.children = children;
    }
    items.push(item);
  }
  return items;
}

/** The menu's entries with a page, groups flattened away. */
export function menuPages(menu: readonly MenuItem[]): MenuItem[] {
  return menu.flatMap((item) => (item.children ? menuPages(item.children) : [item]));
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  return createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}
