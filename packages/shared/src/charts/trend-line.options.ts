import type { DecimalString, MonthString } from '../contracts/common.js';
import { Dec } from '../money/decimal.js';
import { WAN_PER_YI } from '../money/wan-yuan.js';
import { CHART_COLORS, CHART_FONT_FAMILY, type ChartOption } from './chart-option.js';

/** A headline indicator's series; DashboardSeries fits as it is. `actual` null = no figure that month (a gap). */
export interface TrendSeriesInput {
  name: string;
  measure: string;
  target: DecimalString | null;
  points: ReadonlyArray<{
    month: MonthString;
    actual: DecimalString | null;
    expectedActual: DecimalString | null;
  }>;
}

export interface TrendLineInput {
  series: TrendSeriesInput;
  /** The indicator's kind: amounts are stored in 万元 and drawn in 亿元 (or 万元 when the measure says so). */
  kind: string;
  /** Chart title; none when absent. */
  title?: string;
  /** Legend names (already translated); default 累计完成 / 序时进度目标 / 年度目标. */
  labels?: { actual?: string; expected?: string; target?: string };
  /** Decimals of the drawn values; default 2 for amounts, 0 for counts. */
  decimals?: number;
  animation?: boolean;
}

/** The unit of the drawn values: 亿元 for amounts (unless the measure is 万元), else the indicator's measure. */
export function trendUnit(kind: string, measure: string): string {
  if (kind === 'amount') return measure === '万元' ? '万元' : '亿元';
  return kind === 'ratio' ? '%' : measure;
}

function scaled(value: DecimalString, kind: string, measure: string, decimals: number): Dec {
  let d = new Dec(value);
  if (kind === 'amount' && measure !== '万元') d = d.div(WAN_PER_YI);
  if (kind === 'ratio') d = d.mul(100);
  return d.toDecimalPlaces(decimals);
}

function drawn(value: DecimalString | null, kind: string, measure: string, decimals: number): number | null {
  return value === null ? null : scaled(value, kind, measure, decimals).toNumber();
}

/**
 * The county's trend of one headline indicator, months 1..m: the cumulative actual (line with labels), the target
 * × time progress (dashed), and the annual target (a flat line).
 */
export function buildTrendLineOption(input: TrendLineInput): ChartOption {
  const { series, kind } = input;
  const decimals = input.decimals ?? (kind === 'count' ? 0 : 2);
  const unit = trendUnit(kind, series.measure);
  const hasTitle = input.title !== undefined && input.title !== '';
  const months = series.points.map((p) => `${Number(p.month.slice(5, 7))}月`);
  const labels = {
    actual: input.labels?.actual ?? '累计完成',
    expected: input.labels?.expected ?? '序时进度目标',
    target: input.labels?.target ?? '年度目标',
  };
  const target = drawn(series.target, kind, series.measure, decimals);
  const lines: Array<Record<string, unknown>> = [
    {
      type: 'line',
      name: labels.actual,
      // a literal label per point keeps the decimals (153.30, not 153.3)
      data: series.points.map((p) => {
        if (p.actual === null) return null;
        const value = scaled(p.actual, kind, series.measure, decimals);
        return { value: value.toNumber(), label: { formatter: value.toFixed(decimals) } };
      }),
      symbolSize: 7,
      lineStyle: { width: 3, color: CHART_COLORS.primary },
      itemStyle: { color: CHART_COLORS.primary },
      label: { show: true, position: 'top', fontSize: 11, color: CHART_COLORS.primary },
    },
    {
      type: 'line',
      name: labels.expected,
      data: series.points.map((p) => drawn(p.expectedActual, kind, series.measure, decimals)),
      symbol: 'none',
      lineStyle: { width: 2, type: 'dashed', color: CHART_COLORS.expected },
      itemStyle: { color: CHART_COLORS.expected },
    },
  ];
  if (target !== null) {
    lines.push({
      type: 'line',
      name: labels.target,
      data: series.points.map(() => target),
      symbol: 'none',
      lineStyle: { width: 1.5, color: CHART_COLORS.target },
      itemStyle: { color: CHART_COLORS.target },
    });
  }
  return {
    animation: input.animation ?? true,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    ...(hasTitle
      ? {
          title: {
            text: input.title,
            left: 'center',
            top: 8,
            textStyle: { fontSize: 16, fontWeight: 'bold' },
          },
        }
      : {}),
    tooltip: { trigger: 'axis' },
    legend: { bottom: 4, data: lines.map((l) => l.name) },
    // room above the plot for the axis name (亿元)
    grid: { left: 16, right: 24, top: hasTitle ? 64 : 40, bottom: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: months,
      boundaryGap: false,
      axisLabel: { color: CHART_COLORS.axis },
    },
    yAxis: {
      type: 'value',
      name: unit,
      nameTextStyle: { color: CHART_COLORS.axis },
      axisLabel: { color: CHART_COLORS.axis },
      splitLine: { lineStyle: { color: CHART_COLORS.grid, type: 'dashed' } },
    },
    series: lines,
  };
}
