import type { DashboardSeriesPoint } from '../contracts/dashboard.js';
import { PALETTES } from './palette.js';
import { buildTrendOption, niceCeil } from './trend.options.js';

const points: DashboardSeriesPoint[] = [
  { month: '2026-01', actual: '24600', expectedActual: '250000', expected: '0.0833', isFrozen: true },
  { month: '2026-02', actual: '154600', expectedActual: '500000', expected: '0.1667', isFrozen: true },
  { month: '2026-03', actual: '600000', expectedActual: '750000', expected: '0.25', isFrozen: false },
];

type Line = {
  type: string;
  name: string;
  data: Array<number | null>;
  lineStyle: { type?: string; color: string };
  markLine?: { data: Array<{ yAxis: number }>; label: { formatter: string } };
};

const linesOf = (option: ReturnType<typeof buildTrendOption>) => option.series as unknown as Line[];

describe('buildTrendOption', () => {
  it('should draw the cumulative actual and the target × curve month by month, in 亿元', () => {
    const option = buildTrendOption({
      points,
      target: '3000000',
      kind: 'amount',
      measure: '亿元',
      animation: false,
    });
    const [actual, expected] = linesOf(option);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
    expect(actual!.name).toBe('累计完成');
    expect(actual!.data).toEqual([2.46, 15.46, 60]);
    expect(actual!.lineStyle.color).toBe(PALETTES.light.actual);
    expect(expected!.name).toBe('序时目标');
    expect(expected!.data).toEqual([25, 50, 75]);
    expect(expected!.lineStyle.type).toBe('dashed');
    expect(option.animation).toBe(false);
  });

  it('should draw the annual target as a line across with its figure', () => {
    const option = buildTrendOption({ points, target: '3000000', kind: 'amount', measure: '亿元' });
    const [actual] = linesOf(option);
    expect(actual!.markLine!.data).toEqual([{ yAxis: 300 }]);
    expect(actual!.markLine!.label.formatter).toBe('年度目标 300.00 亿元');
    // The axis leaves room above the target for its label.
    const max = (option.yAxis as { max: (v: { max: number }) => number }).max;
    expect(max({ max: 60 })).toBe(350);
  });

  it('should explain a month in the tooltip with exact figures and the completion', () => {
    const option = buildTrendOption({ points, target: '3000000', kind: 'amount', measure: '亿元' });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const text = formatter([{ dataIndex: 1 }]);
    expect(text).toContain('2月');
    expect(text).toContain('累计完成：15.46 亿元');
    expect(text).toContain('序时目标：50.00 亿元');
    expect(text).toContain('完成率：5.15%');
  });

  it('should draw only the actual without a target, and use the given labels', () => {
    const option = buildTrendOption({
      points,
      target: null,
      kind: 'count',
      measure: '个',
      labels: { actual: 'Year to date', month: (m) => `M${m}` },
    });
    const lines = linesOf(option);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.markLine).toBeUndefined();
    expect(lines[0]!.name).toBe('Year to date');
    expect((option.xAxis as { data: string[] }).data).toEqual(['M1', 'M2', 'M3']);
  });

  it('should use the dark palette on the 大屏', () => {
    const option = buildTrendOption({
      points,
      target: '3000000',
      kind: 'amount',
      measure: '亿元',
      theme: 'dark',
    });
    expect(linesOf(option)[0]!.lineStyle.color).toBe(PALETTES.dark.actual);
  });

  it('should round an axis maximum up to a half step', () => {
    expect(niceCeil(324)).toBe(350);
    expect(niceCeil(10.8)).toBe(15);
    expect(niceCeil(0)).toBe(1);
  });
});
