import { CHART_COLORS } from './chart-option.js';
import { buildRankingBarsOption, rankingBarsHeight } from './ranking-bars.options.js';

type Bar = { value: number; name: string; itemStyle: { color: string }; label: { formatter: string } };

const rows = [
  { unitName: '城关镇', total: '95.123456789', rank: 1, list: 'red' as const },
  { unitName: '青山镇', total: '80.5', rank: 2, list: null },
  { unitName: '白云镇', total: '80.5', rank: 2, list: null },
  { unitName: '石桥镇', total: '40.005', rank: 4, list: 'black' as const },
];

describe(buildRankingBarsOption.name, () => {
  const option = buildRankingBarsOption({ rows, title: '乡镇（街道）组', animation: false });
  const bars = (option.series as Array<{ data: Bar[] }>)[0]!.data;

  it('should keep the API order, best at the top, with ranks in the labels (ties share a rank)', () => {
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual([
      '1. 城关镇',
      '2. 青山镇',
      '2. 白云镇',
      '4. 石桥镇',
    ]);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
  });

  it('should round scores half-up for drawing and label them with trailing zeros', () => {
    expect(bars.map((b) => b.value)).toEqual([95.12, 80.5, 80.5, 40.01]);
    expect(bars.map((b) => b.label.formatter)).toEqual(['95.12', '80.50', '80.50', '40.01']);
  });

  it('should colour the 红榜 red, the 黑榜 grey and the others blue', () => {
    expect(bars.map((b) => b.itemStyle.color)).toEqual([
      CHART_COLORS.red,
      CHART_COLORS.primary,
      CHART_COLORS.primary,
      CHART_COLORS.black,
    ]);
  });

  it('should honour the plan decimals, the title and animation', () => {
    const one = buildRankingBarsOption({ rows, decimals: 1 });
    expect((one.series as Array<{ data: Bar[] }>)[0]!.data[0]!.label.formatter).toBe('95.1');
    expect(one.title).toBeUndefined();
    expect(one.animation).toBe(true);
    expect(option.animation).toBe(false);
    expect((option.title as { text: string }).text).toBe('乡镇（街道）组');
  });

  it('should give every bar room', () => {
    expect(rankingBarsHeight(10)).toBe(372);
    expect(rankingBarsHeight(1)).toBe(160);
  });
});
