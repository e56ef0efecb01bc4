import type { Component } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import type { RouteRecordRaw, Router, RouterHistory } from 'vue-router';

import { adminRoutes } from './routes/admin';
import { loginRoutes, notFoundRoute } from './routes/core';
import { dashboardRoutes } from './routes/dashboard';
import { projectsRoutes } from './routes/projects';
import { rankingRoutes } from './routes/ranking';
import { reportsRoutes } from './routes/reports';
import { targetsRoutes } from './routes/targets';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page name (menu entry, document title). */
    titleKey?: string;
    /** Routes with an icon appear in the side menu. */
    icon?: Component;
    /** Position in the side menu, ascending. */
    menuOrder?: number;
    /** Reachable without signing in (used by the auth guard to come). */
    isPublic?: boolean;
  }
}

/** Pages shown inside the basic layout (side menu + header). */
export const layoutRoutes: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...rankingRoutes,
  ...reportsRoutes,
  ...targetsRoutes,
  ...projectsRoutes,
  ...adminRoutes,
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/basic-layout.vue'),
    redirect: '/dashboard',
    children: layoutRoutes,
  },
  ...loginRoutes,
  notFoundRoute,
];

export interface MenuItem {
  path: string;
  titleKey: string;
  icon: Component;
}

/** The side menu, in `menuOrder`, built from route meta so a new screen is one route entry. */
export function buildMenu(records: readonly RouteRecordRaw[] = layoutRoutes): MenuItem[] {
  return records
    .filter((r) => r.meta?.icon && r.meta.titleKey)
    .sort((a, b) => (a.meta?.menuOrder ?? 0) - (b.meta?.menuOrder ?? 0))
    .map((r) => ({ path: r.path, titleKey: r.meta!.titleKey!, icon: r.meta!.icon! }));
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  return createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}
