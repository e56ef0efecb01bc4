import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { demoDashboard, demoPlan, demoRanking } from '@/test-fixtures/assessment';

import Screen from './index.vue';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan] });
  if (url.pathname.endsWith('/dashboard')) return json({ ...demoDashboard, month: url.searchParams.get('month') });
  return json({ ...demoRanking, month: url.searchParams.get('month') });
});

async function mountScreen() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push('/screen');
  const wrapper = mount(Screen, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router], stubs: { HeadlineGauge: true, TrendChart: true, RankingBars: true } },
  });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

// the months list (GET /plans/:id/months) only picks the default month
const calls = () => fetchMock.mock.calls.map((c) => String(c[0])).filter((u) => !u.endsWith('/plans') && !u.endsWith('/months'));

describe('大屏', () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should title the county and year, and show the latest closed month as frozen', async () => {
    const { wrapper } = await mountScreen();
    expect(wrapper.get('[data-test="screen-title"]').text()).toBe('示范县2026年招商引资目标任务推进大屏');
    expect(calls()).toEqual(['/api/v1/plans/1/dashboard?month=2026-10', '/api/v1/plans/1/ranking?month=2026-10']);
    expect(wrapper.get('[data-test="screen-frozen"]').text()).toBe('已关账');
    expect(wrapper.get('[data-test="screen-headline-QYZE"]').text()).toContain('249.24');
    const lists = wrapper.get('[data-test="screen-lists"]').text();
    expect(lists).toContain('红榜');
    expect(lists).toContain('城关镇');
    expect(lists).toContain('东城街道');
    expect(wrapper.get('[data-test="screen-clock"]').text()).toContain('16:00:00');
    wrapper.unmount();
  });

  it('should refresh every 60 s, and move on to the next month once it closes', async () => {
    const { wrapper } = await mountScreen();
    expect(calls()).toHaveLength(2);

    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(calls()).toHaveLength(4);
    expect(calls()[2]).toBe('/api/v1/plans/1/dashboard?month=2026-10');

    // 2026-12-10 00:00:30 in Shanghai: November has closed.
    vi.setSystemTime(new Date('2026-12-09T16:00:00Z'));
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(calls().slice(4)).toEqual([
      '/api/v1/plans/1/dashboard?month=2026-11',
      '/api/v1/plans/1/ranking?month=2026-11',
    ]);
    wrapper.unmount();
  });

  it('should stop refreshing when it is left', async () => {
    const { wrapper } = await mountScreen();
    wrapper.unmount();
    vi.advanceTimersByTime(180_000);
    await flushPromises();
    expect(calls()).toHaveLength(2);
  });
});
