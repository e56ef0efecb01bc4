import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

import type { CurrentUser, NotificationRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { SESSION_STORAGE_KEY, useAuthStore } from '@/stores/auth';
import { usePlanContextStore } from '@/stores/plan-context';
import { demoPlan } from '@/test-fixtures/assessment';

import NotificationBell from './notification-bell.vue';

const reporter: CurrentUser = {
  id: 12,
  username: 'qingshan',
  displayName: '王海峰',
  roles: ['reporter'],
  permissions: ['self', 'reports.read', 'reports.write', 'progress.read'],
  units: [{ id: 3, code: 'T02', name: '青山镇' }],
  mustChangePassword: false,
};

function message(id: number, extra: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id,
    kind: 'report.remind',
    title: '月报提醒',
    body: '示范县2026年度招商引资目标任务：青山镇 2026年11月月报已退回，请修改后重新报送，截止日期 2026-12-05 已过，请尽快报送。',
    link: '/reports?planId=1&month=2026-11&unitId=3',
    planId: 1,
    unitId: 3,
    month: '2026-11',
    createdAt: '2026-12-06T01:30:00.000Z',
    readAt: null,
    ...extra,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The inbox on the server: the mock answers from it and the specs change it. */
let inbox: NotificationRow[];
const unreadOf = () => inbox.filter((m) => m.readAt === null).length;

const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
  const url = new URL(String(input), 'http://localhost');
  const route = `${init?.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /api/v1/notifications/unread-count') return json({ unread: unreadOf() });
  if (route === 'GET /api/v1/notifications') {
    return json({ items: inbox, total: inbox.length, unread: unreadOf(), page: 1, pageSize: 20 });
  }
  const one = /^POST \/api\/v1\/notifications\/(\d+)\/read$/.exec(route);
  if (one) {
    const row = inbox.find((m) => m.id === Number(one[1]))!;
    const marked = row.readAt === null ? 1 : 0;
    row.readAt ??= '2026-12-06T02:00:00.000Z';
    return json({ marked });
  }
  if (route === 'POST /api/v1/notifications/read-all') {
    const marked = unreadOf();
    inbox = inbox.map((m) => ({ ...m, readAt: m.readAt ?? '2026-12-06T02:00:00.000Z' }));
    return json({ marked });
  }
  if (route === 'GET /api/v1/plans') return json({ items: [demoPlan] });
  if (route === 'POST /api/v1/auth/logout') return new Response(null, { status: 204 });
  return new Response(null, { status: 404 });
});

const calls = (route: string) =>
  fetchMock.mock.calls.filter(([input, init]) => {
    const url = new URL(String(input), 'http://localhost');
    return `${init?.method ?? 'GET'} ${url.pathname}` === route;
  }).length;

/** Unmounted after each spec, so a failing one leaves no timer or listener behind. */
const mounted: Array<{ unmount: () => void }> = [];

async function mountBell() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: stub },
      { path: '/reports', component: stub },
      { path: '/approvals', component: stub },
    ],
  });
  await router.push('/');
  const wrapper = mount(NotificationBell, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router] },
  });
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, router };
}

const badge = (wrapper: ReturnType<typeof mount>) => wrapper.get('[data-test="notification-badge"] sup');

describe('NotificationBell', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    localStorage.clear();
    sessionStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        accessToken: 'a',
        refreshToken: 'r',
        expiresAt: Date.now() + 900_000,
        user: reporter,
      }),
    );
    inbox = [
      message(11),
      message(10, {
        kind: 'report.late',
        title: '月报逾期',
        body: '示范县2026年度招商引资目标任务：2026年11月月报截止日期 2026-12-05 已过，以下 2 个单位尚未报送：柳林乡、白沙镇。',
        link: '/approvals?planId=1&month=2026-11',
        unitId: null,
        createdAt: '2026-12-06T01:00:00.000Z',
      }),
      message(9, { readAt: '2026-11-20T03:00:00.000Z', createdAt: '2026-11-20T01:00:00.000Z' }),
    ];
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-12-06T02:00:00Z'));
  });

  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount());
    vi.useRealTimers();
    vi.unstubAllGlobals();
    sessionStorage.clear();
    document.body.innerHTML = '';
  });

  it('should show the unread count and ask again every minute', async () => {
    const { wrapper } = await mountBell();
    expect(badge(wrapper).text()).toBe('2');
    expect(wrapper.get('[data-test="notification-bell"]').attributes('aria-label')).toBe(
      '消息中心，2 条未读',
    );

    inbox.unshift(message(12, { createdAt: '2026-12-06T02:00:30.000Z' }));
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(badge(wrapper).text()).toBe('3');
    expect(calls('GET /api/v1/notifications/unread-count')).toBe(2);
  });

  it('should ask when the window regains focus, but not right after it asked', async () => {
    const { wrapper } = await mountBell();
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(calls('GET /api/v1/notifications/unread-count')).toBe(1);

    vi.advanceTimersByTime(30_000);
    inbox[0]!.readAt = '2026-12-06T02:00:10.000Z';
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(calls('GET /api/v1/notifications/unread-count')).toBe(2);
    expect(badge(wrapper).text()).toBe('1');
  });

  it('should list the inbox, mark a message read when opened and follow its link', async () => {
    const { wrapper, router } = await mountBell();
    await wrapper.get('[data-test="notification-bell"]').trigger('click');
    await flushPromises();

    const list = document.querySelector('[data-test="notification-list"]')!;
    expect(list.querySelectorAll('.is-unread')).toHaveLength(2);
    const first = document.querySelector<HTMLElement>('[data-test="notification-11"]')!;
    expect(first.textContent).toContain('青山镇 2026年11月月报已退回');
    // Asia/Shanghai: 01:30 UTC is 09:30 in the county
    expect(first.textContent).toContain('2026-12-06 09:30');

    first.click();
    await flushPromises();
    expect(calls('POST /api/v1/notifications/11/read')).toBe(1);
    expect(badge(wrapper).text()).toBe('1');
    expect(first.classList.contains('is-unread')).toBe(false);
    expect(router.currentRoute.value.path).toBe('/reports');
    expect(router.currentRoute.value.query).toEqual({ planId: '1', month: '2026-11', unitId: '3' });
    const context = usePlanContextStore();
    expect([context.planId, context.month]).toEqual([1, '2026-11']);
  });

  it('should not mark a read message again, only follow it', async () => {
    const { wrapper, router } = await mountBell();
    await wrapper.get('[data-test="notification-bell"]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLElement>('[data-test="notification-9"]')!.click();
    await flushPromises();
    expect(calls('POST /api/v1/notifications/9/read')).toBe(0);
    expect(badge(wrapper).text()).toBe('2');
    expect(router.currentRoute.value.path).toBe('/reports');
  });

  it('should mark everything read with 全部标为已读', async () => {
    const { wrapper } = await mountBell();
    await wrapper.get('[data-test="notification-bell"]').trigger('click');
    await flushPromises();
    const readAll = document.querySelector<HTMLButtonElement>('[data-test="notification-read-all"]')!;
    expect(readAll.disabled).toBe(false);

    readAll.click();
    await flushPromises();
    expect(calls('POST /api/v1/notifications/read-all')).toBe(1);
    expect(wrapper.find('[data-test="notification-badge"] sup').exists()).toBe(false);
    expect(document.querySelectorAll('[data-test="notification-list"] .is-unread')).toHaveLength(0);
    expect(document.body.textContent).toContain('已将 2 条消息标为已读');
  });

  it('should stop asking once signed out', async () => {
    const { wrapper } = await mountBell();
    expect(calls('GET /api/v1/notifications/unread-count')).toBe(1);
    await useAuthStore().logout();
    await flushPromises();
    expect(wrapper.find('[data-test="notification-bell"]').exists()).toBe(false);

    vi.advanceTimersByTime(180_000);
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(calls('GET /api/v1/notifications/unread-count')).toBe(1);
  });
});
