import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import type { ScorecardResponse } from '@pacer/shared';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { demoPlan, demoRanking } from '@/test-fixtures/assessment';

import Ranking from './index.vue';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const ranking = {
  ...demoRanking,
  rows: [
    {
      unitId: 2,
      unitCode: 'T01',
      unitName: '城关镇',
      group: 'towns',
      total: '45.85666667',
      rank: 1,
      list: 'red' as const,
      movement: { kind: 'up' as const, places: 2 },
      previousRank: 3,
      items: [
        { code: 'C_QYZE', name: '签约项目总投资完成率', points: '24.85666667', isScored: true },
        { code: 'C_DWZJ', name: '实际到位资金完成率', points: '18', isScored: true },
        { code: 'D_REPORT', name: '月报迟报漏报扣分', points: '3', isScored: true },
      ],
    },
    {
      unitId: 9,
      unitCode: 'T08',
      unitName: '东城街道',
      group: 'towns',
      total: '20.5',
      rank: 2,
      list: 'black' as const,
      movement: { kind: 'down' as const, places: 1 },
      previousRank: 1,
      items: [
        { code: 'C_QYZE', name: '签约项目总投资完成率', points: '0', isScored: false },
        { code: 'C_DWZJ', name: '实际到位资金完成率', points: '18', isScored: true },
        { code: 'D_REPORT', name: '月报迟报漏报扣分', points: '2.5', isScored: true },
      ],
    },
  ],
};

const scorecard: ScorecardResponse = {
  planId: 1,
  month: '2026-10',
  isFrozen: true,
  computedAt: '2026-11-10T01:00:00.000Z',
  unit: { id: 2, code: 'T01', name: '城关镇', category: 'town' },
  group: { code: 'towns', name: '乡镇（街道）组' },
  rank: 1,
  list: 'red',
  movement: { kind: 'up', places: 2 },
  items: [
    {
      code: 'C_QYZE',
      name: '签约项目总投资完成率',
      method: 'completion',
      isScored: true,
      inputs: { actual: '149140', target: '150000' },
      formula: '25 × min(99.43%, 120%) = 24.86',
      points: '24.85666667',
    },
  ],
  subtotal: '24.85666667',
  coefficient: null,
  total: '24.85666667',
  displayDecimals: 2,
  cells: [],
};

const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/plans') return json({ items: [demoPlan] });
  if (url.pathname === '/api/v1/plans/1/ranking') return json(ranking);
  if (url.pathname === '/api/v1/plans/1/units/2/scorecard') return json(scorecard);
  return new Response(null, { status: 404 });
});

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(Ranking, { attachTo: document.body, global: { plugins: [pinia, i18n, router] } });
  await flushPromises();
  await flushPromises();
  return { wrapper, router };
}

describe('Ranking view', () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('should rank each group with the movement, the item points and the red and black lists', async () => {
    const { wrapper } = await mountAt('/ranking');
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/plans/1/ranking?month=2026-10');
    expect(wrapper.text()).toContain('名次变动对比 2026年9月');
    expect(wrapper.get('[data-test="red-list"]').text()).toContain('城关镇');
    expect(wrapper.get('[data-test="black-list"]').text()).toContain('东城街道');
    const table = wrapper.get('[data-test="ranking-table-towns"]').text();
    expect(table).toContain('45.86');
    expect(table).toContain('24.86');
    expect(table).toContain('↑2');
    expect(table).toContain('↓1');
    expect(table).toContain('—');
    wrapper.unmount();
  });

  it('should open the scorecard of the unit in the link, with its formulas', async () => {
    const { wrapper, router } = await mountAt('/ranking?unit=2');
    await flushPromises();
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/plans/1/units/2/scorecard?month=2026-10');
    const drawer = document.body.querySelector('[data-test="scorecard-items"]');
    expect(drawer?.textContent).toContain('25 × min(99.43%, 120%) = 24.86');
    expect(document.body.querySelector('[data-test="scorecard-total"]')?.textContent).toBe('24.86');

    await wrapper.get('[data-test="black-list"] button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.unit).toBe('9');
    wrapper.unmount();
  });
});
