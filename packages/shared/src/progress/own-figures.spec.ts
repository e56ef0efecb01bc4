import { ownPart, showsOwnLine } from './own-figures.js';

describe('ownPart (本级, issue 14 point 11)', () => {
  it("should give the county's own part: its total less its towns', once", () => {
    // 县本级 reported 3亿 itself; 城关镇 12亿, 青山镇 4.5亿: the county's roll-up is 19.5亿
    const county = { actual: '195000', target: '500000' };
    const towns = [
      { actual: '120000', target: '200000' },
      { actual: '45000', target: '150000' },
    ];
    expect(ownPart(county, towns)).toEqual({ actual: '30000', target: '150000' });
  });

  it("should count a child without a target as 0 and give no own target when the children's cover it", () => {
    expect(ownPart({ actual: '10', target: '10' }, [{ actual: '4', target: null }, { actual: '6', target: '10' }])).toEqual({
      actual: '0',
      target: null,
    });
    // over-decomposed: the towns carry more than the county promised
    expect(ownPart({ actual: '8', target: '10' }, [{ actual: '8', target: '12' }]).target).toBeNull();
    expect(ownPart({ actual: '8', target: null }, [{ actual: '8', target: '12' }]).target).toBeNull();
  });

  it('should stay exact on 4-decimal 万元', () => {
    expect(ownPart({ actual: '0.3', target: '1' }, [{ actual: '0.1', target: '0.2' }, { actual: '0.1', target: '0.3' }])).toEqual({
      actual: '0.1',
      target: '0.5',
    });
  });
});

describe('showsOwnLine', () => {
  it('should show a （本级） line for parents only, the root only when it reports', () => {
    const root = { depth: 0, hasChildren: true };
    const park = { depth: 1, hasChildren: true };
    const town = { depth: 1, hasChildren: false };
    expect([root, park, town].map((u) => showsOwnLine('none', u))).toEqual([false, false, false]);
    expect([root, park, town].map((u) => showsOwnLine('parents', u))).toEqual([false, true, false]);
    expect([root, park, town].map((u) => showsOwnLine('root', u))).toEqual([true, true, false]);
  });
});
