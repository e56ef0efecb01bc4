import type { DecimalString, MonthString } from '../contracts/common.js';
import { dec, type DecimalInput } from '../money/decimal.js';
import { formatPercent } from '../money/wan-yuan.js';
import { parseMonth } from '../periods/month.js';
import type { ChartOption } from './chart-option.js';
import { chartValue, figureText, figureUnit, type IndicatorShape } from './chart-values.js';
import { paletteOf, type ChartTheme } from './palette.js';

// The one trend chart: the dashboard, the unit page and the 大屏 draw it in the browser, the 通报 (.docx) renders the
// same option on the server (apps/api/src/modules/briefings/briefing-charts.ts).

/** A month of a trend; DashboardSeriesPoint fits as it is. `actual` null = no figure that month (a gap). */
export interface TrendPoint {
  month: MonthString;
  actual: DecimalString | null;
  expectedActual: DecimalString | null;
}

/** A headline indicator's series; DashboardSeries fits as it is. */
export interface TrendSeriesInput {
  name: string;
  measure: string;
  target: DecimalString | null;
  points: readonly TrendPoint[];
}

export interface TrendLabels {
  actual: string;
  expected: string;
  target: string;
  completion: string;
  /** '10月' from a month number. */
  month: (month: number) => string;
  /** The measure as the reader sees it ('亿元', '个', or the English word). */
  unit: string;
}

export const DEFAULT_TREND_LABELS: TrendLabels = {
  actual: '累计完成',
  expected: '序时目标',
  target: '年度目标',
  completion: '完成率',
  month: (m) => `${m}月`,
  unit: '',
};

export interface TrendInput extends IndicatorShape {
  /** Months 1..m of the plan year, oldest first. */
  points: readonly TrendPoint[];
  /** The annual target; null = no target (no target line, no expected series). */
  target: DecimalInput | null;
  labels?: Partial<TrendLabels>;
  decimals?: number;
  theme?: ChartTheme;
  animation?: boolean;
  /** Font scale: 1 in the admin pages, larger on the 大屏. */
  scale?: number;
}

interface TooltipParam {
  seriesName?: string;
  dataIndex: number;
  marker?: string;
}

/**
 * The county (or a unit) trend of one indicator: cumulative actual month by month (solid, filled) against the
 * target × time-progress curve (dashed), with the annual target as a line across.
 */
export function buildTrendOption(input: TrendInput): ChartOption {
  const labels = { ...DEFAULT_TREND_LABELS, ...input.labels };
  const palette = paletteOf(input.theme);
  const scale = input.scale ?? 1;
  const fontSize = Math.round(12 * scale);
  const decimals = input.decimals ?? 2;
  const unit = labels.unit || figureUnit(input);
  const months = input.points.map((p) => labels.month(parseMonth(p.month).month));
  const actual = input.points.map((p) => chartValue(p.actual, input));
  const expected = input.points.map((p) => chartValue(p.expectedActual, input));
  const hasTarget = input.target !== null && !dec(input.target).isZero();
  const targetValue = hasTarget ? chartValue(input.target, input) : null;
  const withUnit = (text: string) => (text === '—' || !unit ? text : `${text} ${unit}`);

  const tooltipFormatter = (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
    const index = list[0]?.dataIndex ?? 0;
    const point = input.points[index];
    if (!point) return '';
    const lines = [
      `<b>${months[index]}</b>`,
      `${labels.actual}：${withUnit(figureText(point.actual, input, decimals))}`,
    ];
    if (hasTarget) {
      lines.push(`${labels.expected}：${withUnit(figureText(point.expectedActual, input, decimals))}`);
      const completion = point.actual === null ? null : dec(point.actual).div(input.target as DecimalInput);
      lines.push(`${labels.completion}：${formatPercent(completion, decimals)}`);
    }
    return lines.join('<br/>');
  };

  const series: Array<Record<string, unknown>> = [
    {
      type: 'line',
      name: labels.actual,
      data: actual,
      symbol: 'circle',
      symbolSize: Math.round(7 * scale),
      lineStyle: { width: Math.round(3 * scale), color: palette.actual },
      itemStyle: { color: palette.actual },
      areaStyle: { color: palette.actual, opacity: 0.12 },
      z: 3,
      ...(targetValue === null
        ? {}
        : {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: palette.target, type: 'solid', width: 1.5 },
              label: {
                formatter: `${labels.target} ${withUnit(figureText(input.target, input, decimals))}`,
                position: 'insideEndTop',
                color: palette.target,
                fontSize,
              },
              data: [{ yAxis: targetValue }],
            },
          }),
    },
  ];
  if (hasTarget) {
    series.push({
      type: 'line',
      name: labels.expected,
      data: expected,
      symbol: 'none',
      lineStyle: { width: Math.round(2 * scale), type: 'dashed', color: palette.expected },
      itemStyle: { color: palette.expected },
      z: 2,
    });
  }

  return {
    animation: input.animation ?? true,
    color: [palette.actual, palette.expected],
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.axisLine,
      textStyle: { color: palette.tooltipText, fontSize },
      formatter: tooltipFormatter,
    },
    legend: {
      top: 0,
      right: 0,
      textStyle: { color: palette.subtext, fontSize },
      data: hasTarget ? [labels.actual, labels.expected] : [labels.actual],
    },
    grid: { left: 8, right: 16, top: Math.round(36 * scale), bottom: 4 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: months,
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: { color: palette.subtext, fontSize },
    },
    yAxis: {
      type: 'value',
      name: unit,
      nameTextStyle: { color: palette.subtext, fontSize, align: 'left' },
      // Room above the target line for its label.
      max:
        targetValue === null
          ? undefined
          : (v: { max: number }) => niceCeil(Math.max(v.max, targetValue * 1.08)),
      axisLabel: { color: palette.subtext, fontSize },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    series,
  };
}

/** A round axis maximum just above `value` (1, 2 or 5 × a power of ten steps). */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = power / 2;
  return Math.ceil(value / step) * step;
}
