import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { NotificationRow, ReportDetail } from '@pacer/shared';

import NotificationBell from '@/components/notification-bell.vue';
import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import ReportsPage from './index.vue';

// 月报被退回 / 月报已通过 / 月报已解锁 link to `/reports?planId&month&unitId&reportId` (issue 13, point 2). 城关镇's reporter
// 李娜 has October's report open on her phone when the bell tells her November's was returned: following the notice
// moves the page to November's report, with the reason.

const REASON = '外出招商批次与台账不符，请核实后重新报送';

function report(id: number, month: string, extra: Partial<ReportDetail> = {}): ReportDetail {
  return {
    id,
    planId: 1,
    unitId: 2,
    unitCode: 'T01',
    unitName: '城关镇',
    unitCategory: 'town',
    month,
    status: 'approved',
    isLate: false,
    submittedAt: '2026-11-03T02:00:00.000Z',
    approvedAt: '2026-11-04T02:00:00.000Z',
    returnedReason: null,
    version: 2,
    values: [{ indicatorId: 8, value: '2' }],
    lines: [
      { indicatorId: 8, code: 'XS', name: '项目线索', measure: '条', kind: 'count', value: '2', approvedYtdBefore: '11', target: '14' },
    ],
    progressText: '',
    problemsText: '',
    nextPlanText: '',
    history: [],
    canEdit: false,
    isOwnSubmission: false,
    requiresFourEyes: true,
    ...extra,
  };
}

const REPORTS: Record<string, ReportDetail> = {
  '2026-10': report(7, '2026-10'),
  '2026-11': report(11, '2026-11', {
    status: 'returned',
    approvedAt: null,
    returnedReason: REASON,
    version: 3,
    canEdit: true,
  }),
};

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** 「月度关账」 of January, linking to that month's ranking. */
const CLOSED: NotificationRow = {
  id: 41,
  kind: 'month.closed',
  title: '月度关账',
  body: '「示范县2026年度招商引资目标任务」2026年1月已重新关账，排名按最新审核数据重新计算并冻结。原因：城关镇补报项目经核实后重新计分。',
  link: '/ranking?planId=1&month=2026-01',
  planId: 1,
  unitId: null,
  month: '2026-01',
  createdAt: '2026-12-07T06:16:00.000Z',
  readAt: null,
};

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/notifications/unread-count') return json({ unread: 1 });
  if (url.pathname === '/api/v1/notifications') {
    return json({ items: [CLOSED], total: 1, unread: 1, page: 1, pageSize: 20 });
  }
  if (url.pathname === '/api/v1/notifications/41/read') return json({ marked: 1 });
  if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan] });
  if (url.pathname === '/api/v1/plans/1/reports') {
    const month = url.searchParams.get('month')!;
    const detail = REPORTS[month];
    return json({ planId: 1, month, deadline: '2026-12-05', items: detail ? [{ ...detail, lines: undefined }] : [], missingUnitIds: [] });
  }
  const one = /^\/api\/v1\/reports\/(\d+)$/.exec(url.pathname);
  if (one) return json(Object.values(REPORTS).find((r) => r.id === Number(one[1])));
  return new Response(null, { status: 404 });
});

async function mountAt(path: string) {
  window.matchMedia = fakeMatchMedia(390).matchMedia;
  signInAs(['reporter'], {
    id: 21,
    username: 'chengguan',
    displayName: '城关镇填报员 李娜',
    units: [{ id: 2, code: 'T01', name: '城关镇' }],
  });
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      // the page under the header's bell, as in the layout
      { path: '/reports', component: { render: () => [h(NotificationBell), h(ReportsPage)] } },
      { path: '/ranking', component: { render: () => [h(NotificationBell), h('p', { 'data-test': 'ranking' })] } },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const wrapper = mount(RouterView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

const text = (selector: string) => document.body.querySelector(selector)?.textContent?.trim() ?? '';

describe('月度填报 opened from a notice', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
    i18n.global.locale.value = 'zh-CN';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  it("should open the linked month's report of the unit", async () => {
    const { wrapper } = await mountAt('/reports?planId=1&month=2026-11&unitId=2&reportId=11');
    expect(text('.report-editor__month')).toContain('11月');
    expect(text('[data-test="returned-alert"]')).toContain(REASON);
    wrapper.unmount();
  });

  it('should move to the month of a notice followed while another month is open', async () => {
    const { wrapper, router } = await mountAt('/reports?planId=1&month=2026-10&unitId=2');
    expect(text('.report-editor__month')).toContain('10月');
    expect(document.body.querySelector('[data-test="returned-alert"]')).toBeNull();
    await router.push('/reports?planId=1&month=2026-11&unitId=2&reportId=11');
    await flushPromises();
    await flushPromises();
    expect(text('.report-editor__month')).toContain('11月');
    expect(text('[data-test="returned-alert"]')).toContain(REASON);
    expect(router.currentRoute.value.query.month).toBe('2026-11');
    wrapper.unmount();
  });

  it("should leave for another screen's notice (月度关账 → that month's ranking) without the page pulling it back", async () => {
    const { wrapper, router } = await mountAt('/reports?planId=1&month=2026-11&unitId=2');
    expect(text('.report-editor__month')).toContain('11月');
    (document.body.querySelector('[data-test="notification-bell"]') as HTMLElement).click();
    await flushPromises();
    (document.body.querySelector('[data-test="notification-41"]') as HTMLElement).click();
    await flushPromises();
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/ranking?planId=1&month=2026-01');
    expect(document.body.querySelector('[data-test="ranking"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('should not open a unit the reporter does not report for', async () => {
    const { wrapper, router } = await mountAt('/reports?planId=1&month=2026-10&unitId=2');
    await router.push('/reports?planId=1&month=2026-10&unitId=9');
    await flushPromises();
    expect(text('.report-editor__unit')).toContain('城关镇');
    expect(fetchMock.mock.calls.some(([input]) => String(input).includes('unitId=9'))).toBe(false);
    wrapper.unmount();
  });
});
