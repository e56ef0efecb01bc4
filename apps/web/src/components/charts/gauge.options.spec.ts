import { describe, expect, it } from 'vitest';

import { expectedFraction, PALETTES } from '@pacer/shared';

import { buildGaugeOption, computeGaugeFigures, gaugeGapText, LIGHT_COLORS } from './gauge.options';

type GaugeSeries = {
  name: string;
  data: { value: number; name: string }[];
  detail: { formatter: () => string };
  axisLine: { lineStyle: { color: [number, string][] } };
  progress: { show: boolean; itemStyle?: { color: string } };
};

function seriesOf(option: ReturnType<typeof buildGaugeOption>): GaugeSeries[] {
  return option.series as unknown as GaugeSeries[];
}

describe('computeGaugeFigures', () => {
  it('should give 65% against 50% time progress for 13亿 of 20亿 by June (DOMAIN.md §4)', () => {
    const figures = computeGaugeFigures({ actual: '130000', target: '200000', expected: '0.5' });
    expect(figures).toEqual({ completionPct: 65, expectedPct: 50, gapPoints: 15, light: 'green' });
  });

  it('should be yellow at 75% against 83.33% in October with the default 10 pp band', () => {
    const figures = computeGaugeFigures({
      actual: '150000',
      target: '200000',
      expected: expectedFraction(null, 10),
    });
    expect(figures.completionPct).toBe(75);
    expect(figures.expectedPct).toBe(83.33);
    expect(figures.gapPoints).toBe(-8.33);
    expect(figures.light).toBe('yellow');
  });

  it('should be red beyond the band, and honour a plan-specific band', () => {
    const input = { actual: '100000', target: '200000', expected: '0.75' };
    expect(computeGaugeFigures(input).light).toBe('red');
    expect(computeGaugeFigures({ ...input, yellowBandPoints: '30' }).light).toBe('yellow');
  });

  it('should round half-up only at the end', () => {
    // 1/3 = 33.333…% → 33.33; 2/3 = 66.666…% → 66.67
    expect(computeGaugeFigures({ actual: '1', target: '3', expected: '0' }).completionPct).toBe(33.33);
    expect(computeGaugeFigures({ actual: '2', target: '3', expected: '0' }).completionPct).toBe(66.67);
  });

  it('should give no completion and no light without a target', () => {
    for (const target of ['0', null, undefined, '']) {
      const figures = computeGaugeFigures({ actual: '100', target, expected: '0.5' });
      expect(figures).toEqual({ completionPct: null, expectedPct: 50, gapPoints: null, light: 'none' });
      expect(gaugeGapText(figures)).toBe('—');
    }
  });
});

describe('buildGaugeOption', () => {
  it('should put the completion on the ring and the time-progress mark at its fraction', () => {
    const option = buildGaugeOption({
      actual: '130000',
      target: '200000',
      expected: '0.5',
      name: '完成率',
      animation: false,
    });
    const [ring, mark] = seriesOf(option);

    expect(option.animation).toBe(false);
    expect(ring!.data[0]).toEqual({ value: 65, name: '完成率' });
    expect(ring!.detail.formatter()).toBe('65.00%');
    expect(ring!.progress.itemStyle?.color).toBe(LIGHT_COLORS.green);

    expect(mark!.data[0]).toEqual({ value: 50, name: '时间进度' });
    expect(mark!.detail.formatter()).toBe('时间进度 50.00%');
    // The mark is a thin coloured segment centred on 0.5 of the axis, transparent elsewhere.
    const stops = mark!.axisLine.lineStyle.color;
    expect(stops[0]![1]).toBe('transparent');
    expect(stops[0]![0]).toBeCloseTo(0.495, 6);
    expect(stops[1]![0]).toBeCloseTo(0.505, 6);
    expect(stops[1]![1]).not.toBe('transparent');
    expect(stops[2]).toEqual([1, 'transparent']);
  });

  it('should clamp the ring at 100% but print the real completion', () => {
    const option = buildGaugeOption({ actual: '240000', target: '200000', expected: '1', animation: false });
    const [ring] = seriesOf(option);
    expect(ring!.data[0]!.value).toBe(100);
    expect(ring!.detail.formatter()).toBe('120.00%');
  });

  it('should use the translated label and default to animating', () => {
    const option = buildGaugeOption({
      actual: '1',
      target: '2',
      expected: '0.25',
      expectedLabel: 'Time progress',
    });
    const [, mark] = seriesOf(option);
    expect(option.animation).toBe(true);
    expect(mark!.detail.formatter()).toBe('Time progress 25.00%');
  });

  it('should draw a grey empty ring and a dash without a target', () => {
    const option = buildGaugeOption({ actual: '1', target: '0', expected: '0.5', animation: false });
    const [ring] = seriesOf(option);
    expect(ring!.data[0]!.value).toBe(0);
    expect(ring!.detail.formatter()).toBe('—');
    expect(ring!.progress.itemStyle?.color).toBe(LIGHT_COLORS.none);
  });
});

describe('buildGaugeOption with the API figures', () => {
  it('should colour the ring by the light the API computed, not by its own', () => {
    // 77.41% against 83.33%: yellow by the default band; the API says red (a plan with a 5 pp band).
    const option = buildGaugeOption({ actual: '928860', target: '1200000', expected: '0.8333', light: 'red', animation: false });
    const [ring] = seriesOf(option);
    expect(ring!.progress.itemStyle?.color).toBe(LIGHT_COLORS.red);
    expect(ring!.detail.formatter()).toBe('77.41%');
  });

  it('should draw a grey ring when the API gives no light (no target)', () => {
    const option = buildGaugeOption({ actual: '5', target: null, expected: '0.5', light: null, animation: false });
    const [ring] = seriesOf(option);
    expect(ring!.progress.itemStyle?.color).toBe(LIGHT_COLORS.none);
    expect(ring!.detail.formatter()).toBe('—');
  });

  it('should print percentages with the plan decimals, from the exact ratio', () => {
    const option = buildGaugeOption({ actual: '2492400', target: '3000000', expected: '0.8333333333', decimals: 1, animation: false });
    const [ring, mark] = seriesOf(option);
    expect(ring!.detail.formatter()).toBe('83.1%');
    expect(mark!.detail.formatter()).toBe('时间进度 83.3%');
  });

  it("should print the completion the API published, by the indicator's mode and decimals (issue 14 point 12)", () => {
    // 83.08% published 进一法 in whole percentages: 84%, where half-up from the ratio would say 83%
    const option = buildGaugeOption({
      actual: '2492400',
      target: '3000000',
      expected: '0.8333333333',
      decimals: 2,
      completionPct: '84',
      animation: false,
    });
    const [ring, mark] = seriesOf(option);
    expect(ring!.detail.formatter()).toBe('84%');
    // the time-progress mark at the same precision
    expect(mark!.detail.formatter()).toBe('时间进度 83%');
    // the ring still draws the exact figure
    expect(ring!.data[0]!.value).toBe(83.08);
  });

  it('should put the October mark at 5/6 of the dial (DOMAIN.md §4: 83.33%)', () => {
    const option = buildGaugeOption({ actual: '1', target: '2', expected: expectedFraction(null, 10), animation: false });
    const [, mark] = seriesOf(option);
    const stops = mark!.axisLine.lineStyle.color;
    expect(mark!.data[0]!.value).toBe(83.33);
    expect((stops[0]![0] + stops[1]![0]) / 2).toBeCloseTo(0.8333, 4);
  });

  it('should use the dark palette on the 大屏', () => {
    const option = buildGaugeOption({ actual: '1', target: '1', expected: '0.5', light: 'green', theme: 'dark', animation: false });
    const [ring, mark] = seriesOf(option);
    expect(ring!.progress.itemStyle?.color).toBe(PALETTES.dark.lights.green);
    expect(ring!.axisLine.lineStyle.color).toEqual([[1, PALETTES.dark.track]]);
    expect(mark!.axisLine.lineStyle.color[1]![1]).toBe(PALETTES.dark.mark);
  });
});
