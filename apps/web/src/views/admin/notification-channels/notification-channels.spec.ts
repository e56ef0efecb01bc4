import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { NOTIFICATION_KINDS, type NotificationChannelRow, type NotificationDeliveryRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import { channelFormOf, toSaveRequest } from './channel-form';
import NotificationChannelsPage from './index.vue';

// 系统管理 → 通知渠道 in the demo county: the system administrator sees 城关镇's 企业微信 group working and the office's
// 钉钉 group failing (its 加签 secret was changed in 钉钉), opens its delivery log, and fixes the secret — the stored
// 企业微信 key is never shown and never sent back.

const wecom: NotificationChannelRow = {
  id: 1,
  kind: 'wecom_robot',
  name: '城关镇招商工作群',
  unitId: 2,
  unitName: '城关镇',
  noticeKinds: ['report.remind', 'report.late'],
  messageType: 'markdown',
  enabled: true,
  tokenSet: true,
  secretSet: false,
  appKey: null,
  agentId: null,
  failedCount: 0,
  pendingCount: 0,
  lastError: null,
  lastErrorAt: null,
  failingSince: null,
  updatedAt: '2026-12-07T02:00:00.000Z',
};
const ding: NotificationChannelRow = {
  ...wecom,
  id: 2,
  kind: 'dingtalk_robot',
  name: '县招商办钉钉群',
  unitId: null,
  unitName: null,
  noticeKinds: ['summary.drift', 'channel.failing'],
  messageType: 'actionCard',
  secretSet: true,
  failedCount: 2,
  lastError: '310000 sign not match',
  lastErrorAt: '2026-12-07T03:00:00.000Z',
  failingSince: '2026-12-07T03:00:00.000Z',
};
const delivery: NotificationDeliveryRow = {
  id: 31,
  channelId: 2,
  notificationId: 88,
  noticeKind: 'summary.drift',
  status: 'failed',
  attempts: 1,
  nextAttemptAt: '2026-12-07T03:00:00.000Z',
  httpStatus: 200,
  errcode: 310000,
  errmsg: 'sign not match',
  createdAt: '2026-12-07T03:00:00.000Z',
  sentAt: null,
  deliveredAt: null,
  awaitingReceipt: false,
};
// 钉钉 工作通知: one whose receipt said it arrived, one accepted and waiting for its receipt
const delivered: NotificationDeliveryRow = {
  ...delivery,
  id: 32,
  status: 'sent',
  errcode: 0,
  errmsg: 'ok',
  sentAt: '2026-12-07T03:01:00.000Z',
  deliveredAt: '2026-12-07T03:02:10.000Z',
};
const awaiting: NotificationDeliveryRow = { ...delivered, id: 33, deliveredAt: null, awaitingReceipt: true };

describe('notification channels page (通知渠道)', () => {
  let calls: Array<{ method: string; path: string; body: unknown }>;

  beforeEach(() => {
    sessionStorage.clear();
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        const method = init?.method ?? 'GET';
        calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        let body: unknown = { items: [] };
        if (path === '/api/v1/notification-channels' && method === 'GET') body = { items: [ding, wecom], noticeKinds: NOTIFICATION_KINDS };
        else if (path === '/api/v1/notification-channels/2/deliveries') body = { items: [delivery, delivered, awaiting] };
        else if (path === '/api/v1/notification-channels/2' && method === 'PUT') body = ding;
        else if (path.endsWith('/test')) body = { deliveryId: 40 };
        else if (path === '/api/v1/users') body = [];
        return new Response(JSON.stringify(body), { status: method === 'POST' ? 202 : 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    i18n.global.locale.value = 'zh-CN';
    signInAs(['sysadmin']);
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const mountPage = async () => {
    const wrapper = mount(NotificationChannelsPage, { attachTo: document.body, global: { plugins: [i18n] } });
    await flushPromises();
    return wrapper;
  };

  it('should list the channels with 已设置 for their keys and the failing one with its error and failed count', async () => {
    const wrapper = await mountPage();
    expect(wrapper.find('[data-test="channel-token-1"]').text()).toBe('已设置');
    const health = wrapper.find('[data-test="channel-health-2"]').text();
    expect(health).toContain('发送失败');
    expect(health).toContain('失败 2 条');
    expect(health).toContain('310000 sign not match');
    expect(wrapper.find('[data-test="channel-health-1"]').text()).toContain('正常');
    expect(wrapper.text()).toContain('县招商办（办公室）');
    wrapper.unmount();
  });

  it('should show the delivery log with the status and the vendor error, and queue a 测试发送', async () => {
    const wrapper = await mountPage();
    await wrapper.find('[data-test="channel-log-2"]').trigger('click');
    await flushPromises();
    const log = document.body.querySelector('[data-test="delivery-table"]')!.textContent!;
    expect(log).toContain('累计汇总数据偏差');
    expect(log).toContain('失败');
    expect(log).toContain('310000 sign not match');
    const status = (id: number) => document.body.querySelector(`[data-test="delivery-status-${id}"]`)!;
    expect(status(31).textContent!.trim()).toBe('失败');
    expect(status(32).textContent!.trim()).toBe('已送达');
    expect(status(32).getAttribute('title')).toBe('钉钉回执：已送达（2026-12-07 11:02:10）');
    expect(status(33).textContent!.trim()).toBe('已提交，待回执');
    await wrapper.find('[data-test="channel-test-1"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notification-channels/1/test')).toBe(true);
    wrapper.unmount();
  });

  it('should save an edit without sending the stored key back, only the new 加签 secret', async () => {
    const wrapper = await mountPage();
    await wrapper.find('[data-test="channel-edit-2"]').trigger('click');
    await flushPromises();
    // Element Plus puts the attribute on the <input> itself (or on its wrapper, in older versions)
    const field = document.body.querySelector<HTMLElement>('[data-test="channel-secret"]')!;
    const secret = (field.tagName === 'INPUT' ? field : field.querySelector('input')!) as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('已设置');
    secret.value = 'SEC6e1c0d9f3b2a4e5d6c7b8a9f0e1d2c3b4a';
    secret.dispatchEvent(new Event('input'));
    (document.body.querySelector('[data-test="channel-save"]') as HTMLButtonElement).click();
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/v1/notification-channels/2');
    expect(put?.body).toEqual({
      kind: 'dingtalk_robot',
      name: '县招商办钉钉群',
      unitId: null,
      noticeKinds: ['summary.drift', 'channel.failing'],
      messageType: 'actionCard',
      enabled: true,
      secret: 'SEC6e1c0d9f3b2a4e5d6c7b8a9f0e1d2c3b4a',
    });
    wrapper.unmount();
  });

  it('should leave blank write-only fields out of the request and drop the secret of a non-钉钉 channel', () => {
    expect(toSaveRequest({ ...channelFormOf(wecom), name: ' 城关镇招商工作群 ' })).toEqual({
      kind: 'wecom_robot',
      name: '城关镇招商工作群',
      unitId: 2,
      noticeKinds: ['report.remind', 'report.late'],
      messageType: 'markdown',
      enabled: true,
    });
    expect(toSaveRequest({ ...channelFormOf(null), name: '青山镇群', token: 'k-1', secret: 'SECxxxxxxxxxxxxxxxxxxxx' })).not.toHaveProperty('secret');
  });
});
