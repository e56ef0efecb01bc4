// ECharts is registered here once, from echarts/core and only the parts Pacer draws:
// importing 'echarts' whole would ship ~380 kB gzip instead of ~180 kB (STACK.md). No TitleComponent: no chart
// has a top-level title (the gauge's `title` is the series' own label, part of GaugeChart).
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, GaugeSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { use } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
// SVG: crisp at any zoom, and the same renderer the API uses for charts in the 通报.
import { SVGRenderer } from 'echarts/renderers';

use([
  GaugeChart,
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
]);

/** An option that may only use the charts and components registered above. */
export type ECOption = ComposeOption<
  | GaugeSeriesOption
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;
