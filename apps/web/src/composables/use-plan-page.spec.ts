import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';

import type { PlanRow } from '@pacer/shared';

import { ApiError } from '@/api/http';
import { PLAN_CONTEXT_STORAGE_KEY, usePlanContextStore } from '@/stores/plan-context';
import { demoPlan } from '@/test-fixtures/assessment';

import { queryNumber, usePlanPage, type PlanPageOptions } from './use-plan-page';

const plan2025: PlanRow = {
  ...demoPlan,
  id: 2,
  year: 2025,
  name: '示范县2025年度招商引资目标任务',
  status: 'closed',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let plansAnswer: () => Response;
const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/plans') return plansAnswer();
  return new Response(null, { status: 404 });
});

/** A screen of the entry area (加减分记录 and its like) on the path `/page`. */
async function mountPage(
  fetchPage: (signal: AbortSignal) => Promise<void>,
  path = '/page',
  options: PlanPageOptions = {},
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/page', component: { render: () => null } }],
  });
  await router.push(path);
  await router.isReady();
  let page!: ReturnType<typeof usePlanPage>;
  const Page = defineComponent(() => {
    page = usePlanPage(fetchPage, options);
    return () => h('div');
  });
  const wrapper = mount(Page, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, page };
}

describe('queryNumber', () => {
  it('should read a positive whole number from the query, else null', () => {
    expect(queryNumber('12')).toBe(12);
    expect(queryNumber(['7', '9'])).toBe(7);
    for (const bad of ['0', '-3', '1.5', '青山镇', '', null, undefined, 12])
      expect(queryNumber(bad)).toBeNull();
  });
});

describe('usePlanPage', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    plansAnswer = () => json({ items: [demoPlan, plan2025] });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('should load the plans, then the page on mount, and settle the loading flag', async () => {
    const context = usePlanContextStore();
    const seen: (number | null)[] = [];
    const { wrapper, page } = await mountPage(async () => {
      seen.push(context.plan?.id ?? null);
    });

    expect(seen).toEqual([1]);
    expect(page.isLoading.value).toBe(false);
    expect(page.loadError.value).toBeNull();
    wrapper.unmount();
  });

  it("should show a failure of the plans or of the page's own calls, and clear it on a retry", async () => {
    plansAnswer = () =>
      json(
        { code: 'INTERNAL_ERROR', message: '服务器内部错误', messageEn: 'Internal error', requestId: 'r1' },
        500,
      );
    const fetchPage = vi.fn<(signal: AbortSignal) => Promise<void>>(async () => undefined);
    const { wrapper, page } = await mountPage(fetchPage);

    expect(fetchPage).not.toHaveBeenCalled();
    expect(page.loadError.value).toBeInstanceOf(ApiError);
    expect((page.loadError.value as ApiError).messageZh).toBe('服务器内部错误');
    expect(page.isLoading.value).toBe(false);

    plansAnswer = () => json({ items: [demoPlan] });
    fetchPage.mockRejectedValueOnce(new Error('月度关账列表读取失败'));
    await page.load();
    expect((page.loadError.value as Error).message).toBe('月度关账列表读取失败');

    await page.load();
    expect(page.loadError.value).toBeNull();
    expect(fetchPage).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('should let a newer load abort the older one, whose late failure then shows nothing', async () => {
    const signals: AbortSignal[] = [];
    let first = true;
    const fetchPage = vi.fn(async (signal: AbortSignal) => {
      signals.push(signal);
      if (!first) return;
      first = false;
      // the first load waits until it is aborted, then fails as an aborted fetch does
      await new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    });
    const { wrapper, page } = await mountPage(fetchPage);
    expect(page.isLoading.value).toBe(true);

    await page.load();
    await flushPromises();

    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
    expect(page.loadError.value).toBeNull();
    expect(page.isLoading.value).toBe(false);
    wrapper.unmount();
  });

  it('should abort the running load when the page is left', async () => {
    let signal!: AbortSignal;
    const { wrapper } = await mountPage(
      (s) =>
        new Promise<void>(() => {
          signal = s;
        }),
    );
    expect(signal.aborted).toBe(false);

    wrapper.unmount();

    expect(signal.aborted).toBe(true);
  });

  it('should take the plan and the month a link names before the first load', async () => {
    const context = usePlanContextStore();
    const seen: string[] = [];
    const { wrapper } = await mountPage(
      async () => {
        seen.push(`${context.planId}:${context.month}`);
      },
      '/page?planId=2&month=2025-03',
      { fromRoute: true },
    );

    expect(seen).toEqual(['2:2025-03']);
    expect(JSON.parse(localStorage.getItem(PLAN_CONTEXT_STORAGE_KEY)!)).toEqual({
      planId: 2,
      month: '2025-03',
    });
    wrapper.unmount();
  });

  it("should ignore a plan the user does not have and a month outside the plan's begun months", async () => {
    const context = usePlanContextStore();
    const { wrapper } = await mountPage(async () => undefined, '/page?planId=99&month=2031-01', {
      fromRoute: true,
    });

    expect(context.planId).toBe(1);
    expect(context.month).not.toBe('2031-01');
    expect(context.months).toContain(context.month);
    wrapper.unmount();
  });

  it('should not read the route unless asked to', async () => {
    const context = usePlanContextStore();
    const { wrapper } = await mountPage(async () => undefined, '/page?planId=2&month=2025-03');

    expect(context.planId).toBe(1);
    expect(context.month).not.toBe('2025-03');
    wrapper.unmount();
  });
});

describe('usePlanPage on a work screen (workMonth)', () => {
  const monthsOf2025 = Array.from({ length: 12 }, (_, i) => {
    const month = `2025-${String(i + 1).padStart(2, '0')}`;
    const closed = i < 10;
    return {
      month,
      isOver: true,
      closedAt: closed ? `${month}-28T02:00:00.000Z` : null,
      closedBy: null,
      reason: null,
      snapshotVersion: closed ? 1 : null,
      reports:
        i < 10 ? { approved: 24, submitted: 0, expected: 24 } : { approved: 3, submitted: 6, expected: 24 },
      briefing: null,
    };
  });

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const url = new URL(String(input), 'http://localhost');
        if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan, plan2025] });
        if (url.pathname === '/api/v1/plans/2/months')
          return json({ planId: 2, year: 2025, items: monthsOf2025 });
        return new Response(null, { status: 404 });
      }),
    );
  });

  afterEach(() => vi.unstubAllGlobals());

  async function mountWorkPage(path: string) {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/page', component: { render: () => null } }],
    });
    await router.push(path);
    await router.isReady();
    const Page = defineComponent(() => {
      usePlanPage(async () => undefined, { workMonth: true });
      return () => h('div');
    });
    const wrapper = mount(Page, { global: { plugins: [router] } });
    await flushPromises();
    return { wrapper, router };
  }

  it('should open on the oldest month with open work (November with 6 waiting), and put it in the URL', async () => {
    const context = usePlanContextStore();
    const { wrapper, router } = await mountWorkPage('/page?planId=2');
    expect(context.month).toBe('2025-11');
    expect(router.currentRoute.value.query.month).toBe('2025-11');
    context.setMonth('2025-10');
    await flushPromises();
    expect(router.currentRoute.value.query.month).toBe('2025-10');
    wrapper.unmount();
  });

  it('should honour ?month= over the work month', async () => {
    const context = usePlanContextStore();
    const { wrapper, router } = await mountWorkPage('/page?planId=2&month=2025-06');
    expect(context.month).toBe('2025-06');
    expect(router.currentRoute.value.query.month).toBe('2025-06');
    wrapper.unmount();
  });
});
