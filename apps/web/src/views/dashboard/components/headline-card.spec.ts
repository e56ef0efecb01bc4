import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';

import type { DashboardHeadline } from '@pacer/shared';

import { i18n } from '@/locales';
import HeadlineGauge from '@/components/charts/headline-gauge.vue';
import { demoDashboard } from '@/test-fixtures/assessment';

import HeadlineCard from './headline-card.vue';

// issue 14 point 12: the 驾驶舱's headline cards print an indicator at the precision it publishes it with
const qyze = demoDashboard.headlines[0]!;

function mountCard(headline: DashboardHeadline) {
  return mount(HeadlineCard, {
    props: { headline, decimals: 2 },
    global: { plugins: [i18n, ElementPlus], stubs: { HeadlineGauge: true } },
  });
}

describe('HeadlineCard', () => {
  it("should print the published gap and hand the gauge the published completion (the indicator's rule)", () => {
    // 签约项目总投资 published 去尾法 in whole percentages, the gap to 1 decimal
    const wrapper = mountCard({ ...qyze, display: { completionPct: '83', gapPp: '-0.3' } });
    expect(wrapper.get('[data-test="gap"] .gap-text').text()).toBe('-0.3');
    expect(wrapper.getComponent(HeadlineGauge).props('completionPct')).toBe('83');
    // the amounts keep the plan's decimals
    expect(wrapper.get('[data-test="actual"]').text()).toBe('249.24亿元');
  });

  it("should keep the plan's decimals for a month frozen without published figures", () => {
    const wrapper = mountCard({ ...qyze, display: undefined });
    expect(wrapper.get('[data-test="gap"] .gap-text').text()).toBe('-0.25');
    expect(wrapper.getComponent(HeadlineGauge).props('completionPct')).toBeNull();
  });
});
