import type { FormulaDef } from '../contracts/indicators.js';
import { currencyOfMeasure } from '../enums/indicator-kind.js';
import { Dec } from '../money/decimal.js';
import {
  checkFormulaCurrencies,
  conversionFactor,
  evaluateFormula,
  totalText,
  validateFormula,
  type FormulaNode,
} from './formula.js';
import { validateIndicatorDefinition } from './indicator-rules.js';

// Issue 16 rule 12: 外商直接投资 in 万美元 beside 万元 figures — kept apart, converted only at an explicit rate.

const catalogue: FormulaNode[] = [
  { code: 'NZDW', formula: null, measure: '万元' }, // 内资到位资金
  { code: 'WZDW', formula: null, measure: '万美元' }, // 实际使用外资
  { code: 'QYXM', formula: null, measure: '个' },
  { code: 'ZTZ', formula: null, measure: '亿元' },
];

describe('currencies of amounts', () => {
  it('knows 万美元 as an amount in US dollars', () => {
    expect(currencyOfMeasure('万美元')).toBe('USD');
    expect(currencyOfMeasure('亿元')).toBe('CNY');
    expect(currencyOfMeasure('个')).toBeNull();
    expect(validateIndicatorDefinition({ kind: 'amount', measure: '万美元', source: 'reported' })).toEqual(
      [],
    );
    expect(validateIndicatorDefinition({ kind: 'count', measure: '万美元', source: 'reported' })).toEqual([
      expect.objectContaining({ field: 'measure', code: 'measureOfKind' }),
    ]);
  });

  it('refuses a total adding 万美元 to 万元 without a rate, naming the part', () => {
    const issues = checkFormulaCurrencies(
      { code: 'NWZ', measure: '万元' },
      { kind: 'total', add: ['NZDW', 'WZDW'] },
      catalogue,
    );
    expect(issues).toEqual([expect.objectContaining({ field: 'formula.add.1', code: 'currencyMix' })]);
    expect(issues[0]!.message).toBe(
      'formula.add.1：WZDW以美元计，与本指标币种不同，不做隐含换算（加总须在公式中给出汇率 exchangeRate）',
    );
  });

  it('accepts the sum at an explicit, valid rate', () => {
    const formula: FormulaDef & { kind: 'total' } = {
      kind: 'total',
      add: ['NZDW', 'WZDW'],
      exchangeRate: '7.1',
    };
    expect(validateFormula(formula)).toEqual([]);
    expect(checkFormulaCurrencies({ code: 'NWZ', measure: '万元' }, formula, catalogue)).toEqual([]);
    for (const bad of ['0', '-7', '7.1234567', 'abc', '1001']) {
      expect(validateFormula({ ...formula, exchangeRate: bad })).toEqual([
        expect.objectContaining({ field: 'formula.exchangeRate', code: 'exchangeRate' }),
      ]);
    }
  });

  it('refuses a ratio whose sides are in different currencies (外资占比 = 万美元 ÷ 亿元)', () => {
    expect(
      checkFormulaCurrencies(
        { code: 'WZZB', measure: '%' },
        { kind: 'ratio', numerator: 'WZDW', denominator: { add: ['NZDW', 'ZTZ'] } },
        catalogue,
      ),
    ).toEqual([
      expect.objectContaining({ field: 'formula.denominator.add.0', code: 'currencyMix' }),
      expect.objectContaining({ field: 'formula.denominator.add.1', code: 'currencyMix' }),
    ]);
    // counts beside amounts are another matter (not a currency)
    expect(
      checkFormulaCurrencies(
        { code: 'JJ', measure: '%' },
        { kind: 'ratio', numerator: 'NZDW', denominator: 'QYXM' },
        catalogue,
      ),
    ).toEqual([]);
  });
});

describe('a total at an explicit rate', () => {
  const formula: FormulaDef & { kind: 'total' } = {
    kind: 'total',
    add: ['NZDW', 'WZDW'],
    exchangeRate: '7.1',
  };
  const measureOf = (code: string) => catalogue.find((n) => n.code === code)?.measure;
  const names: Record<string, string> = { NZDW: '内资到位资金', WZDW: '实际使用外资' };

  it('converts the dollar part into the 万元 total, and says so in its text', () => {
    const values: Record<string, string> = { NZDW: '25000', WZDW: '1200' };
    const { value } = evaluateFormula(formula, (c) => new Dec(values[c]!), { self: '万元', of: measureOf });
    expect(value!.toFixed()).toBe('33520'); // 25000 + 1200 × 7.1
    expect(totalText(formula, (c) => names[c]!, '万元', measureOf)).toBe(
      '内资到位资金 + 实际使用外资 × 7.1（汇率：1美元=7.1元人民币）',
    );
  });

  it('converts the 万元 part into a 万美元 total the other way', () => {
    expect(conversionFactor(formula, '万美元', '万元').mul('7.1').toFixed()).toBe('1');
    expect(conversionFactor(formula, '万美元', '万美元').toFixed()).toBe('1');
    // without a rate nothing is converted (and the validator refuses the mix)
    expect(conversionFactor({ kind: 'total', add: ['NZDW', 'WZDW'] }, '万元', '万美元').toFixed()).toBe('1');
  });
});
