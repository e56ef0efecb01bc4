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

  it("should show the unit's own part (其中本级) under its figures when the plan gives it one (issue 14 point 11)", () => {
    const own: ScorecardCell = {
      ...cell,
      actual: '8000',
      target: '15000',
      completion: '0.5333333333',
      display: { completionPct: '53', gapPp: '-30.0', timeProgress: null },
    };
    const wrapper = mount(IndicatorCard, {
      props: { cell, decimals: 2, own },
      global: { plugins: [i18n, ElementPlus] },
    });
    expect(wrapper.get('[data-test="own"]').text()).toBe('其中本级 0.80 / 1.50 亿元53%');
    const none = mount(IndicatorCard, { props: { cell, decimals: 2 }, global: { plugins: [i18n, ElementPlus] } });
    expect(none.find('[data-test="own"]').exists()).toBe(false);
  });
});
