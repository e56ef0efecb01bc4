import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ChannelAccountRow, NotificationChannelRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import { channelFormOf, toSaveRequest } from './channel-form';
import ChannelAccounts from './components/channel-accounts.vue';

// The enterprise apps (issue 13): the demo county's sysadmin configures the 企业微信 app, maps 城关镇's reporter 陈静
// to her 企业微信 UserID (she sees it in 账号安全: account-security/channel-account-panel.spec.ts).

const chenJing: ChannelAccountRow = {
  userId: 5,
  username: 'rep_t01',
  displayName: '城关镇 陈静',
  isActive: true,
  wecomUserId: null,
  dingtalkUserId: '0123456789012345',
};

describe("enterprise apps and people's accounts (通知渠道 → 人员账号)", () => {
  let calls: Array<{ method: string; path: string; body: unknown }>;

  beforeEach(() => {
    sessionStorage.clear();
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        const method = init?.method ?? 'GET';
        const body = init?.body ? JSON.parse(String(init.body)) : undefined;
        calls.push({ method, path, body });
        let answer: unknown = {};
        if (path === '/api/v1/notification-channels/accounts')
          answer = { items: [chenJing], enabledVendors: ['wecom', 'dingtalk'] };
        else if (path === '/api/v1/notification-channels/accounts/5') answer = { ...chenJing, ...body };
        return new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    i18n.global.locale.value = 'zh-CN';
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should send an enterprise app with its corpid and agentid, for no unit, and textcard kept', () => {
    const app: NotificationChannelRow = {
      id: 3,
      kind: 'wecom_app',
      name: '示范县招商考核',
      unitId: null,
      unitName: null,
      noticeKinds: ['report.returned', 'report.approved'],
      messageType: 'textcard',
      enabled: true,
      tokenSet: true,
      secretSet: false,
      appKey: 'ww8a7f1c2e3d4b5a69',
      agentId: 1000002,
      failedCount: 0,
      pendingCount: 0,
      lastError: null,
      lastErrorAt: null,
      failingSince: null,
      updatedAt: '2026-12-07T02:00:00.000Z',
    };
    expect(toSaveRequest({ ...channelFormOf(app), unitId: 2, appKey: ' ww8a7f1c2e3d4b5a69 ' })).toEqual({
      kind: 'wecom_app',
      name: '示范县招商考核',
      unitId: null,
      noticeKinds: ['report.returned', 'report.approved'],
      messageType: 'textcard',
      enabled: true,
      appKey: 'ww8a7f1c2e3d4b5a69',
      agentId: 1000002,
    });
    // a 钉钉 app cannot send a textcard: markdown instead
    expect(
      toSaveRequest({ ...channelFormOf(app), kind: 'dingtalk_app', appKey: 'dingx7k2m9q4w1e8r5t3' })
        .messageType,
    ).toBe('markdown');
  });

  it("should list the people's accounts and save one, a blank field sent as null", async () => {
    signInAs(['sysadmin']);
    const wrapper = mount(ChannelAccounts, { attachTo: document.body, global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.find('[data-test="account-dingtalk-5"]').text()).toBe('0123456789012345');
    expect(wrapper.find('[data-test="account-wecom-5"]').text()).toBe('—');
    await wrapper.find('[data-test="account-edit-5"]').trigger('click');
    await flushPromises();
    const input = (selector: string) => {
      const field = document.body.querySelector<HTMLElement>(selector)!;
      return (field.tagName === 'INPUT' ? field : field.querySelector('input')!) as HTMLInputElement;
    };
    input('[data-test="account-wecom"]').value = ' ChenJing ';
    input('[data-test="account-wecom"]').dispatchEvent(new Event('input'));
    input('[data-test="account-dingtalk"]').value = '';
    input('[data-test="account-dingtalk"]').dispatchEvent(new Event('input'));
    (document.body.querySelector('[data-test="account-save"]') as HTMLButtonElement).click();
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put).toEqual({
      method: 'PUT',
      path: '/api/v1/notification-channels/accounts/5',
      body: { wecomUserId: 'ChenJing', dingtalkUserId: null },
    });
    expect(wrapper.find('[data-test="account-wecom-5"]').text()).toBe('ChenJing');
    wrapper.unmount();
  });
});
