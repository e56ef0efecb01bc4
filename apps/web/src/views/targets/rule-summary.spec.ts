import { describe, expect, it } from 'vitest';

import type { IndicatorRow, ScoringConfig } from '@pacer/shared';

import { i18n } from '@/locales';

import {
  boundText,
  indicatorRuleSummary,
  indicatorSettingsSummary,
  scoringItemSummary,
} from './rule-summary';

const t = (key: string, named?: Record<string, unknown>) =>
  i18n.global.t(key, named ?? {}, { locale: 'zh-CN' });

function indicator(extra: Partial<IndicatorRow>): IndicatorRow {
  return {
    id: 1,
    planId: 1,
    code: 'X',
    name: '指标',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: null,
    formula: null,
    weight: '10',
    cap: '1.2',
    isScored: true,
    isHeadline: false,
    sortOrder: 1,
    description: null,
    entryMode: 'month',
    reportFrequency: 'monthly',
    version: 1,
    ...extra,
  };
}

describe('indicatorRuleSummary', () => {
  it('should read a ledger rule in Chinese', () => {
    const shiyi = indicator({ ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '100000' } });
    expect(indicatorRuleSummary(shiyi, [shiyi], t)).toBe('台账：签约项目，协议投资额 ≥ 10亿元，计数');
    const funds = indicator({
      kind: 'amount',
      measure: '亿元',
      ledgerRule: { measure: 'sum_funds', origins: ['in_province', 'out_of_province', 'overseas'] },
    });
    expect(indicatorRuleSummary(funds, [funds], t)).toBe(
      '台账：项目到位资金合计，投资方来源 市外省内、省外、境外',
    );
    const w500 = indicator({ ledgerRule: { measure: 'count', event: 'signed', fortune500: true } });
    expect(indicatorRuleSummary(w500, [w500], t)).toBe('台账：签约项目，500强企业投资，计数');
  });

  it('should name the indicators of a formula and describe a reported one', () => {
    const xkg = indicator({ code: 'XKG', name: '新开工项目' });
    const qyxm = indicator({ code: 'QYXM', name: '签约项目个数' });
    const kgl = indicator({
      source: 'formula',
      kind: 'ratio',
      measure: '%',
      formula: { kind: 'ratio', numerator: 'XKG', denominator: 'QYXM' },
    });
    expect(indicatorRuleSummary(kgl, [xkg, qyxm, kgl], t)).toBe('公式：新开工项目 ÷ 签约项目个数');
    expect(indicatorRuleSummary(indicator({ source: 'reported' }), [], t)).toContain('月度填报');
  });

  it('should say the exchange rate of a total adding 万元 and 万美元 (issue 16 rule 12)', () => {
    const nz = indicator({
      id: 2,
      code: 'DWZJ',
      name: '实际到位资金',
      kind: 'amount',
      measure: '万元',
      source: 'reported',
    });
    const wz = indicator({
      id: 3,
      code: 'WZDW',
      name: '实际使用外资',
      kind: 'amount',
      measure: '万美元',
      source: 'reported',
    });
    const nwz = indicator({
      id: 4,
      code: 'NWZ',
      name: '实际利用内外资',
      kind: 'amount',
      measure: '万元',
      source: 'formula',
      formula: { kind: 'total', add: ['DWZJ', 'WZDW'], exchangeRate: '7.1' },
    });
    expect(indicatorRuleSummary(nwz, [nz, wz, nwz], t)).toBe(
      '公式：实际到位资金 + 实际使用外资 × 7.1（汇率：1美元=7.1元人民币）',
    );
  });

  it('should write bounds in 亿元 when whole, else 万元', () => {
    expect(boundText('10000', t)).toBe('1亿元');
    expect(boundText('500000', t)).toBe('50亿元');
    expect(boundText('5000', t)).toBe('5000万元');
  });
});

describe('scoringItemSummary', () => {
  it('should list the figures of an item', () => {
    expect(
      scoringItemSummary({ code: 'C', name: 'x', method: 'completion', weight: '25', cap: '1.2' }, t),
    ).toBe('权重 25 分，封顶 120%');
    expect(
      scoringItemSummary(
        {
          code: 'D',
          name: 'x',
          method: 'deduction',
          basePoints: '3',
          perLateReport: '0.5',
          perMissingReport: '1',
        },
        t,
      ),
    ).toBe('基础分 3，迟报每次扣 0.5，漏报每次扣 1');
  });
});

// issue 16: a reported rate, a lagged indicator and its rounding said in words
describe('indicatorSettingsSummary', () => {
  it('should say a reported rate is its latest figure, and a lag and a rounding mode in words', () => {
    expect(indicatorRuleSummary(indicator({ source: 'reported', kind: 'ratio', measure: '%' }), [], t)).toBe(
      '月度填报：比率取最近一次审核通过的数值（不逐月累加，不向上级汇总）',
    );
    const scoring: ScoringConfig = {
      items: [],
      indicators: {
        SJWZ: { timeProgress: { lagMonths: 1 }, rounding: { completion: { mode: 'up', decimals: 1 } } },
      },
    };
    expect(indicatorSettingsSummary(scoring, 'SJWZ', t)).toBe(
      '数据滞后1个月，按滞后的序时进度计算，完成率按进一法保留1位小数',
    );
    expect(indicatorSettingsSummary(scoring, 'DWZJ', t)).toBe('');
  });
});
