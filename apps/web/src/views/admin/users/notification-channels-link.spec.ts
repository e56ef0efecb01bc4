import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Role } from '@pacer/shared';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import UsersPage from './index.vue';

// 用户管理's header leads the system administrator to 通知渠道 (issue 13: 企业微信/钉钉 robots); nobody else sees the way.

describe('users page: the way to 通知渠道', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        const body = path === '/api/v1/users' ? [] : { items: [] };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it.each<[Role, string | null]>([
    ['sysadmin', '/admin/notification-channels'],
    ['admin', null],
    ['auditor', null],
  ])('should link to 通知渠道 for the %s: %s', async (role, href) => {
    signInAs([role]);
    setActivePinia(createPinia());
    const wrapper = mount(UsersPage, { attachTo: document.body, global: { plugins: [i18n] } });
    await flushPromises();
    const link = document.body.querySelector('[data-test="notification-channels-link"]');
    expect(link?.getAttribute('href') ?? null).toBe(href);
    if (link) expect(link.textContent?.trim()).toBe('通知渠道');
    wrapper.unmount();
  });
});
