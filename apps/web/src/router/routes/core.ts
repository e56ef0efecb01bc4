import type { RouteRecordRaw } from 'vue-router';

// Pages outside the basic layout.
export const loginRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { titleKey: 'login.title', isPublic: true },
  },
  {
    // Signed in but outside the layout: at first login every other call answers 403 until the password changes.
    path: '/password',
    name: 'password',
    component: () => import('@/views/password/index.vue'),
    meta: { titleKey: 'password.title' },
  },
  {
    // PACER_MFA_REQUIRED: an administrator without a second factor binds one before anything else (AUTH-4).
    path: '/mfa-setup',
    name: 'mfa-setup',
    component: () => import('@/views/account-security/forced.vue'),
    meta: { titleKey: 'mfa.forcedTitle' },
  },
];

// Inside the layout, so the menu stays at hand; the guard sends refused navigations here.
export const forbiddenRoute: RouteRecordRaw = {
  path: '/403',
  name: 'forbidden',
  component: () => import('@/views/forbidden/index.vue'),
  meta: { titleKey: 'forbidden.title' },
};

// Must stay the last route: it matches everything the others did not.
export const notFoundRoute: RouteRecordRaw = {
  path: '/:pathMatch(.*)*',
  name: 'not-found',
  component: () => import('@/views/not-found/index.vue'),
  meta: { titleKey: 'notFound.title', isPublic: true },
};
