import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';

import type { ScorecardCell } from '@pacer/shared';

import { i18n } from '@/locales';

import IndicatorCard from './indicator-card.vue';

// issue 14 point 12: 单位详情 prints an indicator's completion and gap at the precision it publishes them with
const cell: ScorecardCell = {
  indicatorId: 2,
  code: 'DWZJ',
  name: '实际到位资金',
  measure: '亿元',
  actual: '41666.67',
  target: '100000',
  completion: '0.4166667',
  expected: '0.5',
  gapPp: '-8.33333',
  light: 'yellow',
  forecast: {
    runRate: null,
    seasonal: null,
    value: null,
    method: null,
    yearsUsed: 0,
    completion: null,
    isAtRisk: null,
  },
  isAtRisk: null,
  hasValue: true,
  display: { completionPct: '42', gapPp: '-8.3', timeProgress: null },
};

describe('IndicatorCard', () => {
  it("should print the indicator's published completion and gap, not the plan's 2 decimals", () => {
    const wrapper = mount(IndicatorCard, {
      props: { cell, decimals: 2 },
      global: { plugins: [i18n, ElementPlus] },
    });
    expect(wrapper.find('.indicator-card__pct').text()).toBe('42%');
    expect(wrapper.find('.gap-text').text()).toBe('-8.3');
  });

  it('should keep the plan decimals for a snapshot frozen without published figures', () => {
    const wrapper = mount(IndicatorCard, {
      props: { cell: { ...cell, display: undefined }, decimals: 2 },
      global: { plugins: [i18n, ElementPlus] },
    });
    expect(wrapper.find('.indicator-card__pct').text()).toBe('41.67%');
    expect(wrapper.find('.gap-text').text()).toBe('-8.33');
  });
});
