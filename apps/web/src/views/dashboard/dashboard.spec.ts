import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { i18n, setLocale } from '@/locales';
import { createAppRouter } from '@/router';
import { demoDashboard, demoPlan } from '@/test-fixtures/assessment';

import Dashboard from './index.vue';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The API as the dashboard sees it: the plans, and the one dashboard call. */
function api(handlers: { dashboard?: (url: URL) => Response; plans?: () => Response } = {}) {
  return vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/plans') return handlers.plans?.() ?? json(200, { items: [demoPlan] });
    if (url.pathname === '/api/v1/plans/1/dashboard') {
      return handlers.dashboard?.(url) ?? json(200, { ...demoDashboard, month: url.searchParams.get('month') });
    }
    return json(404, { code: 'NOT_FOUND', message: '不存在', requestId: 'r1' });
  });
}

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(Dashboard, {
    // Charts have their own option specs; happy-dom has no layout to draw them in.
    global: { plugins: [pinia, i18n, router], stubs: { HeadlineGauge: true, TrendChart: true, RankingBars: true } },
  });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

describe('Dashboard view', () => {
  let fetchMock: ReturnType<typeof api>;

  beforeEach(() => {
    localStorage.clear();
    // 2026-11-25 16:00 in Asia/Shanghai: October closed on the 10th, November is live.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    setLocale('zh-CN');
  });

  function stub(handlers?: Parameters<typeof api>[0]) {
    fetchMock = api(handlers);
    vi.stubGlobal('fetch', fetchMock);
  }

  const dashboardCalls = () =>
    fetchMock.mock.calls.map((c) => String(c[0])).filter((u) => u.includes('/dashboard'));

  it('should load the latest closed month in one call and show it as frozen', async () => {
    stub();
    const { wrapper } = await mountAt('/dashboard');

    expect(dashboardCalls()).toEqual(['/api/v1/plans/1/dashboard?month=2026-10']);
    expect(wrapper.get('[data-test="frozen-tag"]').text()).toBe('已关账');
    const qyze = wrapper.get('[data-test="headline-QYZE"]');
    expect(qyze.get('[data-test="actual"]').text()).toBe('249.24亿元');
    expect(qyze.get('[data-test="target"]').text()).toBe('300.00亿元');
    expect(qyze.get('[data-test="gap"]').text()).toContain('-0.25');
    expect(qyze.get('[data-test="forecast"]').classes()).toContain('is-risk');
    expect(wrapper.get('[data-test="headline-W500"] [data-test="gap"]').text()).toContain('+0.00');
  });

  it('should show the light matrix, the report discipline and the units at risk', async () => {
    stub();
    const { wrapper } = await mountAt('/dashboard');

    const matrix = wrapper.get('[data-test="light-matrix"]');
    expect(matrix.text()).toContain('乡镇（街道）组');
    const cells = matrix.findAll('td.light-matrix__cell');
    expect(cells[0]!.text()).toBe('99.43%');
    expect(cells[0]!.classes()).toContain('is-green');
    expect(cells[1]!.classes()).toContain('is-none');
    expect(wrapper.get('[data-test="missing-reports"]').text()).toContain('高桥镇');
    expect(wrapper.get('[data-test="missing-reports"]').text()).toContain('草稿');
    expect(wrapper.get('[data-test="late-reports"]').text()).toContain('柳林乡');
    expect(wrapper.get('[data-test="late-reports"]').text()).toContain('11-08 17:41');
    const risk = wrapper.get('[data-test="at-risk"]').text();
    expect(risk.indexOf('青山镇')).toBeLessThan(risk.indexOf('城关镇'));
    expect(risk).toContain('实际到位资金 50%');
  });

  it('should open a unit from the matrix with the month shown', async () => {
    stub();
    const { wrapper, router } = await mountAt('/dashboard');
    await wrapper.get('[data-test="matrix-unit-9"]').trigger('click');
    // The unit page is a lazy route: wait for it to load.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/units/9?month=2026-10'), {
      timeout: 10_000,
    });
  });

  it('should load the month of the link, and say when it is live', async () => {
    stub({ dashboard: (url) => json(200, { ...demoDashboard, month: url.searchParams.get('month'), isFrozen: false }) });
    const { wrapper } = await mountAt('/dashboard?month=2026-11');
    expect(dashboardCalls()).toEqual(['/api/v1/plans/1/dashboard?month=2026-11']);
    expect(wrapper.get('[data-test="frozen-tag"]').text()).toBe('实时');
  });

  it('should show the error with a retry, and load again when asked', async () => {
    let fail = true;
    stub({
      dashboard: (url) =>
        fail
          ? json(500, { code: 'INTERNAL', message: '服务器内部错误', requestId: 'req-9' })
          : json(200, { ...demoDashboard, month: url.searchParams.get('month') }),
    });
    const { wrapper } = await mountAt('/dashboard');
    const error = wrapper.get('[data-test="load-error"]');
    expect(error.text()).toContain('服务器内部错误');
    expect(error.text()).toContain('req-9');

    fail = false;
    await error.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="load-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="dashboard-body"]').exists()).toBe(true);
  });

  it('should say there is no plan yet', async () => {
    stub({ plans: () => json(200, { items: [] }) });
    const { wrapper } = await mountAt('/dashboard');
    expect(dashboardCalls()).toEqual([]);
    expect(wrapper.text()).toContain('还没有可用的年度计划');
  });

  it('should read in English', async () => {
    setLocale('en');
    stub();
    const { wrapper } = await mountAt('/dashboard');
    expect(wrapper.get('[data-test="frozen-tag"]').text()).toBe('Frozen');
    expect(wrapper.get('[data-test="headline-QYZE"] [data-test="actual"]').text()).toBe('249.24100M CNY');
  });
});
