import fc from 'fast-check';

import { scoreDeduction } from './deduction.js';
import type { DeductionItem, UnitFacts } from './types.js';

const facts = (partial: Partial<UnitFacts>): UnitFacts => ({
  counts: {},
  projects: {},
  manualPoints: [],
  ...partial,
});

// 0.5 − 0.1 per project not started in time − 0.2 per falsified one (DOMAIN.md §5)
const discipline: DeductionItem = {
  code: 'discipline',
  name: '项目推进与诚信',
  method: 'deduction',
  base: '0.5',
  rules: [
    { counter: 'lateStart', points: '0.1', label: '未按期开工' },
    { counter: 'falsified', points: '0.2', label: '弄虚作假' },
  ],
};
// −1 per missing monthly report, from a base of 3 (信息报送)
const reporting: DeductionItem = {
  code: 'reporting',
  name: '信息报送',
  method: 'deduction',
  base: '3',
  rules: [
    { counter: 'reportMissing', points: '1', label: '缺报月报' },
    { counter: 'reportLate', points: '0.5', label: '迟报月报' },
  ],
};

describe('scoreDeduction', () => {
  it('should take 0.1 per late start and 0.2 per falsified one from 0.5 (DOMAIN.md §5)', () => {
    const s = scoreDeduction(discipline, facts({ counts: { lateStart: 1, falsified: 1 } }));
    expect(s.points.toFixed()).toBe('0.2');
    expect(s.formula).toBe('0.5 − 未按期开工 1 × 0.1 − 弄虚作假 1 × 0.2 = 0.20');
  });

  it('should never go below 0 (扣完为止)', () => {
    const s = scoreDeduction(discipline, facts({ counts: { lateStart: 3, falsified: 2 } }));
    expect(s.points.toFixed()).toBe('0');
    expect(s.formula).toBe('max(0.5 − 未按期开工 3 × 0.1 − 弄虚作假 2 × 0.2, 0) = 0.00');
    expect(s.inputs.deducted).toBe('0.7');
  });

  it('should take 1 per missing monthly report (DOMAIN.md §5)', () => {
    expect(scoreDeduction(reporting, facts({ counts: { reportMissing: 2 } })).formula).toBe(
      '3 − 缺报月报 2 × 1 − 迟报月报 0 × 0.5 = 1.00',
    );
    expect(
      scoreDeduction(reporting, facts({ counts: { reportMissing: 2, reportLate: 1 } })).points.toFixed(),
    ).toBe('0.5');
    expect(scoreDeduction(reporting, facts({ counts: { reportMissing: 4 } })).points.toFixed()).toBe('0');
  });

  it('should take manual points, and go negative only with floor null', () => {
    const s = scoreDeduction(
      discipline,
      facts({ manualPoints: [{ points: '0.2', reason: '虚报到位资金' }] }),
    );
    expect(s.formula).toBe('0.5 − 未按期开工 0 × 0.1 − 弄虚作假 0 × 0.2 − 0.2（虚报到位资金） = 0.30');
    const penalty: DeductionItem = { ...reporting, base: '0', floor: null };
    expect(scoreDeduction(penalty, facts({ counts: { reportMissing: 2 } })).points.toFixed()).toBe('-2');
  });

  it('should never fall below the floor and never rise when more is counted', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(5), (late, falsified, more) => {
        const low = scoreDeduction(
          discipline,
          facts({ counts: { lateStart: late + more, falsified } }),
        ).points;
        const high = scoreDeduction(discipline, facts({ counts: { lateStart: late, falsified } })).points;
        expect(low.gte(0) && high.lte('0.5') && high.gte(low)).toBe(true);
      }),
    );
  });
});
