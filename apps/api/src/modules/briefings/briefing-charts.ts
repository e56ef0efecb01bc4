import { existsSync } from 'node:fs';

import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { ChartOption } from '@pacer/shared';
import * as echarts from 'echarts';

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
