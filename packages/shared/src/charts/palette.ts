import type { TrafficLight } from '../enums/project-enums.js';

// Colours of every Pacer chart, per theme: the admin pages are light, the 大屏 is dark. Options take a theme
// name and read from here, so a chart looks the same wherever it is drawn and the specs can check colours.

export type ChartTheme = 'light' | 'dark';

/** A traffic light, or `none` for "no target" (DOMAIN.md §4: no completion, no light). */
export type GaugeLight = TrafficLight | 'none';

export interface ChartPalette {
  text: string;
  subtext: string;
  axisLine: string;
  splitLine: string;
  /** The empty part of a gauge ring. */
  track: string;
  /** The time-progress tick on a gauge. */
  mark: string;
  tooltipBackground: string;
  tooltipText: string;
  /** Cumulative actual (trend), the main series. */
  actual: string;
  /** Target × time-progress curve (trend). */
  expected: string;
  /** The annual target line (trend). */
  target: string;
  lights: Record<GaugeLight, string>;
  /** Ranking bars: 红榜, 黑榜, the others. */
  bars: { red: string; black: string; normal: string };
  movement: { up: string; down: string; same: string; new: string };
}

export const PALETTES: Record<ChartTheme, ChartPalette> = {
  light: {
    text: '#1f2937',
    subtext: '#4b5563',
    axisLine: '#cbd5e1',
    splitLine: '#e5e7eb',
    track: '#e5e7eb',
    mark: '#1f2937',
    tooltipBackground: '#ffffff',
    tooltipText: '#1f2937',
    actual: '#2563eb',
    expected: '#94a3b8',
    target: '#f97316',
    lights: { green: '#16a34a', yellow: '#f59e0b', red: '#dc2626', none: '#94a3b8' },
    bars: { red: '#dc2626', black: '#334155', normal: '#3b82f6' },
    movement: { up: '#16a34a', down: '#dc2626', same: '#94a3b8', new: '#2563eb' },
  },
  dark: {
    text: '#e2e8f0',
    subtext: '#94a3b8',
    axisLine: '#334155',
    splitLine: '#1e293b',
    track: '#1e3a5f',
    mark: '#f8fafc',
    tooltipBackground: '#0f172a',
    tooltipText: '#e2e8f0',
    actual: '#38bdf8',
    expected: '#94a3b8',
    target: '#fb923c',
    lights: { green: '#22c55e', yellow: '#facc15', red: '#f87171', none: '#64748b' },
    // 黑榜 must stay visible on a dark background: a cold grey instead of near-black.
    bars: { red: '#ef4444', black: '#64748b', normal: '#0ea5e9' },
    movement: { up: '#4ade80', down: '#f87171', same: '#94a3b8', new: '#60a5fa' },
  },
};

export function paletteOf(theme: ChartTheme = 'light'): ChartPalette {
  return PALETTES[theme];
}

/** The light of an API figure (null = no target). */
export function gaugeLightOf(light: TrafficLight | null | undefined): GaugeLight {
  return light ?? 'none';
}
