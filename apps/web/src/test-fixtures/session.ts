import type { CurrentUser, Role } from '@pacer/shared';
import { permissionsOf } from '@pacer/shared';

import { SESSION_STORAGE_KEY } from '@/stores/auth';

/**
 * Signs a demo user in for a page spec, as the auth store keeps a session: a token pair that is good for an hour and
 * the user with every permission of its roles. The user's fields default to the demo's admin (县投资促进中心 陈卫东).
 */
export function signInAs(
  roles: Role[],
  user: Partial<Omit<CurrentUser, 'roles' | 'permissions'>> = {},
): CurrentUser {
  const current: CurrentUser = {
    id: 1,
    username: roles[0] ?? 'admin',
    displayName: '县投资促进中心 陈卫东',
    units: [],
    mustChangePassword: false,
    ...user,
    roles,
    permissions: [...permissionsOf(roles)],
  };
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({
      accessToken: 'access-token',
      refreshToken: 'refresh-token',
      expiresAt: Date.now() + 3_600_000,
      user: current,
    }),
  );
  return current;
}
