import fc from 'fast-check';

import { scoreCompletion } from './completion.js';
import type { CompletionItem } from './types.js';

const item: CompletionItem = {
  code: 'signed',
  name: '签约项目',
  method: 'completion',
  indicator: 'signed',
  weight: '30',
  cap: '1.2',
};

describe('scoreCompletion', () => {
  it('should give 19.50 for 65% with weight 30 and cap 120% (DOMAIN.md §5)', () => {
    const s = scoreCompletion(item, { actual: '130000', target: '200000' });
    expect(s.points.toFixed()).toBe('19.5');
    expect(s.formula).toBe('30 × min(65.00%, 120%) = 19.50');
    expect(s.isScored).toBe(true);
    expect(s.inputs).toEqual({
      actual: '130000',
      target: '200000',
      completion: '0.65',
      weight: '30',
      cap: '1.2',
    });
  });

  it('should cap 130% at 120%: 36.00 (DOMAIN.md §5)', () => {
    const s = scoreCompletion(item, { actual: '260000', target: '200000' });
    expect(s.points.toFixed()).toBe('36');
    expect(s.formula).toBe('30 × min(130.00%, 120%) = 36.00');
  });

  it('should cap at 100% by default and not at all with cap null', () => {
    const noCap = { ...item, cap: undefined };
    expect(scoreCompletion(noCap, { actual: '13', target: '10' }).points.toFixed()).toBe('30');
    const uncapped = scoreCompletion({ ...item, cap: null }, { actual: '13', target: '10' });
    expect(uncapped.points.toFixed()).toBe('39');
    expect(uncapped.formula).toBe('30 × 130.00% = 39.00');
  });

  it('should round the formula text to the plan display decimals, never the points', () => {
    const s = scoreCompletion({ ...item, weight: '25' }, { actual: '1', target: '3' }, { decimals: 1 });
    expect(s.formula).toBe('25 × min(33.3%, 120%) = 8.3');
    expect(s.points.toFixed()).toBe('8.33333333');
  });

  it('should show "—" and 0 points without a target or with a zero target', () => {
    for (const target of [null, '0']) {
      const s = scoreCompletion(item, { actual: '5', target });
      expect(s.isScored).toBe(false);
      expect(s.points.toFixed()).toBe('0');
      expect(s.formula).toBe('—（无目标任务，不计分）');
    }
  });

  it('should keep points exact at 8 places and never below 0', () => {
    expect(scoreCompletion(item, { actual: '1', target: '3' }).points.toFixed()).toBe('10');
    expect(scoreCompletion({ ...item, weight: '25' }, { actual: '1', target: '3' }).points.toFixed()).toBe(
      '8.33333333',
    );
    const negative = scoreCompletion(item, { actual: '-5', target: '100' });
    expect(negative.points.toFixed()).toBe('0');
    expect(negative.formula).toBe('30 × max(min(-5.00%, 120%), 0) = 0.00');
  });

  it('should never lower the points when the actual grows, and stay within 0..weight × cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -1000, max: 3_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 50, max: 300 }),
        (target, a, more, weight, capPct) => {
          const it = { ...item, weight: String(weight), cap: String(capPct / 100) };
          const low = scoreCompletion(it, { actual: String(a), target: String(target) }).points;
          const high = scoreCompletion(it, { actual: String(a + more), target: String(target) }).points;
          expect(high.gte(low)).toBe(true);
          expect(low.gte(0)).toBe(true);
          expect(high.lte((weight * capPct) / 100)).toBe(true);
        },
      ),
    );
  });
});
