import { buildTrendLineOption, trendUnit } from './trend-line.options.js';

type Line = { name: string; data: Array<number | null | { value: number; label: { formatter: string } }> };

describe(buildTrendLineOption.name, () => {
  const series = {
    name: '签约项目总投资',
    measure: '亿元',
    target: '3000000',
    points: [
      { month: '2026-01', actual: '180000', expectedActual: '250000' },
      { month: '2026-02', actual: null, expectedActual: '500000' },
      { month: '2026-03', actual: '812345.6789', expectedActual: '750000' },
    ],
  };

  it('should draw amounts in 亿元: actual, time-progress target and the annual target', () => {
    const option = buildTrendLineOption({ series, kind: 'amount', animation: false });
    const lines = option.series as Line[];
    expect(lines.map((l) => l.name)).toEqual(['累计完成', '序时进度目标', '年度目标']);
    expect(lines[0]!.data).toEqual([
      { value: 18, label: { formatter: '18.00' } },
      null,
      { value: 81.23, label: { formatter: '81.23' } },
    ]);
    expect(lines[1]!.data).toEqual([25, 50, 75]);
    expect(lines[2]!.data).toEqual([300, 300, 300]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
    expect((option.yAxis as { name: string }).name).toBe('亿元');
  });

  it('should draw counts as they are, ratios in %, and no target line without a target', () => {
    const counts = buildTrendLineOption({
      series: {
        ...series,
        measure: '个',
        target: null,
        points: [{ month: '2026-01', actual: '3', expectedActual: null }],
      },
      kind: 'count',
    });
    expect((counts.series as Line[]).map((l) => l.data)).toEqual([
      [{ value: 3, label: { formatter: '3' } }],
      [null],
    ]);
    expect(trendUnit('ratio', '%')).toBe('%');
    expect(trendUnit('amount', '万元')).toBe('万元');
    const ratio = buildTrendLineOption({
      series: {
        ...series,
        measure: '%',
        target: '0.6',
        points: [{ month: '2026-01', actual: '0.4512', expectedActual: '0.05' }],
      },
      kind: 'ratio',
    });
    expect((ratio.series as Line[])[0]!.data).toEqual([{ value: 45.12, label: { formatter: '45.12' } }]);
  });
});
