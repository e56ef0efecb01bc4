import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

import type { ReportSummaryRow } from '@pacer/shared';

import { i18n } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import { demoPlan } from '@/test-fixtures/assessment';
import { signInAs } from '@/test-fixtures/session';

import MyReportCard from './my-report-card.vue';

// 本单位本月月报, what a reporter's phone opens on: the month that still needs work, its status, the deadline and
// the days left, the return reason, and one button to fill it.

function row(extra: Partial<ReportSummaryRow> = {}): ReportSummaryRow {
  return {
    id: 31,
    planId: 1,
    unitId: 3,
    unitCode: 'T02',
    unitName: '青山镇',
    unitCategory: 'town',
    month: '2026-11',
    status: 'returned',
    isLate: false,
    submittedAt: '2026-12-01T02:00:00.000Z',
    approvedAt: null,
    returnedReason: '外出招商批次与台账不符，请核实后重新报送',
    version: 4,
    ...extra,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let november: ReportSummaryRow[];
const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  const route = `${url.pathname}${url.search}`;
  if (route === '/api/v1/plans') return json({ items: [demoPlan] });
  if (route === '/api/v1/plans/1/reports?month=2026-12') {
    return json({ planId: 1, month: '2026-12', deadline: '2027-01-05', items: [], missingUnitIds: [3] });
  }
  if (route === '/api/v1/plans/1/reports?month=2026-11') {
    return json({ planId: 1, month: '2026-11', deadline: '2026-12-05', items: november, missingUnitIds: [] });
  }
  return json({ planId: 1, month: '', deadline: '2026-01-05', items: [], missingUnitIds: [] });
});

async function mountCard() {
  signInAs(['reporter'], { id: 12, username: 'qingshan', displayName: '王海峰', units: [{ id: 3, code: 'T02', name: '青山镇' }] });
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/reports', component: { template: '<div />' } },
      { path: '/units/:unitId', name: 'unit-detail', component: { template: '<div />' } },
    ],
  });
  await router.push('/');
  const wrapper = mount(MyReportCard, { global: { plugins: [pinia, i18n, router] } });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

describe('MyReportCard (the reporter home on a phone)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T02:00:00.000Z')); // 2026-12-03 in Shanghai
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockClear();
    sessionStorage.clear();
    localStorage.clear();
    i18n.global.locale.value = 'zh-CN';
    november = [row()];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('should open on the month that still needs work with its deadline, the days left and the return reason', async () => {
    const { wrapper } = await mountCard();
    expect(wrapper.text()).toContain('本单位本月月报');
    expect(wrapper.text()).toContain('2026年11月');
    expect(wrapper.get('[data-test="my-report-deadline"]').text()).toContain('截止 2026-12-05');
    expect(wrapper.get('[data-test="my-report-days"]').text()).toBe('还剩 2 天');
    expect(wrapper.get('[data-test="my-report-unit-3"]').text()).toContain('已退回');
    expect(wrapper.get('[data-test="my-report-reason"]').text()).toBe(
      '退回原因：外出招商批次与台账不符，请核实后重新报送',
    );
    expect(wrapper.get('[data-test="my-report-fill"]').text()).toBe('去填报');
  });

  it('should send the one button to that month of that unit in 月度填报', async () => {
    const { wrapper, router } = await mountCard();
    await wrapper.get('[data-test="my-report-fill"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/reports');
    expect(router.currentRoute.value.query).toMatchObject({ planId: '1', month: '2026-11', unitId: '3' });
  });

  it('should say how late a report is once the deadline has passed, and offer to view a submitted one', async () => {
    vi.setSystemTime(new Date('2026-12-08T02:00:00.000Z'));
    november = [row({ status: 'submitted', returnedReason: null, isLate: true })];
    const { wrapper } = await mountCard();
    expect(wrapper.get('[data-test="my-report-days"]').text()).toBe('已逾期 3 天');
    expect(wrapper.find('[data-test="my-report-reason"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="my-report-fill"]').text()).toBe('查看月报');
  });
});
