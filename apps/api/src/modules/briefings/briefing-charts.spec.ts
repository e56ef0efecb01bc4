import { buildRankingBarsOption, type RankingBarRow } from '@pacer/shared';

import { withGap } from './briefing-charts';
import { groupExcerpt } from './briefing-excerpt';

type Bars = {
  data: Array<{ value: number | string }>;
  label: { formatter: (params: { dataIndex: number }) => string };
};

// 40 towns of a 乡镇（街道）组, best first; the 通报 draws the first 15 and the last 10.
const towns: RankingBarRow[] = Array.from({ length: 40 }, (_, i) => ({
  unitId: 100 + i,
  unitName: `第${i + 1}镇`,
  total: (95 - i * 1.5).toFixed(2),
  rank: i + 1,
  list: i < 3 ? 'red' : i >= 37 ? 'black' : null,
  movement: i === 39 ? { kind: 'down', places: 1 } : { kind: 'same', places: 0 },
}));

describe('the 通报 bars of a group shortened to its head and tail', () => {
  const { head, tail, omitted } = groupExcerpt(towns);
  const option = withGap(
    buildRankingBarsOption({ rows: [...head, ...tail], animation: false }),
    head.length,
    omitted,
  );
  const [bars] = option.series as Bars[];
  const label = (i: number) => bars!.label.formatter({ dataIndex: i });

  it('should put a blank bar between them that says how many units are left out', () => {
    const categories = (option.yAxis as { data: string[] }).data;
    expect(categories).toHaveLength(26);
    expect(categories[14]).toBe('15  第15镇');
    expect(categories[15]).toBe('……（略去15个单位）');
    expect(categories[16]).toBe('31  第31镇');
    expect(bars!.data[15]!.value).toBe('-');
    expect(label(15)).toBe('');
  });

  it('should end every bar with its own score and movement, after the gap too', () => {
    expect(label(0)).toBe('{score|95.00}  {same|—}');
    expect(label(14)).toBe('{score|74.00}  {same|—}');
    expect(label(16)).toBe('{score|50.00}  {same|—}');
    expect(label(25)).toBe('{score|36.50}  {down|↓1}');
  });
});
