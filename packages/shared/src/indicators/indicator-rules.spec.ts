import { validateIndicatorDefinition, validateTargetValue } from './indicator-rules.js';

const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

describe('validateIndicatorDefinition', () => {
  it('should accept the three sources with consistent kinds and measures', () => {
    expect(validateIndicatorDefinition({ kind: 'amount', measure: '亿元', source: 'reported' })).toEqual([]);
    expect(
      validateIndicatorDefinition({
        kind: 'count',
        measure: '个',
        source: 'ledger',
        ledgerRule: { measure: 'count', event: 'signed' },
      }),
    ).toEqual([]);
    expect(
      validateIndicatorDefinition({
        kind: 'ratio',
        measure: '%',
        source: 'formula',
        formula: { kind: 'ratio', numerator: 'started', denominator: 'signed' },
      }),
    ).toEqual([]);
  });

  it('should refuse a measure of another kind', () => {
    expect(validateIndicatorDefinition({ kind: 'amount', measure: '个', source: 'reported' })).toEqual([
      expect.objectContaining({ field: 'measure', code: 'measureOfKind' }),
    ]);
    expect(
      fields(validateIndicatorDefinition({ kind: 'ratio', measure: '万元', source: 'reported' })),
    ).toEqual(['measure']);
    expect(fields(validateIndicatorDefinition({ kind: 'share', measure: 'kg', source: 'guess' }))).toEqual([
      'kind',
      'measure',
      'source',
    ]);
  });

  it('should tie the rule or formula to its source and the result to the kind', () => {
    expect(fields(validateIndicatorDefinition({ kind: 'count', measure: '个', source: 'ledger' }))).toEqual([
      'ledgerRule',
    ]);
    expect(
      fields(
        validateIndicatorDefinition({
          kind: 'count',
          measure: '个',
          source: 'reported',
          ledgerRule: { measure: 'count' },
        }),
      ),
    ).toEqual(['ledgerRule']);
    // summing agreed investment yields an amount, not a count
    expect(
      validateIndicatorDefinition({
        kind: 'count',
        measure: '个',
        source: 'ledger',
        ledgerRule: { measure: 'sum_agreed', event: 'signed' },
      }),
    ).toEqual([expect.objectContaining({ field: 'ledgerRule.measure', code: 'kindOfMeasure' })]);
    expect(
      fields(
        validateIndicatorDefinition({
          kind: 'count',
          measure: '个',
          source: 'formula',
          formula: { kind: 'ratio', numerator: 'a', denominator: 'b' },
        }),
      ),
    ).toEqual(['kind']);
    expect(fields(validateIndicatorDefinition({ kind: 'ratio', measure: '%', source: 'formula' }))).toEqual([
      'formula',
    ]);
  });
});

describe('validateTargetValue', () => {
  it('should accept decimal strings and refuse NaN, negatives, exponents, separators and 5 decimals', () => {
    expect(validateTargetValue('amount', '3000000')).toEqual([]);
    expect(validateTargetValue('ratio', '0.6')).toEqual([]);
    for (const bad of ['NaN', '-1', '1e309', '1,000', '0.00001', '', 12]) {
      expect(validateTargetValue('amount', bad, '0.value')).toEqual([
        expect.objectContaining({ field: '0.value', code: 'isDecimalString' }),
      ]);
    }
  });

  it('should cap ratio targets at 10', () => {
    expect(validateTargetValue('ratio', '10')).toEqual([]);
    expect(validateTargetValue('ratio', '10.0001')[0]?.code).toBe('ratioMax');
    expect(validateTargetValue('count', '60')).toEqual([]);
  });
});
