import { existsSync } from 'node:fs';

import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { buildRankingBarsOption, buildTrendOption, type ChartOption } from '@pacer/shared';
import * as echarts from 'echarts';

import { groupExcerpt } from './briefing-excerpt';
import type { BriefingModel } from './briefing-model';

/** Width of the chart's SVG canvas in CSS pixels; the PNG is drawn at twice that for print. */
export const CHART_WIDTH = 640;
const PNG_WIDTH = CHART_WIDTH * 2;

export interface ChartImage {
  png: Buffer;
  /** Size of the SVG canvas (the PNG keeps its aspect ratio). */
  width: number;
  height: number;
}

// resvg outlines every glyph of the CFF-based Noto CJK font slowly (~3 ms a glyph, ~8 ms a label): digits and Latin
// go to a TrueType font first (DejaVu, ~0.1 ms a glyph), Chinese falls back to Noto Sans CJK. Loading two known
// files instead of scanning the system's fonts saves ~0.2 s a chart.
const SERVER_FONT_FAMILY = "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif";
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

function fontOptions(): NonNullable<ResvgRenderOptions['font']> {
  const found = FONT_FILES.filter((f) => existsSync(f));
  return found.length === FONT_FILES.length
    ? { loadSystemFonts: false, fontFiles: found, defaultFontFamily: 'Noto Sans CJK SC' }
    : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
}

let fonts: NonNullable<ResvgRenderOptions['font']> | null = null;

/**
 * Renders an option of the shared builders (the web draws the same ones) on the server: ECharts' SSR SVG without a
 * DOM, then resvg to PNG on the libuv thread pool (the event loop stays free; several charts render in parallel).
 * Animation is off, the background white (a Word page); only the font family is the server's.
 */
export async function renderChart(
  option: ChartOption,
  height: number,
  width = CHART_WIDTH,
): Promise<ChartImage> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    const textStyle = (option.textStyle as Record<string, unknown> | undefined) ?? {};
    chart.setOption({
      ...option,
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { ...textStyle, fontFamily: SERVER_FONT_FAMILY },
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  fonts ??= fontOptions();
  const image = await renderAsync(svg, { font: fonts, fitTo: { mode: 'width', value: PNG_WIDTH } });
  return { png: image.asPng(), width, height };
}

/** The charts of a briefing, rendered before the .docx is built. */
export interface BriefingCharts {
  trend: ChartImage | null;
  /** One per ranking group, by group code. */
  groups: ReadonlyMap<string, ChartImage>;
}

/** Chart heights on the 640 px canvas, compact enough to share a page with their table. */
const TREND_HEIGHT = 340;
const barsHeight = (rows: number) => Math.max(120, rows * 22 + 44);

type BarLabel = { formatter: (params: { dataIndex: number }) => string } & Record<string, unknown>;

/**
 * The bars of a group shortened to its head and tail (briefing-excerpt.ts): an empty category between them says
 * how many units are left out. The bars' labels are looked up by position, so the ones after the gap shift back.
 */
export function withGap(option: ChartOption, at: number, omitted: number): ChartOption {
  const yAxis = option.yAxis as { data: string[] };
  const [series, ...others] = option.series as Array<{ data: unknown[]; label: BarLabel }>;
  const data = [...series!.data];
  data.splice(at, 0, { value: '-', label: { show: false } });
  const labels = [...yAxis.data];
  labels.splice(at, 0, `……（略去${omitted}个单位）`);
  const { formatter } = series!.label;
  const label: BarLabel = {
    ...series!.label,
    formatter: ({ dataIndex }) =>
      dataIndex === at ? '' : formatter({ dataIndex: dataIndex > at ? dataIndex - 1 : dataIndex }),
  };
  return {
    ...option,
    yAxis: { ...yAxis, data: labels },
    series: [{ ...series, data, label }, ...others],
  };
}

/**
 * The trend of the first headline indicator and the bars of each group, from the shared option builders (both are
 * the dashboard's, light theme, scores and rank movement at their ends); a group
 * bigger than GROUP_SHOWN_LIMIT is drawn as its first and last units (the .docx says so under the chart).
 */
export async function renderBriefingCharts(model: BriefingModel): Promise<BriefingCharts> {
  const trend = model.trend
    ? renderChart(
        buildTrendOption({
          points: model.trend.series.points,
          target: model.trend.series.target,
          kind: model.trend.kind,
          measure: model.trend.series.measure,
          // the 通报's wording (公文): 序时进度目标
          labels: { expected: '序时进度目标' },
          animation: false,
        }),
        TREND_HEIGHT,
      )
    : Promise.resolve(null);
  const bars = model.ranking.groups.flatMap((g) => {
    const rows = model.ranking.rows.filter((r) => r.group === g.code);
    if (rows.length === 0) return [];
    const { head, tail, omitted } = groupExcerpt(rows);
    const option = buildRankingBarsOption({
      rows: [...head, ...tail],
      decimals: model.displayDecimals,
      animation: false,
    });
    const bars = head.length + tail.length + (omitted > 0 ? 1 : 0);
    return [
      renderChart(omitted > 0 ? withGap(option, head.length, omitted) : option, barsHeight(bars)).then(
        (image) => [g.code, image] as const,
      ),
    ];
  });
  const [trendImage, groupImages] = await Promise.all([trend, Promise.all(bars)]);
  return { trend: trendImage, groups: new Map<string, ChartImage>(groupImages) };
}
