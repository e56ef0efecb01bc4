import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CurrentUser, LoginResponse } from '@pacer/shared';

import { configureHttp, http } from '@/api/http';

import { SESSION_STORAGE_KEY, useAuthStore } from './auth';

const user: CurrentUser = {
  id: 7,
  username: 'chengguan',
  displayName: '城关镇填报员',
  roles: ['reporter'],
  permissions: ['self', 'reports.read', 'reports.write'],
  units: [{ id: 3, code: 'T01', name: '城关镇' }],
  mustChangePassword: false,
};

function loginResponse(n: number, expiresIn = 900): LoginResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn, user };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const unauthenticated = {
  code: 'UNAUTHENTICATED',
  message: '请先登录',
  messageEn: 'Sign in',
  requestId: 'r',
};

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

describe('useAuthStore', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let routes: Record<string, Handler>;

  function callsTo(path: string) {
    return fetchMock.mock.calls.filter(([url]) => url === path);
  }
  function bearerOf(init: RequestInit | undefined): string | undefined {
    return (init?.headers as Record<string, string>).Authorization;
  }

  beforeEach(() => {
    sessionStorage.clear();
    setActivePinia(createPinia());
    routes = {};
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url, init) => {
      const handler = routes[`${init?.method ?? 'GET'} ${String(url)}`];
      if (!handler) throw new Error(`unexpected ${init?.method} ${String(url)}`);
      return handler(init);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    configureHttp({ getAccessToken: () => null, onUnauthorized: () => {}, onApiError: () => {} });
  });

  async function loggedInStore(expiresIn = 900) {
    routes['POST /api/v1/auth/login'] = () => json(200, loginResponse(1, expiresIn));
    const store = useAuthStore();
    store.connectHttp();
    await store.login('chengguan', 'Secret#2026');
    return store;
  }

  it('should keep the tokens and the user in sessionStorage after a login', async () => {
    const store = await loggedInStore();

    const [, init] = callsTo('/api/v1/auth/login')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'chengguan', password: 'Secret#2026' });
    expect(bearerOf(init)).toBeUndefined();
    expect(store.isAuthenticated).toBe(true);
    expect(store.user?.displayName).toBe('城关镇填报员');
    const stored = JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!);
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', user: { id: 7 } });
  });

  it('should come back from sessionStorage after a reload', async () => {
    await loggedInStore();

    setActivePinia(createPinia());
    const reloaded = useAuthStore();

    expect(reloaded.isAuthenticated).toBe(true);
    expect(reloaded.user?.username).toBe('chengguan');
    expect(reloaded.isUserLoaded).toBe(false);
  });

  it('should send the access token on API calls', async () => {
    await loggedInStore();
    routes['GET /api/v1/units'] = () => json(200, { items: [] });

    await http.get('/units');

    expect(bearerOf(callsTo('/api/v1/units')[0]![1])).toBe('Bearer access-1');
  });

  it('should refresh exactly once when parallel calls get a 401, then retry each with the new token', async () => {
    await loggedInStore();
    routes['GET /api/v1/units'] = (init) =>
      bearerOf(init) === 'Bearer access-2' ? json(200, { items: [] }) : json(401, unauthenticated);
    routes['GET /api/v1/users'] = (init) =>
      bearerOf(init) === 'Bearer access-2' ? json(200, []) : json(401, unauthenticated);
    routes['POST /api/v1/auth/refresh'] = () => json(200, loginResponse(2));

    const results = await Promise.all([http.get('/units'), http.get('/users'), http.get('/units')]);

    expect(results).toEqual([{ items: [] }, [], { items: [] }]);
    expect(callsTo('/api/v1/auth/refresh')).toHaveLength(1);
    expect(JSON.parse(String(callsTo('/api/v1/auth/refresh')[0]![1]?.body))).toEqual({
      refreshToken: 'refresh-1',
    });
    expect(callsTo('/api/v1/units')).toHaveLength(4);
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!).refreshToken).toBe('refresh-2');
  });

  it('should log out when the refresh is refused, and pass the 401 to the caller', async () => {
    const store = await loggedInStore();
    routes['GET /api/v1/units'] = () => json(401, unauthenticated);
    routes['POST /api/v1/auth/refresh'] = () =>
      json(401, {
        code: 'INVALID_REFRESH_TOKEN',
        message: '登录已失效，请重新登录',
        messageEn: 'x',
        requestId: 'r',
      });

    await expect(http.get('/units')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    expect(callsTo('/api/v1/auth/refresh')).toHaveLength(1);
    expect(callsTo('/api/v1/units')).toHaveLength(1);
    expect(store.isAuthenticated).toBe(false);
    expect(store.endReason).toBe('expired');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('should keep the session when the refresh fails for lack of network', async () => {
    const store = await loggedInStore();
    routes['GET /api/v1/units'] = () => json(401, unauthenticated);
    routes['POST /api/v1/auth/refresh'] = () => {
      throw new TypeError('Failed to fetch');
    };

    await expect(http.get('/units')).rejects.toMatchObject({ status: 401 });
    expect(store.isAuthenticated).toBe(true);
  });

  it('should refresh a token about to expire before sending it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await loggedInStore(60);
    routes['POST /api/v1/auth/refresh'] = () => json(200, loginResponse(2));
    routes['GET /api/v1/units'] = () => json(200, { items: [] });

    vi.setSystemTime(Date.now() + 45_000);
    await http.get('/units');

    expect(callsTo('/api/v1/auth/refresh')).toHaveLength(1);
    expect(bearerOf(callsTo('/api/v1/units')[0]![1])).toBe('Bearer access-2');
  });

  it('should revoke the session on logout with its own bearer, and forget it', async () => {
    const store = await loggedInStore();
    routes['POST /api/v1/auth/logout'] = () => new Response(null, { status: 204 });

    await store.logout();

    const [, init] = callsTo('/api/v1/auth/logout')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ refreshToken: 'refresh-1' });
    expect(bearerOf(init)).toBe('Bearer access-1');
    expect(store.isAuthenticated).toBe(false);
    expect(store.endReason).toBe('logout');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('should log out locally even when the server cannot be reached', async () => {
    const store = await loggedInStore();
    routes['POST /api/v1/auth/logout'] = () => {
      throw new TypeError('Failed to fetch');
    };

    await store.logout();
    expect(store.isAuthenticated).toBe(false);
  });

  it('should read the current user from GET /auth/me', async () => {
    const store = await loggedInStore();
    routes['GET /api/v1/auth/me'] = () => json(200, { ...user, roles: ['reporter', 'leader'] });

    await store.loadCurrentUser();

    expect(store.roles).toEqual(['reporter', 'leader']);
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!).user.roles).toEqual([
      'reporter',
      'leader',
    ]);
  });

  it('should mark the password as to be changed when the API asks for it', async () => {
    const store = await loggedInStore();
    routes['GET /api/v1/units'] = () =>
      json(403, {
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '请先修改密码',
        messageEn: 'x',
        requestId: 'r',
      });

    await expect(http.get('/units')).rejects.toMatchObject({ status: 403 });
    expect(store.mustChangePassword).toBe(true);
  });

  it('should clear the flag after a password change', async () => {
    routes['POST /api/v1/auth/login'] = () =>
      json(200, { ...loginResponse(1), user: { ...user, mustChangePassword: true } });
    routes['POST /api/v1/auth/password'] = () => new Response(null, { status: 204 });
    const store = useAuthStore();
    store.connectHttp();
    await store.login('chengguan', 'Chushi#2026');
    expect(store.mustChangePassword).toBe(true);

    await store.changePassword({ currentPassword: 'Chushi#2026', newPassword: 'Xinmima#2026' });

    expect(bearerOf(callsTo('/api/v1/auth/password')[0]![1])).toBe('Bearer access-1');
    expect(store.mustChangePassword).toBe(false);
  });
});
