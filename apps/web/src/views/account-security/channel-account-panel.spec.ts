import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import ChannelAccountPanel from './components/channel-account-panel.vue';

// 账号安全 (issue 13): 城关镇's reporter 陈静 sees the 企业微信 UserID the sysadmin mapped her to, read-only.

describe('账号安全: own 企业微信 / 钉钉 accounts', () => {
  let calls: string[];

  beforeEach(() => {
    sessionStorage.clear();
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        calls.push(`${init?.method ?? 'GET'} ${path}`);
        const answer =
          path === '/api/v1/notification-channels/accounts/me'
            ? { wecomUserId: 'ChenJing', dingtalkUserId: null, enabledVendors: ['wecom'] }
            : {};
        return new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    i18n.global.locale.value = 'zh-CN';
    setActivePinia(createPinia());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('should show a user their own accounts, read-only', async () => {
    signInAs(['reporter'], { username: 'rep_t01', displayName: '城关镇 陈静' });
    const wrapper = mount(ChannelAccountPanel, { global: { plugins: [i18n] } });
    await flushPromises();
    expect(calls).toEqual(['GET /api/v1/notification-channels/accounts/me']);
    expect(wrapper.find('[data-test="my-wecom"]').text()).toBe('ChenJing');
    expect(wrapper.find('[data-test="my-dingtalk"]').text()).toBe('未对应');
    expect(wrapper.find('input').exists()).toBe(false);
    wrapper.unmount();
  });
});
