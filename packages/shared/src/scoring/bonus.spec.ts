import fc from 'fast-check';

import { scoreBonus } from './bonus.js';
import type { BonusItem, UnitFacts } from './types.js';

const facts = (partial: Partial<UnitFacts>): UnitFacts => ({
  counts: {},
  projects: {},
  manualPoints: [],
  ...partial,
});

const fortune500: BonusItem = {
  code: 'f500',
  name: '500强项目',
  method: 'bonus',
  rules: [{ counter: 'fortune500', points: '10', label: '500强项目' }],
};
// +4 per ≥10亿, +8 per ≥50亿, highest band only (DOMAIN.md §5); agreed investment in 万元
const bigProjects: BonusItem = {
  code: 'big',
  name: '重大项目',
  method: 'bonus',
  rules: [
    {
      projects: 'signed',
      bands: [
        { minWan: '100000', points: '4' },
        { minWan: '500000', points: '8' },
      ],
    },
  ],
};

describe('scoreBonus', () => {
  it('should give +10 per 500强 project (DOMAIN.md §5)', () => {
    const s = scoreBonus(fortune500, facts({ counts: { fortune500: 2 } }));
    expect(s.points.toFixed()).toBe('20');
    expect(s.formula).toBe('500强项目 2 × 10 = 20.00');
  });

  it('should score a project in its highest band only: 12亿 + 60亿 → 4 + 8 = 12 (DOMAIN.md §5)', () => {
    const s = scoreBonus(
      bigProjects,
      facts({
        projects: { signed: [{ agreedWan: '120000' }, { agreedWan: '600000' }, { agreedWan: '90000' }] },
      }),
    );
    expect(s.points.toFixed()).toBe('12');
    expect(s.formula).toBe('(≥10亿 1 × 4 + ≥50亿 1 × 8) = 12.00（不重复加分，按最高档计）');
  });

  it('should count 以上 inclusively: exactly 10亿 and exactly 50亿 reach their bands', () => {
    const s = scoreBonus(
      bigProjects,
      facts({ projects: { signed: [{ agreedWan: '100000' }, { agreedWan: '500000' }] } }),
    );
    expect(s.points.toFixed()).toBe('12');
  });

  it('should credit a shared project by its share', () => {
    const s = scoreBonus(
      bigProjects,
      facts({ projects: { signed: [{ agreedWan: '600000', share: '0.5' }] } }),
    );
    expect(s.points.toFixed()).toBe('4');
  });

  it('should cap a rule and the item, and add manual points', () => {
    const item: BonusItem = {
      ...fortune500,
      rules: [{ counter: 'fortune500', points: '10', cap: '20', label: '500强项目' }],
      cap: '25',
    };
    const capped = scoreBonus(item, facts({ counts: { fortune500: 3 } }));
    expect(capped.points.toFixed()).toBe('20');
    expect(capped.formula).toBe('min(500强项目 3 × 10, 20) = 20.00');
    const withManual = scoreBonus(
      item,
      facts({ counts: { fortune500: 3 }, manualPoints: [{ points: '8', reason: '省委通报表扬' }] }),
    );
    expect(withManual.points.toFixed()).toBe('25');
    expect(withManual.formula).toBe('min(min(500强项目 3 × 10, 20) + 8（省委通报表扬）, 25) = 25.00');
  });

  it('should give 0 with nothing counted', () => {
    expect(scoreBonus(fortune500, facts({})).formula).toBe('500强项目 0 × 10 = 0.00');
    expect(scoreBonus({ ...fortune500, rules: [] }, facts({})).formula).toBe('0 = 0.00');
  });

  it('should stay within 0..cap and never fall when more is counted', () => {
    const item: BonusItem = { ...bigProjects, cap: '30' };
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { maxLength: 12 }), fc.nat(1_000_000), (agreed, extra) => {
        const projects = agreed.map((a) => ({ agreedWan: String(a) }));
        const low = scoreBonus(item, facts({ projects: { signed: projects } })).points;
        const high = scoreBonus(
          item,
          facts({ projects: { signed: [...projects, { agreedWan: String(extra) }] } }),
        ).points;
        expect(low.gte(0) && high.lte(30) && high.gte(low)).toBe(true);
      }),
    );
  });
});
