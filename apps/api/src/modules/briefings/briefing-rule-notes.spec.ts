import type { ScoringConfig } from '@pacer/shared';

import { briefingRuleNotes } from './briefing-model.builder';

// issue 16: the 通报 states each rule in words
describe(briefingRuleNotes.name, () => {
  const indicators = [
    { id: 1, code: 'SJWZ', name: '实际使用外资' },
    { id: 2, code: 'DWZJ', name: '实际到位资金' },
  ];
  const cells = new Map([
    [
      1,
      {
        display: {
          completionPct: '41.67',
          gapPp: '0.00',
          timeProgress: '数据滞后1个月，按1–5月序时进度计算',
        },
      },
    ],
    [2, { display: { completionPct: '50.00', gapPp: '0.00', timeProgress: null } }],
  ]);

  it('should say which indicator lags the plan’s time progress, and nothing for a default plan', () => {
    expect(briefingRuleNotes({ scoring: { items: [] }, displayDecimals: 2 }, indicators, cells)).toEqual([
      '实际使用外资数据滞后1个月，按1–5月序时进度计算',
    ]);
    expect(briefingRuleNotes({ scoring: { items: [] }, displayDecimals: 2 }, indicators, new Map())).toEqual(
      [],
    );
  });

  it('should state the rounding of the published figures when it is not 四舍五入 at the plan’s decimals', () => {
    const scoring = {
      items: [],
      rounding: { completion: { mode: 'down' }, gapPp: { decimals: 1 }, gapFrom: 'rounded' },
      indicators: { DWZJ: { rounding: { completion: { mode: 'up', decimals: 0 } } } },
    } as unknown as ScoringConfig;
    expect(briefingRuleNotes({ scoring, displayDecimals: 2 }, indicators, new Map())).toEqual([
      '完成率按去尾法保留2位小数',
      '超欠序时进度按四舍五入保留1位小数',
      '超欠序时进度按四舍五入后的完成率与序时进度相减计算',
      '实际到位资金完成率按进一法保留0位小数',
    ]);
  });

  it('should state the exchange rate of a total adding 万元 and 万美元 (issue 16 rule 12)', () => {
    const withRate = [...indicators, { id: 3, code: 'NWZ', name: '实际利用内外资', exchangeRate: '7.1' }];
    expect(briefingRuleNotes({ scoring: { items: [] }, displayDecimals: 2 }, withRate, new Map())).toEqual([
      '实际利用内外资中的外币金额按汇率：1美元=7.1元人民币折算',
    ]);
  });
});
