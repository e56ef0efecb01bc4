import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import type { ScorecardResponse } from '@pacer/shared';

import { i18n } from '@/locales';
import { createAppRouter } from '@/router';
import { demoPlan } from '@/test-fixtures/assessment';

import UnitDetail from './index.vue';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function scorecard(month: string): ScorecardResponse {
  return {
    planId: 1,
    month,
    isFrozen: true,
    computedAt: null,
    unit: { id: 2, code: 'T01', name: '城关镇', category: 'town' },
    group: { code: 'towns', name: '乡镇（街道）组' },
    rank: 1,
    list: 'red',
    movement: { kind: 'same', places: 0 },
    items: [],
    subtotal: '84.77571428',
    coefficient: null,
    total: '84.77571428',
    displayDecimals: 2,
    cells: [
      {
        indicatorId: 1,
        code: 'QYZE',
        name: '签约项目总投资',
        measure: '亿元',
        actual: '149140',
        target: '150000',
        completion: '0.9942666666666666666666666666666666666667',
        expected: '0.8333333333333333333333333333333333333333',
        gapPp: '16.09333333333333333333333333333333333334',
        light: 'green',
        forecast: {
          runRate: '178968',
          seasonal: null,
          value: '178968',
          method: 'run-rate',
          yearsUsed: 0,
          completion: '1.19312',
          isAtRisk: false,
        },
        isAtRisk: false,
      },
    ],
  };
}

let failScorecards = false;
const fetchMock = vi.fn<typeof fetch>(async (input) => {
  const url = new URL(String(input), 'http://localhost');
  const month = url.searchParams.get('month') ?? '';
  if (url.pathname === '/api/v1/plans') return json(200, { items: [demoPlan] });
  if (url.pathname === '/api/v1/plans/1/units/2/scorecard') {
    return failScorecards
      ? json(404, { code: 'NOT_FOUND', message: '单位不在计划中', requestId: 'r-404' })
      : json(200, scorecard(month));
  }
  if (url.pathname === '/api/v1/plans/1/ranking') {
    return json(200, { groups: [{ code: 'towns', name: '乡镇（街道）组', unitCount: 10, red: [], black: [] }] });
  }
  if (url.pathname === '/api/v1/plans/1/reports') {
    return json(200, {
      planId: 1,
      month,
      deadline: '',
      missingUnitIds: [],
      items:
        month === '2026-11'
          ? []
          : [
              {
                id: 1,
                planId: 1,
                unitId: 2,
                unitCode: 'T01',
                unitName: '城关镇',
                unitCategory: 'town',
                month,
                status: 'approved',
                isLate: month === '2026-03',
                submittedAt: '2026-04-03T04:24:00.000Z',
                approvedAt: null,
                returnedReason: null,
                version: 1,
              },
            ],
    });
  }
  if (url.pathname === '/api/v1/projects') {
    return json(200, {
      total: 8,
      page: 1,
      pageSize: 10,
      items: [{ id: 37, name: '盛祥冷链物流中心', stage: 'signed', agreedInvestmentWan: '5700', signedDate: '2026-11-02' }],
    });
  }
  return json(404, {});
});

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(UnitDetail, {
    global: { plugins: [pinia, i18n, router], stubs: { TrendChart: true, VChart: true, echarts: true } },
  });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

const urls = () => fetchMock.mock.calls.map((c) => String(c[0]));

describe('Unit detail', () => {
  beforeEach(() => {
    localStorage.clear();
    failScorecards = false;
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('should read the scorecard of every month up to the one shown, the year of reports and the projects', async () => {
    const wrapper = await mountAt('/units/2?month=2026-03');
    expect(urls().filter((u) => u.includes('/scorecard'))).toEqual([
      '/api/v1/plans/1/units/2/scorecard?month=2026-01',
      '/api/v1/plans/1/units/2/scorecard?month=2026-02',
      '/api/v1/plans/1/units/2/scorecard?month=2026-03',
    ]);
    expect(urls().filter((u) => u.includes('/reports'))).toHaveLength(11);
    expect(urls()).toContain('/api/v1/projects?unitId=2&planId=1&page=1&pageSize=10&sort=updatedAt&order=desc');

    expect(wrapper.get('h1').text()).toBe('城关镇');
    expect(wrapper.get('[data-test="unit-total"]').text()).toBe('84.78');
    const card = wrapper.get('[data-test="indicator-QYZE"]').text();
    expect(card).toContain('99.43%');
    expect(card).toContain('14.91 / 15.00 亿元');
    expect(card).toContain('+16.09');
    expect(card).toContain('17.90 亿元');
    const reports = wrapper.get('[data-test="unit-reports"]').text();
    expect(reports).toContain('2026年11月');
    expect(reports).toContain('未创建');
    expect(reports).toContain('迟报');
    expect(wrapper.get('[data-test="unit-projects"]').text()).toContain('盛祥冷链物流中心');
    expect(wrapper.text()).toContain('共 8 个项目');
  });

  it('should show the error when the unit is not in the plan', async () => {
    failScorecards = true;
    const wrapper = await mountAt('/units/2');
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('单位不在计划中');
  });
});
