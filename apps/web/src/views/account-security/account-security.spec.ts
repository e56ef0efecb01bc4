import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { MfaStatusResponse } from '@pacer/shared';

import { i18n, setLocale } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import { signInAs } from '@/test-fixtures/session';

import SecurityPage from './index.vue';

// 账号安全 → 两步验证 (AUTH-4): 招商局 赵敏 binds Tencent Authenticator on her phone.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = [
  'k7m2p-q9x4t',
  'a2b3c-d4e5f',
  'ghjkm-npqrs',
  'tuvwx-yz234',
  '56789-abcde',
  'fghjk-mnpqr',
  'stuvw-xyz23',
  '45678-9abcd',
  'efghj-kmnpq',
  'rstuv-wxyz2',
];
const QR = 'data:image/png;base64,iVBORw0KGgo=';

let status: MfaStatusResponse;
const calls: Array<{ method: string; path: string; body: unknown }> = [];

function json(body: unknown, code = 200): Response {
  return new Response(JSON.stringify(body), {
    status: code,
    headers: { 'Content-Type': 'application/json' },
  });
}

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const path = new URL(String(input), 'http://localhost').pathname;
  const method = init?.method ?? 'GET';
  const body = init?.body ? JSON.parse(String(init.body)) : null;
  calls.push({ method, path, body });
  if (path === '/api/v1/auth/mfa' && method === 'GET') return json(status);
  if (path === '/api/v1/auth/mfa/enrollment') {
    return json(
      { secret: SECRET, otpauthUri: `otpauth://totp/Pacer:zhao_min?secret=${SECRET}`, qrDataUrl: QR },
      201,
    );
  }
  if (path === '/api/v1/auth/mfa/enrollment/confirm') {
    if (body.code !== '492039') {
      return json(
        {
          code: 'VALIDATION_FAILED',
          message: '验证码错误，请核对手机上的时间后重试',
          messageEn: 'Wrong code',
          requestId: 'r',
          details: [{ field: 'code', code: 'wrong', message: '验证码错误', messageEn: 'Wrong code' }],
        },
        400,
      );
    }
    status = { enabled: true, required: false, enabledAt: '2026-12-07T01:20:00.000Z', recoveryCodesLeft: 10 };
    return json({ recoveryCodes: CODES });
  }
  if (path === '/api/v1/auth/mfa/recovery-codes') return json({ recoveryCodes: CODES });
  return new Response(null, { status: 404 });
});

async function mountPage() {
  signInAs(['admin'], { id: 7, username: 'zhao_min', displayName: '招商局 赵敏' });
  setActivePinia(createPinia());
  const wrapper = mount(SecurityPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('account security page: two-step verification', () => {
  beforeEach(() => {
    sessionStorage.clear();
    calls.length = 0;
    status = { enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 };
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    setLocale('zh-CN');
  });

  it('should enrol: QR code and grouped manual key, a wrong code told, the right one shows the 10 recovery codes once', async () => {
    const wrapper = await mountPage();
    expect(wrapper.get('[data-test="mfa-status"]').text()).toBe('未开启');
    await wrapper.get('[data-test="mfa-start"]').trigger('click');
    await flushPromises();

    expect(wrapper.get('[data-test="mfa-qr"]').attributes('src')).toBe(QR);
    expect(wrapper.get('[data-test="mfa-key"]').text()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    const input = wrapper.get('input[data-test="mfa-code"]');
    expect(input.attributes('inputmode')).toBe('numeric');

    await input.setValue('111111');
    await wrapper.get('.mfa__confirm').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="mfa-error"]').text()).toContain('验证码错误');

    await wrapper.get('input[data-test="mfa-code"]').setValue('492 039');
    await wrapper.get('.mfa__confirm').trigger('submit');
    await flushPromises();
    const confirm = calls.filter((c) => c.path === '/api/v1/auth/mfa/enrollment/confirm').at(-1)!;
    expect(confirm.body).toEqual({ code: '492039' });
    expect(wrapper.findAll('[data-test="recovery-code"]').map((c) => c.text())).toEqual(CODES);
    expect(wrapper.text()).toContain('恢复码只显示这一次');
    expect(wrapper.find('[data-test="recovery-download"]').exists()).toBe(true);

    await wrapper.get('[data-test="recovery-saved"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="recovery-codes"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="mfa-status"]').text()).toBe('已开启');
    expect(wrapper.text()).toContain('剩余恢复码：10 个');
    expect(useAuthStore().user).toMatchObject({ mfaEnabled: true, mustEnrollMfa: false });
    // the secret is gone from the page once enrolled
    expect(wrapper.text()).not.toContain('JBSW');
    wrapper.unmount();
  });

  it('should regenerate the recovery codes with a code when enabled', async () => {
    status = { enabled: true, required: true, enabledAt: '2026-12-01T01:20:00.000Z', recoveryCodesLeft: 3 };
    const wrapper = await mountPage();
    expect(wrapper.text()).toContain('您的角色要求开启两步验证');
    expect(wrapper.text()).toContain('剩余恢复码：3 个');
    await wrapper.get('input[data-test="mfa-manage-code"]').setValue('305918');
    await wrapper.get('[data-test="mfa-regenerate"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.path === '/api/v1/auth/mfa/recovery-codes')?.body).toEqual({ code: '305918' });
    expect(wrapper.findAll('[data-test="recovery-code"]')).toHaveLength(10);
    wrapper.unmount();
  });

  it('should speak English when asked', async () => {
    setLocale('en');
    const wrapper = await mountPage();
    expect(wrapper.text()).toContain('Two-step verification');
    expect(wrapper.get('[data-test="mfa-start"]').text()).toBe('Turn on two-step verification');
    wrapper.unmount();
  });
});
