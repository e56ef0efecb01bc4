import type { ScoringConfig } from '../contracts/plans.js';
import {
  checkScoringReferences,
  scoringIndicatorReferences,
  validateScoringOutline,
} from './scoring-outline.js';

const valid: ScoringConfig = {
  coefficient: '1.0',
  listSize: 3,
  items: [
    {
      code: 'funds',
      name: '实际到位资金',
      method: 'completion',
      indicator: 'funds',
      weight: '30',
      cap: '1.2',
    },
    {
      code: 'signing',
      name: '签约项目',
      method: 'composite',
      parts: [
        { indicator: 'signed_count', weight: '0.5' },
        { indicator: 'signed_amount', weight: '0.5' },
      ],
      cap: '1',
    },
    {
      code: 'f500',
      name: '500强项目加分',
      method: 'bonus',
      indicators: ['f500_count'],
      perItem: '10',
      groups: ['towns'],
    },
  ],
};

describe('validateScoringOutline', () => {
  it('should accept a plan mixing methods and keep method fields untouched', () => {
    expect(validateScoringOutline(valid)).toEqual([]);
    expect(validateScoringOutline({ items: [] })).toEqual([]);
  });

  it('should name the item and field of an unknown method, a duplicate code and a missing name', () => {
    const issues = validateScoringOutline({
      items: [
        { code: 'a', name: '甲', method: 'completion' },
        { code: 'a', name: '乙', method: 'rank' },
        { code: 'c', name: '', method: 'lottery' },
      ],
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['scoring.items.1.code', 'duplicate'],
      ['scoring.items.2.name', 'isString'],
      ['scoring.items.2.method', 'isIn'],
    ]);
  });

  it('should refuse unknown top-level keys, a bad coefficient or list size, and mistyped references', () => {
    const issues = validateScoringOutline({
      items: [
        {
          code: 'x',
          name: 'x',
          method: 'rank',
          indicator: 5,
          indicators: 'a',
          parts: [{ indicator: [] }],
          groups: ['g', 'g'],
        },
      ],
      coefficient: '0',
      listSize: 0,
      engine: 'v2',
    });
    expect(issues.map((i) => i.field)).toEqual([
      'scoring.engine',
      'scoring.coefficient',
      'scoring.listSize',
      'scoring.items.0.groups.1',
      'scoring.items.0.indicator',
      'scoring.items.0.indicators',
      'scoring.items.0.parts.0.indicator',
    ]);
    expect(validateScoringOutline({})[0]).toMatchObject({ field: 'scoring.items', code: 'isArray' });
    expect(validateScoringOutline([])[0]).toMatchObject({ field: 'scoring', code: 'isObject' });
  });
});

describe('checkScoringReferences', () => {
  it('should list every indicator reference with its field', () => {
    expect(scoringIndicatorReferences(valid).map((r) => `${r.field}=${r.code}`)).toEqual([
      'scoring.items.0.indicator=funds',
      'scoring.items.1.parts.0.indicator=signed_count',
      'scoring.items.1.parts.1.indicator=signed_amount',
      'scoring.items.2.indicators.0=f500_count',
    ]);
  });

  it('should name references to indicators and groups the plan lacks', () => {
    const issues = checkScoringReferences(valid, {
      indicatorCodes: ['funds', 'signed_count'],
      groupCodes: ['depts'],
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['scoring.items.1.parts.1.indicator', 'unknownIndicator'],
      ['scoring.items.2.indicators.0', 'unknownIndicator'],
      ['scoring.items.2.groups.0', 'unknownGroup'],
    ]);
  });

  it('should not check indicator codes while the plan has no indicators yet', () => {
    expect(checkScoringReferences(valid, { indicatorCodes: [], groupCodes: ['towns'] })).toEqual([]);
  });
});
