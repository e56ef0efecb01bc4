import { PALETTES } from './palette.js';
import {
  axisLabel,
  barLabel,
  buildRankingBarsOption,
  orderRows,
  rankingChartHeight,
} from './ranking-bars.options.js';
import type { RankingBarRow } from './ranking-bars.options.js';

const rows: RankingBarRow[] = [
  {
    unitId: 9,
    unitName: '东城街道',
    total: '64.20481601',
    rank: 2,
    list: 'red',
    movement: { kind: 'up', places: 8 },
  },
  {
    unitId: 10,
    unitName: '柳林乡',
    total: '26.346875',
    rank: 4,
    list: 'black',
    movement: { kind: 'down', places: 1 },
  },
  {
    unitId: 2,
    unitName: '城关镇',
    total: '84.77571428',
    rank: 1,
    list: 'red',
    movement: { kind: 'same', places: 0 },
  },
  {
    unitId: 4,
    unitName: '桥头镇',
    total: '61.23674601',
    rank: 3,
    list: null,
    movement: { kind: 'new', places: 0 },
  },
];

type Bars = {
  data: Array<{ value: number; itemStyle: { color: string } }>;
  label: { formatter: (p: { dataIndex: number }) => string; rich: Record<string, { color: string }> };
};

describe('buildRankingBarsOption', () => {
  it('should put the best on top: categories by rank on an inverted axis', () => {
    const option = buildRankingBarsOption({ rows, animation: false });
    const yAxis = option.yAxis as { inverse: boolean; data: string[] };
    expect(yAxis.inverse).toBe(true);
    expect(yAxis.data).toEqual(['1  城关镇', '2  东城街道', '3  桥头镇', '4  柳林乡']);
    const [bars] = option.series as unknown as Bars[];
    expect(bars!.data.map((d) => d.value)).toEqual([84.78, 64.2, 61.24, 26.35]);
  });

  it('should colour 红榜 red, 黑榜 slate and the others blue', () => {
    const [bars] = buildRankingBarsOption({ rows }).series as unknown as Bars[];
    expect(bars!.data.map((d) => d.itemStyle.color)).toEqual([
      PALETTES.light.bars.red,
      PALETTES.light.bars.red,
      PALETTES.light.bars.normal,
      PALETTES.light.bars.black,
    ]);
  });

  it('should end each bar with the score and the movement in its colour', () => {
    const [bars] = buildRankingBarsOption({ rows, newText: 'New' }).series as unknown as Bars[];
    const labels = [0, 1, 2, 3].map((i) => bars!.label.formatter({ dataIndex: i }));
    expect(labels).toEqual([
      '{score|84.78}  {same|—}',
      '{score|64.20}  {up|↑8}',
      '{score|61.24}  {new|New}',
      '{score|26.35}  {down|↓1}',
    ]);
    expect(bars!.label.rich.up!.color).toBe(PALETTES.light.movement.up);
    expect(bars!.label.rich.down!.color).toBe(PALETTES.light.movement.down);
  });

  it('should keep tied units in the order the API gave (their sort order)', () => {
    const tied: RankingBarRow[] = [
      { unitId: 5, unitName: '乙', total: '50', rank: 1, list: null, movement: null },
      { unitId: 3, unitName: '甲', total: '50', rank: 1, list: null, movement: null },
      { unitId: 1, unitName: '丙', total: '40', rank: 3, list: null, movement: null },
    ];
    expect(orderRows(tied).map((r) => r.unitId)).toEqual([5, 3, 1]);
    expect(axisLabel(tied[2]!)).toBe('3  丙');
    expect(barLabel(tied[0]!, 1)).toBe('{score|50.0}  {same|—}');
  });

  it('should use the dark palette and grow with the rows', () => {
    const [bars] = buildRankingBarsOption({ rows, theme: 'dark' }).series as unknown as Bars[];
    expect(bars!.data[3]!.itemStyle.color).toBe(PALETTES.dark.bars.black);
    expect(rankingChartHeight(10)).toBe(304);
    expect(rankingChartHeight(4, 1.5, 30)).toBe(216);
  });
});
