import { plausibilityFlags } from './report-plausibility';

describe('plausibilityFlags', () => {
  const funds = { indicatorId: 1, target: '20000', pastMonths: 4, pastTotal: '6000' };
  const clues = { indicatorId: 2, target: null, pastMonths: 0, pastTotal: '0' };

  it('should flag a month above the annual target', () => {
    expect(plausibilityFlags([{ indicatorId: 1, value: '25000' }], [funds], '3')).toEqual([
      { indicatorId: 1, code: 'aboveAnnualTarget', value: '25000', reference: '20000' },
    ]);
  });

  it('should flag a month far above the unit’s average approved month (1500 a month, ×3 = 4500)', () => {
    expect(plausibilityFlags([{ indicatorId: 1, value: '4500.01' }], [funds], '3')).toEqual([
      { indicatorId: 1, code: 'farAboveUsual', value: '4500.01', reference: '1500' },
    ]);
    expect(plausibilityFlags([{ indicatorId: 1, value: '4500' }], [funds], '3')).toEqual([]);
  });

  it('should not compare with past months when the factor is 0 or there are none, nor flag a zero', () => {
    expect(plausibilityFlags([{ indicatorId: 1, value: '9000' }], [funds], '0')).toEqual([]);
    expect(plausibilityFlags([{ indicatorId: 2, value: '900' }], [clues], '3')).toEqual([]);
    expect(plausibilityFlags([{ indicatorId: 1, value: '0' }], [{ ...funds, target: '0' }], '3')).toEqual([]);
  });

  it('should not compare a reported rate (a level) with its annual target: 履约率 50% this month against a 30% target', () => {
    const rate = { indicatorId: 3, target: '0.3', level: true, pastMonths: 0, pastTotal: '0' };
    expect(plausibilityFlags([{ indicatorId: 3, value: '0.5' }], [rate], '3')).toEqual([]);
    expect(plausibilityFlags([{ indicatorId: 3, value: '0.5' }], [{ ...rate, level: false }], '3')).toHaveLength(1);
  });

  it('should take a count’s usual month as at least 1: 2 批次 after 1 in 2 months is no spike, 4 is', () => {
    const trips = { indicatorId: 4, target: null, count: true, pastMonths: 2, pastTotal: '1' };
    expect(plausibilityFlags([{ indicatorId: 4, value: '2' }], [trips], '3')).toEqual([]);
    expect(plausibilityFlags([{ indicatorId: 4, value: '3' }], [trips], '3')).toEqual([]);
    expect(plausibilityFlags([{ indicatorId: 4, value: '4' }], [trips], '3')).toEqual([
      { indicatorId: 4, code: 'farAboveUsual', value: '4', reference: '1' },
    ]);
    // an amount keeps its own average: 0.5 a month, ×3 = 1.5
    expect(plausibilityFlags([{ indicatorId: 4, value: '2' }], [{ ...trips, count: false }], '3')).toHaveLength(1);
  });
});
