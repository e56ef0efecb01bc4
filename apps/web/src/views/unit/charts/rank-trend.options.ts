import { paletteOf, parseMonth } from '@pacer/shared';
import type { ChartTheme } from '@pacer/shared';

import type { ECOption } from '@/plugins/echarts';

import type { RankPoint } from '../unit-series';

export interface RankTrendInput {
  points: readonly RankPoint[];
  /** Units in the group: the axis runs from 1 (top) to this (bottom). */
  groupSize?: number | null;
  rankLabel?: string;
  month?: (month: number) => string;
  theme?: ChartTheme;
  animation?: boolean;
}

/** The unit's rank in its group month by month; 1st at the top, each point labelled with the rank. */
export function buildRankTrendOption(input: RankTrendInput): ECOption {
  const palette = paletteOf(input.theme);
  const monthText = input.month ?? ((m: number) => `${m}月`);
  const ranks = input.points.map((p) => p.rank);
  const worst = Math.max(input.groupSize ?? 0, ...ranks.map((r) => r ?? 0), 1);
  return {
    animation: input.animation ?? true,
    grid: { left: 8, right: 16, top: 24, bottom: 4 },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.axisLine,
      textStyle: { color: palette.tooltipText },
    },
    xAxis: {
      type: 'category',
      data: input.points.map((p) => monthText(parseMonth(p.month).month)),
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: { color: palette.subtext },
    },
    yAxis: {
      type: 'value',
      inverse: true,
      min: 1,
      max: worst,
      minInterval: 1,
      name: input.rankLabel ?? '名次',
      nameLocation: 'start',
      nameTextStyle: { color: palette.subtext },
      axisLabel: { color: palette.subtext },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    series: [
      {
        type: 'line',
        name: input.rankLabel ?? '名次',
        data: ranks,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 2, color: palette.actual },
        itemStyle: { color: palette.actual },
        label: { show: true, position: 'top', color: palette.text, fontWeight: 600 },
      },
    ],
  };
}
