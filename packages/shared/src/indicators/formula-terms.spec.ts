import { Dec } from '../money/decimal.js';
import { evaluateFormula, formulaCodes, formulaReferences, operandText, validateFormula } from './formula.js';
import { validateIndicatorDefinition } from './indicator-rules.js';

// issue 16, rule 6: sums of indicators, and ratios whose side is a sum or a difference of indicators
describe('formula terms', () => {
  it('should accept 实施项目 = 新建 + 续建 and 开复工率 = 开工 ÷ (签约 − 终止)', () => {
    expect(validateFormula({ kind: 'total', add: ['newBuild', 'continued'] })).toEqual([]);
    expect(
      validateFormula({
        kind: 'ratio',
        numerator: 'started',
        denominator: { add: ['signed'], subtract: ['dropped'] },
      }),
    ).toEqual([]);
    expect(
      validateIndicatorDefinition({
        kind: 'count',
        measure: '个',
        source: 'formula',
        formula: { kind: 'total', add: ['newStarted', 'resumed'] },
      }),
    ).toEqual([]);
  });

  it('should name the field of a bad term', () => {
    const fields = (f: unknown) => validateFormula(f).map((i) => [i.field, i.code]);
    expect(fields({ kind: 'total', add: [] })).toEqual([['formula.add', 'arraySize']]);
    expect(fields({ kind: 'total', add: ['a', 'a'] })).toEqual([['formula.add.1', 'duplicate']]);
    expect(fields({ kind: 'ratio', numerator: 'a', denominator: { add: ['b'], subtract: ['9x'] } })).toEqual([
      ['formula.denominator.subtract.0', 'indicatorCode'],
    ]);
    expect(fields({ kind: 'ratio', numerator: 'a', denominator: { plus: ['b'] } })).toEqual([
      ['formula.denominator.plus', 'whitelistValidation'],
      ['formula.denominator.add', 'arraySize'],
    ]);
    // a sum is a count or an amount; a ratio formula stays a ratio
    const sumAsRatio = validateIndicatorDefinition({
      kind: 'ratio',
      measure: '%',
      source: 'formula',
      formula: { kind: 'total', add: ['a', 'b'] },
    });
    expect(sumAsRatio.map((i) => [i.field, i.code])).toEqual([['kind', 'formulaSumKind']]);
  });

  it('should list the codes with their fields, for references and cycles', () => {
    const f = {
      kind: 'ratio' as const,
      numerator: 'started',
      denominator: { add: ['signed'], subtract: ['dropped'] },
    };
    expect(formulaReferences(f)).toEqual([
      { field: 'formula.numerator', code: 'started' },
      { field: 'formula.denominator.add.0', code: 'signed' },
      { field: 'formula.denominator.subtract.0', code: 'dropped' },
    ]);
    expect(formulaCodes({ kind: 'total', add: ['a', 'b'], subtract: ['c'] })).toEqual(['a', 'b', 'c']);
  });

  it('should evaluate a sum, a ratio over a difference, and 0 ÷ 0 as no value', () => {
    const values: Record<string, string> = {
      newBuild: '12',
      continued: '8',
      started: '6',
      signed: '10',
      dropped: '2',
    };
    const valueOf = (code: string) => new Dec(values[code] ?? 0);
    expect(evaluateFormula({ kind: 'total', add: ['newBuild', 'continued'] }, valueOf).value!.toFixed()).toBe(
      '20',
    );
    const rate = evaluateFormula(
      { kind: 'ratio', numerator: 'started', denominator: { add: ['signed'], subtract: ['dropped'] } },
      valueOf,
    );
    expect([rate.value!.toFixed(), rate.numerator!.toFixed(), rate.denominator!.toFixed()]).toEqual([
      '0.75',
      '6',
      '8',
    ]);
    expect(evaluateFormula({ kind: 'ratio', numerator: 'x', denominator: 'y' }, valueOf).value).toBeNull();
    expect(
      operandText(
        { add: ['signed'], subtract: ['dropped'] },
        (c) => ({ signed: '签约项目', dropped: '终止项目' })[c]!,
      ),
    ).toBe('签约项目 − 终止项目');
  });
});
