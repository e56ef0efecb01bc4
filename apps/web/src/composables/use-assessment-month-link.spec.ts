import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';

import type { PlanRow } from '@pacer/shared';

import { demoPlan } from '@/test-fixtures/assessment';

import { useAssessmentMonth } from './use-assessment-month';

// A 月度关账 notice links to `/ranking?planId&month` (issue 13, point 2). When the notice is of another year's plan than
// the one the leader has open (January: last year's December is closed while the new plan runs), the screen moves
// to that plan, so the month of the link is one of its months and is shown.

const plan2025: PlanRow = { ...demoPlan, id: 2, year: 2025, name: '示范县2025年度招商引资目标任务' };

const Probe = defineComponent({
  setup() {
    const { context, month } = useAssessmentMonth();
    // as the assessment screens do on mount
    void context.ensureLoaded().catch(() => undefined);
    return () => h('p', { 'data-test': 'probe' }, `${context.planId ?? '-'} ${month.value ?? '-'}`);
  },
});

async function mountAt(path: string) {
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/ranking', component: Probe },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const wrapper = mount(RouterView, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

describe(useAssessmentMonth.name, () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(
        async () =>
          new Response(JSON.stringify({ items: [demoPlan, plan2025] }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("should take the link's plan, so the month of another year's plan is shown", async () => {
    const { wrapper } = await mountAt('/ranking?planId=2&month=2025-12');
    expect(wrapper.get('[data-test="probe"]').text()).toBe('2 2025-12');
    wrapper.unmount();
  });

  it('should follow a link to another plan while the screen is open', async () => {
    const { wrapper, router } = await mountAt('/ranking?month=2026-03');
    expect(wrapper.get('[data-test="probe"]').text()).toBe('1 2026-03');
    await router.push('/ranking?planId=2&month=2025-11');
    await flushPromises();
    expect(wrapper.get('[data-test="probe"]').text()).toBe('2 2025-11');
    wrapper.unmount();
  });

  it('should ignore a plan the user does not have', async () => {
    const { wrapper } = await mountAt('/ranking?planId=99&month=2026-03');
    expect(wrapper.get('[data-test="probe"]').text()).toBe('1 2026-03');
    wrapper.unmount();
  });
});
