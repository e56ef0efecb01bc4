/**
 * An ECharts option as a plain object. The shared package does not depend on echarts: the web narrows it to its
 * tree-shaken `ECOption` (`as ECOption`), the API hands it to `echarts.init(…, { ssr: true }).setOption`.
 * Builders here are pure functions of contract data, so the dashboard and the 通报's images draw the same chart.
 */
export type ChartOption = Record<string, unknown>;

/** Colours shared by the web and the server-rendered charts. */
export const CHART_COLORS = {
  /** Bars of units on the 红榜. */
  red: '#c8161d',
  /** Bars of units on the 黑榜. */
  black: '#4b5563',
  /** Other bars, and the actual line of a trend. */
  primary: '#2f6fd6',
  /** The time-progress line (target × curve). */
  expected: '#f59e0b',
  /** The annual target line. */
  target: '#16a34a',
  axis: '#6b7280',
  grid: '#e5e7eb',
} as const;

/** Font family the charts ask for: the CJK font installed on the servers (STACK.md), then the browser's. */
export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
