import type { BriefingHeadline } from './briefing-model';
import { figuresSheet } from './briefing-xlsx';

// issue 14 point 12: the 附件's 指标完成情况 prints each indicator at its own precision (real notices print 0, 1 or 2
// decimals per indicator), as the .docx table and the summary sentence do
const headline = (extra: Partial<BriefingHeadline>): BriefingHeadline => ({
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
  ...extra,
});

describe('the 通报 appendix: 指标完成情况', () => {
  it("should format each indicator's completion and gap at the precision it publishes them with", () => {
    const { columns } = figuresSheet({
      headlines: [
        headline({}),
        headline({
          indicatorId: 2,
          code: 'DWZJ',
          name: '实际到位资金',
          display: { completionPct: '42', gapPp: '-8.3', timeProgress: null },
        }),
        headline({
          indicatorId: 3,
          code: 'KGL',
          name: '项目开工率',
          kind: 'ratio',
          measure: '%',
          display: { completionPct: '66.7', gapPp: '-16.67', timeProgress: null },
        }),
      ],
      units: [],
    });
    const formats = (name: string) =>
      columns
        .filter((c) => c.group === name && ['完成率', '超欠序时（百分点）'].includes(c.header))
        .map((c) => c.numFmt);
    // a snapshot frozen before issue 16 carries no published figures: the plan-wide 2 decimals, as before
    expect(formats('签约项目总投资')).toEqual(['0.00%', '+0.00;-0.00;0.00']);
    expect(formats('实际到位资金')).toEqual(['0%', '+0.0;-0.0;0.0']);
    expect(formats('项目开工率')).toEqual(['0.0%', '+0.00;-0.00;0.00']);
  });
});
