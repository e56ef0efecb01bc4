import fc from 'fast-check';

import { scoreBandShortfall } from './band-shortfall.js';
import type { BandShortfallItem, UnitFacts } from './types.js';

const facts = (partial: Partial<UnitFacts>): UnitFacts => ({
  counts: {},
  projects: {},
  manualPoints: [],
  ...partial,
});

// bands 3–10 / 10–20 / ≥20亿 requiring 7 / 4 / 1, −0.1 per missing one (DOMAIN.md §5), from a base of 2
const item: BandShortfallItem = {
  code: 'bands',
  name: '分档项目个数',
  method: 'band-shortfall',
  base: '2',
  perMissing: '0.1',
  projects: 'signed',
  bands: [
    { minWan: '30000', maxWan: '100000', required: 7 },
    { minWan: '100000', maxWan: '200000', required: 4 },
    { minWan: '200000', required: 1 },
  ],
};
const projects = (...yi: number[]) => ({ signed: yi.map((y) => ({ agreedWan: String(y * 10000) })) });

describe('scoreBandShortfall', () => {
  it('should take 0.1 per project missing from each band (DOMAIN.md §5)', () => {
    // 5 of 7 in 3–10亿, 4 of 4 in 10–20亿, 0 of 1 at ≥20亿 → 3 missing; a 2亿 project counts nowhere
    const s = scoreBandShortfall(item, facts({ projects: projects(3, 4, 5, 6, 9.99, 10, 12, 15, 19.99, 2) }));
    expect(s.points.toFixed()).toBe('1.7');
    expect(s.formula).toBe('2 − 3–10亿缺 2 × 0.1 − 10–20亿缺 0 × 0.1 − ≥20亿缺 1 × 0.1 = 1.70');
  });

  it('should give the base when every band is full, and never go below 0', () => {
    expect(
      scoreBandShortfall(
        item,
        facts({ projects: projects(3, 3, 3, 3, 3, 3, 3, 10, 10, 10, 10, 20) }),
      ).points.toFixed(),
    ).toBe('2');
    const empty = scoreBandShortfall({ ...item, base: '1' }, facts({}));
    expect(empty.points.toFixed()).toBe('0');
    expect(empty.formula).toBe('max(1 − 3–10亿缺 7 × 0.1 − 10–20亿缺 4 × 0.1 − ≥20亿缺 1 × 0.1, 0) = 0.00');
  });

  it('should let a higher band cover a lower one when the plan allows it', () => {
    const data = facts({ projects: projects(3, 3, 3, 3, 3, 10, 10, 10, 10, 20, 25, 30) });
    expect(scoreBandShortfall(item, data).points.toFixed()).toBe('1.8');
    expect(scoreBandShortfall({ ...item, higherFillsLower: true }, data).points.toFixed()).toBe('2');
  });

  it('should read per-band counters when the item has no project list', () => {
    const counted: BandShortfallItem = {
      ...item,
      projects: undefined,
      bands: item.bands.map((b, i) => ({ ...b, counter: ['band3', 'band10', 'band20'][i]! })),
    };
    expect(
      scoreBandShortfall(counted, facts({ counts: { band3: 7, band10: 2, band20: 1 } })).points.toFixed(),
    ).toBe('1.8');
  });

  it('should stay within 0..base', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 20 }), (tenths) => {
        const p = scoreBandShortfall(
          item,
          facts({ projects: projects(...tenths.map((t) => t / 10)) }),
        ).points;
        expect(p.gte(0) && p.lte(2)).toBe(true);
      }),
    );
  });
});
