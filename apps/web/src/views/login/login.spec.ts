import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import type { DemoInfoResponse, LoginResponse } from '@pacer/shared';

import { configureHttp } from '@/api/http';
import { i18n, setLocale } from '@/locales';
import { createAppRouter } from '@/router';
import { useAuthStore } from '@/stores/auth';

import LoginPage from './index.vue';

// The login page navigates after signing in; keep the target pages out of this test.
vi.mock('@/layouts/basic-layout.vue', () => ({ default: { name: 'LayoutStub', render: () => null } }));
vi.mock('@/views/dashboard/index.vue', () => ({ default: { name: 'DashboardStub', render: () => null } }));
vi.mock('@/views/password/index.vue', () => ({ default: { name: 'PasswordStub', render: () => null } }));
vi.mock('@/views/projects/index.vue', () => ({ default: { name: 'ProjectsStub', render: () => null } }));

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const demo: DemoInfoResponse = {
  isDemo: true,
  password: 'Pacer@2026',
  accounts: [
    { username: 'admin', displayName: '招商局管理员', roles: ['admin'] },
    { username: 'chengguan', displayName: '城关镇填报员', roles: ['reporter'], unitName: '城关镇' },
  ],
};

function loginAnswer(mustChangePassword = false): LoginResponse {
  return {
    accessToken: 'a1',
    refreshToken: 'r1',
    expiresIn: 900,
    user: {
      id: 2,
      username: 'chengguan',
      displayName: '城关镇填报员',
      roles: ['reporter'],
      permissions: ['self', 'progress.read', 'reports.write', 'projects.read'],
      units: [{ id: 3, code: 'T01', name: '城关镇' }],
      mustChangePassword,
    },
  };
}

describe('Login page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let routes: Record<string, () => Response>;

  beforeEach(() => {
    sessionStorage.clear();
    setActivePinia(createPinia());
    routes = { 'GET /api/v1/auth/demo': () => json(200, { isDemo: false, accounts: [] }) };
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url, init) => {
      const handler = routes[`${init?.method ?? 'GET'} ${String(url)}`];
      if (!handler) throw new Error(`unexpected ${String(url)}`);
      return handler();
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setLocale('zh-CN');
    configureHttp({ getAccessToken: () => null, onUnauthorized: () => {}, onApiError: () => {} });
  });

  async function mountAt(path: string) {
    const router = createAppRouter(createMemoryHistory());
    await router.push(path);
    const wrapper = mount(LoginPage, { global: { plugins: [i18n, router] }, attachTo: document.body });
    await flushPromises();
    // in demo mode the page imports the demo list's table on demand (demo-table.ts): let it arrive
    await vi.dynamicImportSettled();
    await flushPromises();
    return { wrapper, router };
  }

  async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], username: string) {
    await wrapper.get('input[data-test="login-username"]').setValue(username);
    await wrapper.get('input[data-test="login-password"]').setValue('Secret#2026');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
  }

  it('should list the demo accounts with Chinese role labels and units in demo mode', async () => {
    routes['GET /api/v1/auth/demo'] = () => json(200, demo);
    const { wrapper } = await mountAt('/login');

    const panel = wrapper.get('[data-test="demo-accounts"]');
    expect(panel.text()).toContain('演示账号');
    expect(panel.text()).toContain('Pacer@2026');
    expect(wrapper.findAll('[data-test="demo-username"]').map((c) => c.text())).toEqual([
      'admin',
      'chengguan',
    ]);
    expect(wrapper.findAll('[data-test="demo-roles"]').map((c) => c.text())).toEqual([
      '管理员（招商局）',
      '填报员',
    ]);
    expect(panel.text()).toContain('城关镇');
    wrapper.unmount();
  });

  it('should fill the username and password when a demo account is clicked', async () => {
    routes['GET /api/v1/auth/demo'] = () => json(200, demo);
    const { wrapper } = await mountAt('/login');

    await wrapper.findAll('.el-table__body tr')[1]!.trigger('click');
    await flushPromises();

    const username = wrapper.get('input[data-test="login-username"]').element as HTMLInputElement;
    const password = wrapper.get('input[data-test="login-password"]').element as HTMLInputElement;
    expect(username.value).toBe('chengguan');
    expect(password.value).toBe('Pacer@2026');
    wrapper.unmount();
  });

  it('should not show the demo table outside demo mode', async () => {
    const { wrapper } = await mountAt('/login');
    expect(wrapper.find('[data-test="demo-accounts"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("should show the server's message when the login is refused", async () => {
    routes['POST /api/v1/auth/login'] = () =>
      json(401, {
        code: 'INVALID_CREDENTIALS',
        message: '用户名或密码错误',
        messageEn: 'Wrong',
        requestId: 'r',
      });
    const { wrapper, router } = await mountAt('/login');

    await fillAndSubmit(wrapper, 'chengguan');

    expect(wrapper.get('[data-test="login-error"]').text()).toContain('用户名或密码错误');
    expect(router.currentRoute.value.path).toBe('/login');
    expect(useAuthStore().isAuthenticated).toBe(false);
    wrapper.unmount();
  });

  it('should go to the page the user came from after signing in', async () => {
    routes['POST /api/v1/auth/login'] = () => json(200, loginAnswer());
    const { wrapper, router } = await mountAt('/login?redirect=/projects');

    await fillAndSubmit(wrapper, 'chengguan');

    expect(router.currentRoute.value.fullPath).toBe('/projects');
    expect(useAuthStore().user?.username).toBe('chengguan');
    wrapper.unmount();
  });

  it('should ask for the 6-digit code when the account has two-step verification, then sign in with it (AUTH-4)', async () => {
    routes['POST /api/v1/auth/login'] = () => json(200, { mfaRequired: true, mfaToken: 'challenge-1', expiresIn: 300 });
    let sent: unknown = null;
    const { wrapper, router } = await mountAt('/login?redirect=/projects');
    fetchMock.mockImplementation(async (url, init) => {
      if (String(url) === '/api/v1/auth/mfa/verify') {
        sent = JSON.parse(String(init?.body));
        return (sent as { code?: string }).code === '123456'
          ? json(200, loginAnswer())
          : json(401, { code: 'MFA_INVALID_CODE', message: '验证码错误', messageEn: 'Wrong verification code', requestId: 'r' });
      }
      return routes[`${init?.method ?? 'GET'} ${String(url)}`]!();
    });

    await fillAndSubmit(wrapper, 'chengguan');

    expect(router.currentRoute.value.path).toBe('/login');
    expect(useAuthStore().isAuthenticated).toBe(false);
    expect(wrapper.text()).toContain('两步验证');
    expect(wrapper.text()).toContain('chengguan');
    const input = wrapper.get('input[data-test="login-mfa-code"]');
    expect(input.attributes('inputmode')).toBe('numeric');
    expect(input.attributes('maxlength')).toBe('6');
    expect(input.attributes('autocomplete')).toBe('one-time-code');

    await input.setValue('654321');
    await wrapper.get('[data-test="login-mfa"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="login-mfa-error"]').text()).toContain('验证码错误');
    expect(router.currentRoute.value.path).toBe('/login');

    await wrapper.get('input[data-test="login-mfa-code"]').setValue('123 456');
    await wrapper.get('[data-test="login-mfa"]').trigger('submit');
    await flushPromises();
    expect(sent).toEqual({ mfaToken: 'challenge-1', code: '123456' });
    expect(router.currentRoute.value.fullPath).toBe('/projects');
    expect(useAuthStore().user?.username).toBe('chengguan');
    wrapper.unmount();
  });

  it('should take a recovery code instead, and go back to the password when the challenge expired', async () => {
    routes['POST /api/v1/auth/login'] = () => json(200, { mfaRequired: true, mfaToken: 'challenge-2', expiresIn: 300 });
    routes['POST /api/v1/auth/mfa/verify'] = () =>
      json(401, {
        code: 'MFA_CHALLENGE_INVALID',
        message: '验证已超时，请重新输入用户名和密码',
        messageEn: 'The verification step expired; log in again',
        requestId: 'r',
      });
    const { wrapper } = await mountAt('/login');
    await fillAndSubmit(wrapper, 'chengguan');

    await wrapper.get('[data-test="login-mfa-toggle"]').trigger('click');
    expect(wrapper.find('input[data-test="login-mfa-code"]').exists()).toBe(false);
    await wrapper.get('input[data-test="login-mfa-recovery"]').setValue('k7m2p-q9x4t');
    await wrapper.get('[data-test="login-mfa"]').trigger('submit');
    await flushPromises();

    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/v1/auth/mfa/verify')!;
    expect(JSON.parse(String(init?.body))).toEqual({ mfaToken: 'challenge-2', recoveryCode: 'k7m2p-q9x4t' });
    expect(wrapper.find('[data-test="login-mfa"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="login-error"]').text()).toContain('验证已超时');
    wrapper.unmount();
  });

  it('should go to the password page first when the password must change', async () => {
    routes['POST /api/v1/auth/login'] = () => json(200, loginAnswer(true));
    const { wrapper, router } = await mountAt('/login?redirect=/projects');

    await fillAndSubmit(wrapper, 'chengguan');

    expect(router.currentRoute.value.path).toBe('/password');
    expect(router.currentRoute.value.query.redirect).toBe('/projects');
    wrapper.unmount();
  });
});
