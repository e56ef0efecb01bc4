import type { BriefingHeadline } from './briefing-model';
import {
  briefingTitle,
  chineseDate,
  docNumberOf,
  figureNumber,
  figureText,
  gapPointsText,
  gapText,
  headlineClause,
  movementText,
  periodLabel,
  scopeWordOf,
  summaryText,
} from './briefing-text';

const signed: BriefingHeadline = {
  indicatorId: 1,
  code: 'QYZE',
  name: '签约项目总投资',
  measure: '亿元',
  kind: 'amount',
  actual: '2493012.5',
  target: '3000000',
  completion: '0.831004166666666667',
  expected: '0.833333333333333333',
  gapPp: '-0.2329166666666666',
  light: 'yellow',
  redUnits: [],
};

describe('briefing text', () => {
  it('should write the period as 1—m月, and January as 1月', () => {
    expect(periodLabel(10)).toBe('1—10月');
    expect(periodLabel(2)).toBe('1—2月');
    expect(periodLabel(1)).toBe('1月');
  });

  it('should write the title, the 文号 and the date of a county, a city and anything else', () => {
    expect(briefingTitle(10, scopeWordOf('示范县'))).toBe('关于10月份全县招商引资目标任务完成情况的通报');
    expect(briefingTitle(3, scopeWordOf('临江市'))).toBe('关于3月份全市招商引资目标任务完成情况的通报');
    expect(scopeWordOf('高新技术产业开发区管委会')).toBe('县');
    expect(docNumberOf('示范县', 2026, 10)).toBe('示招促〔2026〕10号');
    expect(chineseDate('2026-11-05')).toBe('2026年11月5日');
  });

  it('should show amounts in 亿元 with two decimals (half-up), counts with their measure, ratios in %', () => {
    expect(figureText('2493012.5', 'amount', '亿元')).toBe('249.30亿元');
    expect(figureText('12345678.5', 'amount', '亿元')).toBe('1,234.57亿元');
    expect(figureText('8500.25', 'amount', '万元')).toBe('8,500.25万元');
    // dollars stay dollars, never turned into 亿元 (issue 16 rule 12)
    expect(figureText('1200', 'amount', '万美元')).toBe('1,200.00万美元');
    expect(figureText('9', 'count', '个')).toBe('9个');
    expect(figureText('4.6', 'count', '个')).toBe('4.6个');
    expect(figureText('0.45125', 'ratio', '%')).toBe('45.13%');
  });

  it('should write table figures without their unit and gaps with a sign (0.00 at time progress)', () => {
    expect(figureNumber('2493012.5', 'amount', '亿元')).toBe('249.30');
    expect(figureNumber('9', 'count', '个')).toBe('9');
    expect(figureNumber('0.45125', 'ratio', '%')).toBe('45.13');
    expect(gapPointsText('6.666')).toBe('+6.67');
    expect(gapPointsText('-0.2329')).toBe('-0.23');
    expect(gapPointsText('-0.004')).toBe('0.00');
    expect(gapPointsText(null)).toBe('—');
  });

  it('should say ahead of, behind or at time progress on the rounded gap', () => {
    expect(gapText('6.666666')).toBe('高于序时进度6.67个百分点');
    expect(gapText('-0.2329166')).toBe('低于序时进度0.23个百分点');
    expect(gapText('0')).toBe('与序时进度持平');
    // rounds to 0.00: at time progress, not "behind by 0.00"
    expect(gapText('-0.004')).toBe('与序时进度持平');
    expect(gapText('-0.005')).toBe('低于序时进度0.01个百分点');
    expect(gapText('12.3456', 1)).toBe('高于序时进度12.3个百分点');
  });

  it('should write one clause per headline indicator and the whole summary sentence', () => {
    expect(headlineClause(signed)).toBe(
      '签约项目总投资249.30亿元，完成年度目标的83.10%，低于序时进度0.23个百分点',
    );
    const big = {
      ...signed,
      name: '10亿元以上项目',
      measure: '个',
      kind: 'count',
      actual: '9',
      target: '10',
      completion: '0.9',
      gapPp: '6.6666666667',
    };
    const clues = {
      ...big,
      name: '项目线索',
      measure: '条',
      actual: '120',
      target: null,
      completion: null,
      gapPp: null,
    };
    expect(
      summaryText({ monthNo: 10, scopeWord: '县', headlines: [signed, big, clues], displayDecimals: 2 }),
    ).toBe(
      '1—10月，全县签约项目总投资249.30亿元，完成年度目标的83.10%，低于序时进度0.23个百分点；' +
        '10亿元以上项目9个，完成年度目标的90.00%，高于序时进度6.67个百分点；项目线索120条。',
    );
    expect(summaryText({ monthNo: 1, scopeWord: '市', headlines: [signed], displayDecimals: 1 })).toBe(
      '1月，全市签约项目总投资249.30亿元，完成年度目标的83.1%，低于序时进度0.2个百分点。',
    );
    expect(summaryText({ monthNo: 6, scopeWord: '县', headlines: [], displayDecimals: 2 })).toBe(
      '1—6月，全县招商引资目标任务完成情况详见附件。',
    );
  });

  it("should print each headline at its indicator's precision in the summary, as the table under it does", () => {
    // the plan shows 2 decimals; 签约项目总投资 publishes its completion with 0 and its gap with 1 (issue 14 point 12)
    const wholePercent = { ...signed, display: { completionPct: '83', gapPp: '-0.2', timeProgress: null } };
    const big = {
      ...signed,
      name: '10亿元以上项目',
      measure: '个',
      kind: 'count',
      actual: '9',
      target: '10',
      completion: '0.9',
      gapPp: '6.6666666667',
      display: { completionPct: '90.0', gapPp: '6.7', timeProgress: null },
    };
    expect(
      summaryText({ monthNo: 10, scopeWord: '县', headlines: [wholePercent, big], displayDecimals: 2 }),
    ).toBe(
      '1—10月，全县签约项目总投资249.30亿元，完成年度目标的83%，低于序时进度0.2个百分点；' +
        '10亿元以上项目9个，完成年度目标的90.0%，高于序时进度6.7个百分点。',
    );
  });

  it('should write movement as ↑2, ↓1, — and 新', () => {
    expect(movementText({ kind: 'up', places: 2 })).toBe('↑2');
    expect(movementText({ kind: 'down', places: 1 })).toBe('↓1');
    expect(movementText({ kind: 'same', places: 0 })).toBe('—');
    expect(movementText({ kind: 'new', places: 0 })).toBe('新');
  });
});
