import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { MfaStatusResponse } from '@pacer/shared';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import SecurityPage from './index.vue';

// 账号安全 on a phone (issue 13, ≤ 768 px): 城关镇's reporter 李娜 binds Tencent Authenticator from 企业微信 on the same
// phone — the two steps stack, the QR code and the code box fit the 390 px screen, the buttons span it. A desktop keeps
// the side-by-side steps.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const CODES = ['k7m2p-q9x4t', 'a2b3c-d4e5f', 'ghjkm-npqrs', 'tuvwx-yz234'];

let status: MfaStatusResponse;

function json(body: unknown, code = 200): Response {
  return new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const path = new URL(String(input), 'http://localhost').pathname;
  const method = init?.method ?? 'GET';
  if (path === '/api/v1/auth/mfa' && method === 'GET') return json(status);
  if (path === '/api/v1/auth/mfa/enrollment') {
    return json({ secret: SECRET, otpauthUri: `otpauth://totp/Pacer:chengguan?secret=${SECRET}`, qrDataUrl: QR }, 201);
  }
  if (path === '/api/v1/auth/mfa/enrollment/confirm') {
    status = { enabled: true, required: false, enabledAt: '2026-12-07T01:20:00.000Z', recoveryCodesLeft: 4 };
    return json({ recoveryCodes: CODES });
  }
  return new Response(null, { status: 404 });
});

async function mountSecurity(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  signInAs(['reporter'], { id: 21, username: 'chengguan', displayName: '城关镇填报员 李娜' });
  setActivePinia(createPinia());
  const wrapper = mount(SecurityPage, { attachTo: document.body, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('账号安全 on a phone (390 px)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    sessionStorage.clear();
    status = { enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 };
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it('should stack the two steps with the QR code, the key and the code box sized to the screen', async () => {
    const wrapper = await mountSecurity(390);
    expect(wrapper.get('[data-test="security-page"]').classes()).toContain('is-phone');
    await wrapper.get('[data-test="mfa-start"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="mfa-panel"]').classes()).toContain('is-phone');
    // the QR code, then the code box and its buttons, one under the other
    const steps = wrapper.findAll('.mfa__step');
    expect(steps).toHaveLength(2);
    expect(steps[0]!.find('[data-test="mfa-qr"]').attributes('src')).toBe(QR);
    expect(steps[1]!.find('input[data-test="mfa-code"]').attributes('inputmode')).toBe('numeric');
    expect(steps[1]!.find('[data-test="mfa-confirm"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('should show the recovery codes with their buttons stacked after the code is confirmed', async () => {
    const wrapper = await mountSecurity(390);
    await wrapper.get('[data-test="mfa-start"]').trigger('click');
    await flushPromises();
    await wrapper.get('input[data-test="mfa-code"]').setValue('492039');
    await wrapper.get('.mfa__confirm').trigger('submit');
    await flushPromises();
    const recovery = wrapper.get('[data-test="recovery-codes"]');
    expect(recovery.classes()).toContain('is-phone');
    expect(recovery.findAll('[data-test="recovery-code"]').map((c) => c.text())).toEqual(CODES);
    wrapper.unmount();
  });

  it('should keep the desktop layout at 1366 px', async () => {
    const wrapper = await mountSecurity(1366);
    expect(wrapper.get('[data-test="security-page"]').classes()).not.toContain('is-phone');
    await wrapper.get('[data-test="mfa-start"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="mfa-panel"]').classes()).not.toContain('is-phone');
    wrapper.unmount();
  });

});
