import type { DecimalString } from '../contracts/common.js';
import type { RankMovement } from '../contracts/ranking.js';
import { dec } from '../money/decimal.js';
import type { ChartOption } from './chart-option.js';
import { paletteOf } from './palette.js';
import type { ChartTheme } from './palette.js';
import { movementLabel } from './rank-movement.js';

// The one ranking-bars chart: the dashboard and the 大屏 draw it in the browser, the 通报 (.docx) renders the same
// option on the server (apps/api/src/modules/briefings/briefing-charts.ts).

/** A ranked unit; RankingRow and DashboardRankingRow fit as they are. */
export interface RankingBarRow {
  unitId: number;
  unitName: string;
  total: DecimalString;
  rank: number;
  list: 'red' | 'black' | null;
  movement: RankMovement | null;
}

export interface RankingBarsInput {
  rows: readonly RankingBarRow[];
  /** Score decimals (the plan's displayDecimals). */
  decimals?: number;
  /** The word for a unit new to the ranking ('新' / 'New'). */
  newText?: string;
  theme?: ChartTheme;
  animation?: boolean;
  scale?: number;
}

/** Rows best first: by rank, ties in the order the API gave (the units' sort order). */
export function orderRows<T extends { rank: number }>(rows: readonly T[]): T[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.rank - b.row.rank || a.i - b.i)
    .map((x) => x.row);
}

/** The label at a bar's end: the score, then the movement in its colour ('84.78  ↑2'). */
export function barLabel(row: RankingBarRow, decimals = 2, newText = '新'): string {
  const movement = movementLabel(row.movement, newText);
  return `{score|${dec(row.total).toFixed(decimals)}}  {${movement.tone}|${movement.text}}`;
}

/** The category label on the axis: '1  城关镇'. */
export function axisLabel(row: RankingBarRow): string {
  return `${row.rank}  ${row.unitName}`;
}

/** The height a group's bar chart needs to keep its bars readable (`rowHeight` px per unit before scaling). */
export function rankingChartHeight(rowCount: number, scale = 1, rowHeight = 28): number {
  return Math.round((Math.max(rowCount, 1) * rowHeight + 24) * scale);
}

/**
 * One ranking group as horizontal bars, best on top; 红榜 red, 黑榜 slate, the rest blue; each bar ends with the
 * score and the rank movement (↑ green, ↓ red, 新, —).
 */
export function buildRankingBarsOption(input: RankingBarsInput): ChartOption {
  const palette = paletteOf(input.theme);
  const scale = input.scale ?? 1;
  const fontSize = Math.round(12 * scale);
  const decimals = input.decimals ?? 2;
  const rows = orderRows(input.rows);
  const colorOf = (row: RankingBarRow) =>
    row.list === 'red' ? palette.bars.red : row.list === 'black' ? palette.bars.black : palette.bars.normal;
  const bold = { fontSize, fontWeight: 600 as const };

  return {
    animation: input.animation ?? true,
    grid: { left: 4, right: Math.round(68 * scale), top: 4, bottom: 4 },
    xAxis: { type: 'value', show: false, min: 0, max: (v: { max: number }) => Math.max(v.max, 1) },
    yAxis: {
      type: 'category',
      // Best on top.
      inverse: true,
      data: rows.map(axisLabel),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.text, fontSize },
    },
    tooltip: { show: false },
    series: [
      {
        type: 'bar',
        barMaxWidth: Math.round(18 * scale),
        data: rows.map((row) => ({
          value: Math.max(dec(row.total).toDecimalPlaces(decimals).toNumber(), 0),
          itemStyle: { color: colorOf(row), borderRadius: [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params: { dataIndex: number }) => {
            const row = rows[params.dataIndex];
            return row ? barLabel(row, decimals, input.newText) : '';
          },
          rich: {
            score: { ...bold, color: palette.text },
            up: { ...bold, color: palette.movement.up },
            down: { ...bold, color: palette.movement.down },
            same: { fontSize, color: palette.movement.same },
            new: { ...bold, color: palette.movement.new },
          },
        },
      },
    ],
  };
}
