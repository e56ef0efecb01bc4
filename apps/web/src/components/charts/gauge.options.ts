import { dec, paletteOf } from '@pacer/shared';
import type { ChartTheme, DecimalInput, GaugeLight, TrafficLight } from '@pacer/shared';

import type { ECOption } from '@/plugins/echarts';
import { decimalsOf, percent, points, publishedPercent } from '@/utils/format';

export type { GaugeLight } from '@pacer/shared';

export interface GaugeInput {
  /** Year-to-date actual, same unit as `target` (万元 for money, a count otherwise). */
  actual: DecimalInput;
  /** Annual target; 0 or missing means "no target": no completion, no light (DOMAIN.md §4). */
  target: DecimalInput | null | undefined;
  /** Expected cumulative fraction for the month (time progress), 0..1. */
  expected: DecimalInput;
  /** Yellow band in percentage points below time progress (plan setting, default 10). */
  yellowBandPoints?: DecimalInput;
  /** Indicator name shown under the value. */
  name?: string;
  /** Label of the time-progress mark (already translated). */
  expectedLabel?: string;
  /** Off in tests and screenshots, on in the app. */
  animation?: boolean;
  /**
   * The light the API computed (the plan's band, exact figures): it colours the ring when given; null = no
   * target. Left out, the light is computed here from the figures.
   */
  light?: TrafficLight | null;
  /** Decimals of the percentages (the plan's displayDecimals); default 2. */
  decimals?: number;
  /**
   * The completion as published ('74', '66.7': the indicator's rounding mode and decimals, issue 14 point 12); it
   * replaces the text computed from the figures, and its decimals print the time-progress mark too.
   */
  completionPct?: string | null;
  theme?: ChartTheme;
  /** Size of the ring and texts relative to the 280 px default (0.7 in a dashboard card, 1.1 on the 大屏). */
  scale?: number;
}

export interface GaugeFigures {
  /** Completion in percent, rounded half-up to 2 places; null when there is no target. */
  completionPct: number | null;
  /** Time progress in percent, rounded half-up to 2 places. */
  expectedPct: number;
  /** completion% − expected%, in points; null when there is no target. */
  gapPoints: number | null;
  light: GaugeLight;
}

export const LIGHT_COLORS: Record<GaugeLight, string> = paletteOf('light').lights;

const RING_WIDTH = 18;
/** Half the width of the time-progress tick, as a fraction of the arc. */
const MARK_HALF_WIDTH = 0.005;

/** Exact arithmetic on decimals; rounding happens only on the way out, for display. */
export function computeGaugeFigures(
  input: Pick<GaugeInput, 'actual' | 'target' | 'expected' | 'yellowBandPoints'>,
): GaugeFigures {
  const expected = dec(input.expected).mul(100);
  const expectedPct = expected.toDecimalPlaces(2).toNumber();
  if (
    input.target === null ||
    input.target === undefined ||
    input.target === '' ||
    dec(input.target).isZero()
  ) {
    return { completionPct: null, expectedPct, gapPoints: null, light: 'none' };
  }
  const completion = dec(input.actual).div(input.target).mul(100);
  const gap = completion.minus(expected);
  const band = dec(input.yellowBandPoints ?? 10);
  // Light per DOMAIN.md §4; moves to the shared scoring engine's traffic-light once it lands.
  const light: GaugeLight = gap.gte(0) ? 'green' : gap.gte(band.neg()) ? 'yellow' : 'red';
  return {
    completionPct: completion.toDecimalPlaces(2).toNumber(),
    expectedPct,
    gapPoints: gap.toDecimalPlaces(2).toNumber(),
    light,
  };
}

/**
 * A 0–100 % gauge: the coloured ring is the completion (clamped at 100 %, the text shows the real
 * figure), and a dark tick with a label marks where time progress says the unit should be.
 */
export function buildGaugeOption(input: GaugeInput): ECOption {
  const computed = computeGaugeFigures(input);
  const figures: GaugeFigures =
    input.light === undefined || computed.completionPct === null
      ? computed
      : { ...computed, light: input.light ?? 'none' };
  const palette = paletteOf(input.theme);
  const color = palette.lights[figures.light];
  const scale = input.scale ?? 1;
  const ringWidth = Math.round(RING_WIDTH * scale);
  const published = input.completionPct ?? null;
  const decimals = published === null ? (input.decimals ?? 2) : decimalsOf(published);
  const ringValue = Math.min(Math.max(figures.completionPct ?? 0, 0), 100);
  const markValue = Math.min(Math.max(figures.expectedPct, 0), 100);
  const markAt = markValue / 100;
  // The text keeps the exact ratio rounded once, to the plan's decimals.
  const completionText =
    figures.completionPct === null
      ? '—'
      : publishedPercent(published, dec(input.actual).div(input.target as DecimalInput), decimals);
  const expectedText = percent(input.expected, decimals);
  const expectedLabel = input.expectedLabel ?? '时间进度';
  const common = {
    type: 'gauge' as const,
    min: 0,
    max: 100,
    startAngle: 215,
    endAngle: -35,
    radius: '90%',
    center: ['50%', '55%'],
  };

  return {
    animation: input.animation ?? true,
    series: [
      {
        ...common,
        name: 'completion',
        progress: { show: true, width: ringWidth, roundCap: false, itemStyle: { color } },
        axisLine: { lineStyle: { width: ringWidth, color: [[1, palette.track]] } },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        // No scale labels: inside a small ring they crowd the figure, and the mark carries the reference.
        axisLabel: { show: false },
        anchor: { show: false },
        title: {
          show: Boolean(input.name),
          offsetCenter: [0, '28%'],
          fontSize: Math.round(13 * scale),
          color: palette.subtext,
        },
        detail: {
          valueAnimation: input.animation ?? true,
          offsetCenter: [0, '-4%'],
          fontSize: Math.round(30 * scale),
          fontWeight: 600,
          color,
          formatter: () => completionText,
        },
        data: [{ value: ringValue, name: input.name ?? '' }],
      },
      {
        ...common,
        name: 'expected',
        // Drawn over the ring: only a thin dark segment at the expected fraction is coloured.
        axisLine: {
          lineStyle: {
            width: ringWidth + Math.round(12 * scale),
            color: [
              [Math.max(markAt - MARK_HALF_WIDTH, 0), 'transparent'],
              [Math.min(markAt + MARK_HALF_WIDTH, 1), palette.mark],
              [1, 'transparent'],
            ],
          },
        },
        progress: { show: false },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          offsetCenter: [0, '52%'],
          // Never below 11 px: the mark's label must stay readable in a small card.
          fontSize: Math.max(11, Math.round(15 * scale)),
          color: palette.subtext,
          formatter: () => `${expectedLabel} ${expectedText}`,
        },
        data: [{ value: markValue, name: expectedLabel }],
      },
    ],
  };
}

/** The gap text for captions beside the gauge ('+15.00'), or '—' without a target. */
export function gaugeGapText(figures: GaugeFigures): string {
  return figures.gapPoints === null ? '—' : points(figures.gapPoints);
}
