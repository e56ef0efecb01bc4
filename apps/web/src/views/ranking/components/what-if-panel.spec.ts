import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/locales';
import { officialRanking, whatIfIndicators, whatIfPlan, whatIfProgress, whatIfScoringInput } from '@/test-fixtures/what-if';

import WhatIfPanel from './what-if-panel.vue';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const ranking = officialRanking(whatIfScoringInput.input);

async function mountPanel() {
  const wrapper = mount(WhatIfPanel, {
    props: { plan: whatIfPlan, ranking, unitId: 4 },
    global: { plugins: [i18n] },
  });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

describe('WhatIfPanel', () => {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/plans/1/scoring-input') return json(whatIfScoringInput);
    // GET /plans/1/indicators: the catalogue with each indicator's measure and kind
    const shapeOf = (id: number) => whatIfProgress.indicators.find((i) => i.id === id)!;
    return json({ planId: 1, items: whatIfIndicators.map((i) => ({ ...shapeOf(i.id), ...i })) });
  });

  beforeEach(() => {
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => vi.unstubAllGlobals());

  it('should load the figures of the month once and say what the simulation leaves alone', async () => {
    const wrapper = await mountPanel();
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toEqual([
      '/api/v1/plans/1/scoring-input?month=2026-06',
      '/api/v1/plans/1/indicators',
    ]);
    expect(wrapper.get('[data-test="what-if-note"]').text()).toContain('模拟仅调整完成类指标');
    // The indicators the simulated items read, in their measure: 6亿 signed, 2亿 in place, 1 of 4 started.
    const value = (id: number) => (wrapper.get(`input[data-test="what-if-input-${id}"]`).element as HTMLInputElement).value;
    expect([value(1), value(5), value(6), value(10)]).toEqual(['6', '2', '1', '4']);
    expect(wrapper.find('[data-test="what-if-result"]').exists()).toBe(false);
  });

  it('should re-score in the browser and compare with the official total and rank', async () => {
    const wrapper = await mountPanel();
    await wrapper.get('input[data-test="what-if-input-1"]').setValue('28');
    await flushPromises();

    const result = wrapper.get('[data-test="what-if-result"]');
    expect(wrapper.get('[data-test="what-if-total"]').text()).toBe('51.17');
    expect(wrapper.get('[data-test="what-if-rank"]').text()).toBe('1');
    expect(result.text()).toContain('24.17');
    expect(result.text()).toContain('+27.00');
    expect(result.text()).toContain('30 × min(140.00%, 120%) = 36.00');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('should refuse what is not a number and keep the official figures', async () => {
    const wrapper = await mountPanel();
    await wrapper.get('input[data-test="what-if-input-1"]').setValue('abc');
    await flushPromises();
    expect(wrapper.text()).toContain('请输入不小于 0 的数字');
    expect(wrapper.find('[data-test="what-if-result"]').exists()).toBe(false);
  });
});
