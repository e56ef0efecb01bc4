import fc from 'fast-check';

import { scoreComposite } from './composite.js';
import type { CompositeItem } from './types.js';

const signing: CompositeItem = {
  code: 'signing',
  name: '签约',
  method: 'composite',
  weight: '20',
  cap: '1',
  parts: [
    { indicator: 'signedCount', share: '0.5' },
    { indicator: 'signedAmount', share: '0.5' },
  ],
};

describe('scoreComposite', () => {
  it('should mix ½ count ratio + ½ amount ratio (DOMAIN.md §5)', () => {
    const s = scoreComposite(signing, {
      signedCount: { actual: '6', target: '10' },
      signedAmount: { actual: '400000', target: '500000' },
    });
    expect(s.inputs.completion).toBe('0.7');
    expect(s.points.toFixed()).toBe('14');
    expect(s.formula).toBe('20 × min(0.5 × 60.00% + 0.5 × 80.00%, 100%) = 20 × 70.00% = 14.00');
  });

  it('should cap the mix at 100% (DOMAIN.md §5)', () => {
    const s = scoreComposite(signing, {
      signedCount: { actual: '8', target: '10' },
      signedAmount: { actual: '800000', target: '500000' },
    });
    expect(s.inputs.completion).toBe('1.2');
    expect(s.points.toFixed()).toBe('20');
    expect(s.formula).toBe('20 × min(0.5 × 80.00% + 0.5 × 160.00%, 100%) = 20 × 100.00% = 20.00');
  });

  it('should cap a part on its own when the part says so', () => {
    const item = { ...signing, cap: null, parts: [{ ...signing.parts[0]!, cap: '1' }, signing.parts[1]!] };
    const s = scoreComposite(item, {
      signedCount: { actual: '20', target: '10' },
      signedAmount: { actual: '500000', target: '500000' },
    });
    expect(s.points.toFixed()).toBe('20');
    expect(s.formula).toBe('20 × (0.5 × min(200.00%, 100%) + 0.5 × 100.00%) = 20 × 100.00% = 20.00');
  });

  it('should show "—" when a part has no target', () => {
    const s = scoreComposite(signing, {
      signedCount: { actual: '6', target: '10' },
      signedAmount: { actual: '1', target: null },
    });
    expect(s.isScored).toBe(false);
    expect(s.points.toFixed()).toBe('0');
  });

  it('should never lower the points when an actual grows, and stay within 0..weight × cap', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(2_000_000), fc.nat(2_000_000), (c, dc, a, da) => {
        const low = scoreComposite(signing, {
          signedCount: { actual: String(c), target: '10' },
          signedAmount: { actual: String(a), target: '500000' },
        });
        const high = scoreComposite(signing, {
          signedCount: { actual: String(c + dc), target: '10' },
          signedAmount: { actual: String(a + da), target: '500000' },
        });
        expect(high.points.gte(low.points)).toBe(true);
        expect(low.points.gte(0) && high.points.lte(20)).toBe(true);
      }),
    );
  });
});
