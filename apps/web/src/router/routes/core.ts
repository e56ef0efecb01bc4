import type { RouteRecordRaw } from 'vue-router';

// Pages outside the basic layout: no menu, reachable without signing in.
export const loginRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { titleKey: 'login.title', isPublic: true },
  },
];

// Must stay the last route: it matches everything the others did not.
export const notFoundRoute: RouteRecordRaw = {
  path: '/:pathMatch(.*)*',
  name: 'not-found',
  component: () => import('@/views/not-found/index.vue'),
  meta: { titleKey: 'notFound.title', isPublic: true },
};
