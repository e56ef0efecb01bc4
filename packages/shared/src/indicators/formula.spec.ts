import type { FormulaDef } from '../contracts/indicators.js';
import { Dec } from '../money/decimal.js';
import {
  checkFormulaReferences,
  evaluateFormula,
  findFormulaCycle,
  formulaCodes,
  formulaReferences,
  validateFormula,
} from './formula.js';

const ratio = (numerator: string, denominator: string): FormulaDef => ({
  kind: 'ratio',
  numerator,
  denominator,
});

describe('validateFormula', () => {
  it('should accept a ratio and a weighted mix whose weights sum to exactly 1', () => {
    expect(validateFormula(ratio('started_count', 'signed_count'))).toEqual([]);
    expect(
      validateFormula({
        kind: 'weighted',
        parts: [
          { numerator: 'signed_count', denominator: 'signed_count_target', weight: '0.5' },
          { numerator: 'signed_amount', denominator: 'signed_amount_target', weight: '0.3333' },
          { numerator: 'funds', denominator: 'funds_target', weight: '0.1667' },
        ],
      }),
    ).toEqual([]);
  });

  it('should refuse weights that do not sum to 1, naming the parts', () => {
    const issues = validateFormula({
      kind: 'weighted',
      parts: [
        { numerator: 'a', denominator: 'b', weight: '0.5' },
        { numerator: 'c', denominator: 'd', weight: '0.4' },
      ],
    });
    expect(issues).toEqual([expect.objectContaining({ field: 'formula.parts', code: 'weightSum' })]);
    expect(issues[0]?.messageEn).toContain('0.9');
  });

  it('should name bad weights, codes, kinds and unknown keys', () => {
    const issues = validateFormula({
      kind: 'weighted',
      parts: [
        { numerator: '1abc', denominator: 'b', weight: '0' },
        { numerator: 'c', denominator: 'd', weight: '1.5', extra: true },
      ],
    });
    expect(issues.map((i) => i.field)).toEqual([
      'formula.parts.0.numerator',
      'formula.parts.0.weight',
      'formula.parts.1.extra',
      'formula.parts.1.weight',
    ]);
    expect(validateFormula({ kind: 'sum', numerator: 'a' })).toEqual([
      expect.objectContaining({ field: 'formula.kind' }),
    ]);
    expect(validateFormula({ kind: 'ratio', numerator: 'a' }).map((i) => i.field)).toEqual([
      'formula.denominator',
    ]);
    expect(
      validateFormula({ kind: 'weighted', parts: [{ numerator: 'a', denominator: 'b', weight: '1' }] })[0]
        ?.field,
    ).toBe('formula.parts');
    expect(validateFormula(null)[0]?.code).toBe('isObject');
  });
});

describe('checkFormulaReferences', () => {
  const catalogue = [
    { code: 'signed_count', formula: null },
    { code: 'started_count', formula: null },
    { code: 'start_rate', formula: ratio('started_count', 'signed_count') },
  ];

  it('should accept references to indicators of the plan', () => {
    expect(checkFormulaReferences('new_rate', ratio('start_rate', 'signed_count'), catalogue)).toEqual([]);
  });

  it('should name a missing code and a reference to itself', () => {
    const issues = checkFormulaReferences('new_rate', ratio('new_rate', 'no_such'), catalogue);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['formula.numerator', 'selfReference'],
      ['formula.denominator', 'unknownIndicator'],
    ]);
  });

  it('should refuse a change that closes a cycle through other formulas', () => {
    const withB = [...catalogue, { code: 'rate_b', formula: ratio('start_rate', 'signed_count') }];
    // start_rate → rate_b → start_rate
    const issues = checkFormulaReferences('start_rate', ratio('rate_b', 'signed_count'), withB);
    expect(issues).toEqual([expect.objectContaining({ field: 'formula', code: 'cycle' })]);
    expect(issues[0]?.message).toContain('start_rate → rate_b → start_rate');
  });
});

describe('findFormulaCycle', () => {
  it('should find a cycle of three and none in a diamond', () => {
    expect(
      findFormulaCycle([
        { code: 'a', formula: ratio('b', 'x') },
        { code: 'b', formula: ratio('c', 'x') },
        { code: 'c', formula: ratio('a', 'x') },
        { code: 'x', formula: null },
      ]),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findFormulaCycle([
        { code: 'top', formula: ratio('l', 'r') },
        { code: 'l', formula: ratio('base', 'base') },
        { code: 'r', formula: ratio('base', 'base') },
        { code: 'base', formula: null },
      ]),
    ).toBeNull();
  });

  it('should list the references of a weighted formula with their fields', () => {
    const refs = formulaReferences({
      kind: 'weighted',
      parts: [{ numerator: 'a', denominator: 'b', weight: '1' }],
    });
    expect(refs).toEqual([
      { field: 'formula.parts.0.numerator', code: 'a' },
      { field: 'formula.parts.0.denominator', code: 'b' },
    ]);
  });
});

describe('evaluateFormula', () => {
  // 开工率 = 新开工项目 ÷ 签约项目; 资金到位率 = 到位资金 ÷ 协议投资额 (DOMAIN.md §3)
  const figures: Record<string, string> = { KG: '3', QY: '8', DW: '13000', XY: '52000', ZERO: '0' };
  const valueOf = (code: string) => new Dec(figures[code] ?? '0');

  it('should divide numerator by denominator for a ratio, exactly', () => {
    expect(evaluateFormula(ratio('KG', 'QY'), valueOf).value!.toFixed()).toBe('0.375');
  });

  it('should give no value when the denominator is 0 or the code is unknown (0 ÷ 0 is not 0%), as the summary SQL does', () => {
    expect(evaluateFormula(ratio('KG', 'ZERO'), valueOf).value).toBeNull();
    expect(evaluateFormula(ratio('KG', 'NONE'), valueOf).value).toBeNull();
  });

  it('should weight each ratio of a weighted mix and treat a zero denominator part as 0', () => {
    const mix: FormulaDef = {
      kind: 'weighted',
      parts: [
        { numerator: 'KG', denominator: 'QY', weight: '0.5' },
        { numerator: 'DW', denominator: 'XY', weight: '0.3' },
        { numerator: 'KG', denominator: 'ZERO', weight: '0.2' },
      ],
    };
    // 0.5 × 0.375 + 0.3 × 0.25 + 0.2 × 0
    expect(evaluateFormula(mix, valueOf).value!.toFixed()).toBe('0.2625');
    expect(formulaCodes(mix)).toEqual(['KG', 'QY', 'DW', 'XY', 'ZERO']);
  });
});
