import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';

import { usePlanContextStore } from '@/stores/plan-context';
import { demoPlan } from '@/test-fixtures/assessment';

import { useAssessmentMonth } from './use-assessment-month';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

// 2026-12-03 in Shanghai: by the calendar (close day 10) October is the latest closed month, but the office closed
// November on December 2 and generated its 通报.
const now = ref(new Date('2026-12-03T02:00:00Z'));
const monthRows = Array.from({ length: 12 }, (_, i) => {
  const month = `2026-${String(i + 1).padStart(2, '0')}`;
  return {
    month,
    closedAt: i < 11 ? `2026-${String(i + 2).padStart(2, '0')}-02T02:00:00.000Z` : null,
    reports: { approved: 24, submitted: 0, expected: 24 },
  };
});

async function mountScreen(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/dashboard', component: { render: () => null } }],
  });
  await router.push(path);
  await router.isReady();
  let state!: ReturnType<typeof useAssessmentMonth>;
  const Screen = defineComponent(() => {
    state = useAssessmentMonth(now);
    return () => h('div');
  });
  const wrapper = mount(Screen, { global: { plugins: [router] } });
  await usePlanContextStore().ensureLoaded();
  await flushPromises();
  return { wrapper, router, state };
}

let plan: typeof demoPlan = demoPlan;

describe('useAssessmentMonth (驾驶舱, 赛马榜, 大屏)', () => {
  beforeEach(() => {
    plan = demoPlan;
    localStorage.clear();
    setActivePinia(createPinia());
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const url = new URL(String(input), 'http://localhost');
        if (url.pathname === '/api/v1/plans') return json({ items: [plan] });
        if (url.pathname === '/api/v1/plans/1/months')
          return json({ planId: 1, year: 2026, items: monthRows });
        return new Response(null, { status: 404 });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('should open on the month actually closed (November), not the calendar guess, and put it in the URL', async () => {
    const { wrapper, router, state } = await mountScreen('/dashboard');
    expect(state.month.value).toBe('2026-11');
    expect(router.currentRoute.value.query.month).toBe('2026-11');
    state.setMonth('2026-09');
    await flushPromises();
    expect([state.month.value, router.currentRoute.value.query.month]).toEqual(['2026-09', '2026-09']);
    wrapper.unmount();
  });

  it('should honour ?month= from a link', async () => {
    const { wrapper, router, state } = await mountScreen('/dashboard?month=2026-06');
    expect(state.month.value).toBe('2026-06');
    expect(router.currentRoute.value.query.month).toBe('2026-06');
    wrapper.unmount();
  });

  it('should open on the live month (December, not closed yet) when the plan says readScreensMonth: live', async () => {
    plan = { ...demoPlan, readScreensMonth: 'live' };
    const { wrapper, router, state } = await mountScreen('/dashboard');
    expect(state.month.value).toBe('2026-12');
    expect(router.currentRoute.value.query.month).toBe('2026-12');
    wrapper.unmount();
  });

  it('should still honour ?month= from a link on a plan whose read screens open live', async () => {
    plan = { ...demoPlan, readScreensMonth: 'live' };
    const { wrapper, state } = await mountScreen('/dashboard?month=2026-10');
    expect(state.month.value).toBe('2026-10');
    wrapper.unmount();
  });
});
