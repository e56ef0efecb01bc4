import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';

import type { ScorecardCell, ScorecardResponse } from '@pacer/shared';

import { i18n } from '@/locales';

import ScorecardItems from './scorecard-items.vue';

// issue 16: a cell without a value shows "—" (not 0%), and the published completion follows the plan's rounding
const forecast = {
  runRate: null,
  seasonal: null,
  value: null,
  method: null,
  yearsUsed: 0,
  completion: null,
  isAtRisk: null,
} as const;
const cell = (extra: Partial<ScorecardCell>): ScorecardCell => ({
  indicatorId: 1,
  code: 'KGL',
  name: '项目开工率',
  measure: '%',
  actual: '0',
  target: '0.5',
  completion: null,
  expected: '0.5',
  gapPp: null,
  light: null,
  forecast: { ...forecast },
  isAtRisk: null,
  ...extra,
});
const scorecard = (cells: ScorecardCell[]): ScorecardResponse => ({
  planId: 1,
  month: '2026-06',
  isFrozen: false,
  computedAt: null,
  unit: { id: 3, code: 'T02', name: '青山镇', category: 'town' },
  group: { code: 'towns', name: '乡镇（街道）组' },
  rank: 2,
  list: null,
  movement: { kind: 'new', places: 0 },
  items: [],
  subtotal: '0',
  coefficient: null,
  total: '0',
  displayDecimals: 2,
  cells,
});

describe('ScorecardItems', () => {
  it('should show "—" for a ratio of 0 ÷ 0 and the published completion when the plan rounds it', () => {
    const wrapper = mount(ScorecardItems, {
      props: {
        scorecard: scorecard([
          cell({ hasValue: false }),
          cell({
            indicatorId: 2,
            code: 'LYL',
            name: '合同履约率',
            actual: '0.66666666',
            completion: '1.333333333333333333333333333333333333333',
            display: { completionPct: '133.3', gapPp: '83.3', timeProgress: null },
          }),
        ]),
      },
      global: { plugins: [i18n] },
    });
    const rows = wrapper.findAll('[data-test="scorecard-cells"] tbody tr');
    // the actual column: "—", not 0.00%
    expect(rows[0]!.findAll('td')[1]!.text()).toBe('—');
    expect(rows[1]!.text()).toContain('133.3%');
  });

  it("should print each indicator's completion and gap at its own precision, not the plan's 2 decimals", () => {
    const wrapper = mount(ScorecardItems, {
      props: {
        scorecard: scorecard([
          // 实际到位资金 published with whole percentages and a 1-decimal gap (issue 14 point 12)
          cell({
            code: 'DWZJ',
            name: '实际到位资金',
            measure: '亿元',
            actual: '41666.67',
            target: '100000',
            completion: '0.4166667',
            expected: '0.5',
            gapPp: '-8.33333',
            light: 'yellow',
            hasValue: true,
            display: { completionPct: '42', gapPp: '-8.3', timeProgress: null },
          }),
        ]),
      },
      global: { plugins: [i18n] },
    });
    const tds = wrapper.findAll('[data-test="scorecard-cells"] tbody tr')[0]!.findAll('td');
    expect(tds[3]!.text()).toBe('42%');
    expect(tds[4]!.text()).toBe('-8.3');
  });
  it('should say which month a quarterly or optional figure is of (issue 16 rule 11)', () => {
    const wrapper = mount(ScorecardItems, {
      props: {
        scorecard: scorecard([
          cell({
            code: 'GDZC',
            name: '固定资产投资',
            measure: '万元',
            display: {
              completionPct: '60.00',
              gapPp: '-15.00',
              timeProgress: '按季度报送，数据截至9月，按1–9月序时进度计算',
              dataMonth: 9,
            },
          }),
          cell({
            indicatorId: 2,
            code: 'LYL',
            display: { completionPct: '50.00', gapPp: '0.00', timeProgress: null },
          }),
        ]),
      },
      global: { plugins: [i18n] },
    });
    expect(wrapper.get('[data-test="cell-time-progress-GDZC"]').text()).toBe(
      '按季度报送，数据截至9月，按1–9月序时进度计算',
    );
    expect(wrapper.find('[data-test="cell-time-progress-LYL"]').exists()).toBe(false);
  });
});
