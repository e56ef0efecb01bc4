import type { DecimalString } from '../contracts/common.js';
import { Dec } from '../money/decimal.js';
import { CHART_COLORS, CHART_FONT_FAMILY, type ChartOption } from './chart-option.js';

/** A ranked unit; RankingRow and DashboardRankingRow fit as they are. */
export interface RankingBarsRow {
  unitName: string;
  total: DecimalString;
  rank: number;
  list: 'red' | 'black' | null;
}

export interface RankingBarsInput {
  /** Best first (the API's order). */
  rows: readonly RankingBarsRow[];
  /** Chart title, e.g. the group's name; none when absent. */
  title?: string;
  /** Decimals of the scores (the plan's displayDecimals); default 2. */
  decimals?: number;
  /** Axis name of the scores (already translated); default 得分. */
  scoreLabel?: string;
  /** Off on the server and in tests; default on. */
  animation?: boolean;
}

/** Height in pixels that shows every bar of `rows` readably (the server sizes its image with it). */
export function rankingBarsHeight(rowCount: number, hasTitle = true): number {
  return Math.max(160, rowCount * 30 + (hasTitle ? 72 : 40));
}

/**
 * Horizontal bars of a ranking group: best at the top, each labelled with its score; 红榜 units red, 黑榜 units
 * grey, the others blue. Scores are rounded half-up to `decimals` for drawing only.
 */
export function buildRankingBarsOption(input: RankingBarsInput): ChartOption {
  const decimals = input.decimals ?? 2;
  const hasTitle = input.title !== undefined && input.title !== '';
  const data = input.rows.map((r) => {
    const rounded = new Dec(r.total).toDecimalPlaces(decimals);
    return {
      value: rounded.toNumber(),
      name: r.unitName,
      itemStyle: {
        color:
          r.list === 'red'
            ? CHART_COLORS.red
            : r.list === 'black'
              ? CHART_COLORS.black
              : CHART_COLORS.primary,
      },
      // a literal label per bar keeps the trailing zeros (15.50, not 15.5)
      label: { formatter: rounded.toFixed(decimals) },
    };
  });
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
    grid: { left: 16, right: 56, top: hasTitle ? 48 : 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      name: input.scoreLabel ?? '得分',
      nameTextStyle: { color: CHART_COLORS.axis },
      axisLabel: { color: CHART_COLORS.axis },
      splitLine: { lineStyle: { color: CHART_COLORS.grid, type: 'dashed' } },
    },
    yAxis: {
      type: 'category',
      // best first from the top
      inverse: true,
      data: input.rows.map((r) => `${r.rank}. ${r.unitName}`),
      axisTick: { show: false },
      axisLabel: { color: '#111827', fontSize: 13 },
    },
    series: [
      {
        type: 'bar',
        name: input.scoreLabel ?? '得分',
        barMaxWidth: 20,
        data,
        label: { show: true, position: 'right', color: '#111827', fontSize: 12 },
      },
    ],
  };
}
