import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { demoDashboard, demoPlan } from '@/test-fixtures/assessment';
import { fakeMatchMedia } from '@/test-fixtures/match-media';
import { signInAs } from '@/test-fixtures/session';

import Dashboard from './index.vue';

// The leader's 驾驶舱 at 390 px: the 亮灯 matrix condensed to a strip of lights per unit (nothing scrolls sideways);
// a reporter's 驾驶舱 opens on the own unit's report of the month.

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/plans') return json(200, { items: [demoPlan] });
  if (url.pathname === '/api/v1/plans/1/dashboard') return json(200, { ...demoDashboard, month: url.searchParams.get('month') });
  if (url.pathname === '/api/v1/plans/1/reports') {
    return json(200, { planId: 1, month: url.searchParams.get('month'), deadline: '2026-12-05', items: [], missingUnitIds: [3] });
  }
  return json(404, { code: 'NOT_FOUND', message: '不存在', requestId: 'r1' });
});

async function mountAt(width: number) {
  window.matchMedia = fakeMatchMedia(width).matchMedia;
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push('/dashboard');
  const wrapper = mount(Dashboard, {
    global: { plugins: [pinia, i18n, router], stubs: { HeadlineGauge: true, TrendChart: true, RankingBars: true } },
  });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

describe('the dashboard on a phone', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.matchMedia = originalMatchMedia;
  });

  it("should condense the leader's light matrix to a strip of lights per unit, no wide table", async () => {
    signInAs(['leader'], { displayName: '分管副县长 周立新' });
    const wrapper = await mountAt(390);
    const matrix = wrapper.get('[data-test="light-matrix"]');
    expect(matrix.classes()).toContain('light-matrix__compact');
    expect(wrapper.find('.light-matrix__scroll').exists()).toBe(false);
    expect(matrix.text()).toContain('乡镇（街道）组');
    const lights = matrix.findAll('.light-matrix__light');
    expect(lights.length).toBeGreaterThan(0);
    expect(lights[0]!.classes()).toContain('is-green');
    expect(lights[0]!.attributes('aria-label')).toContain('99.43%');
    expect(wrapper.find('[data-test="my-report"]').exists()).toBe(false);
  });

  it("should open a reporter's dashboard on the own unit's report of the month", async () => {
    signInAs(['reporter'], { id: 12, displayName: '王海峰', units: [{ id: 3, code: 'T02', name: '青山镇' }] });
    const wrapper = await mountAt(390);
    const card = wrapper.get('[data-test="my-report"]');
    expect(card.text()).toContain('本单位本月月报');
    expect(card.text()).toContain('青山镇');
    expect(card.text()).toContain('尚未开始填报');
  });

  it('should keep the wide matrix and no report card on a desktop', async () => {
    signInAs(['reporter'], { id: 12, displayName: '王海峰', units: [{ id: 3, code: 'T02', name: '青山镇' }] });
    const wrapper = await mountAt(1366);
    expect(wrapper.find('.light-matrix__scroll').exists()).toBe(true);
    expect(wrapper.find('[data-test="my-report"]').exists()).toBe(false);
  });
});
