import { checkLedgerRuleReferences, validateLedgerRule } from './ledger-rule.js';

const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

describe('validateLedgerRule', () => {
  it('should take 仅计已认定 (verifiedOnly) as a boolean only', () => {
    expect(validateLedgerRule({ measure: 'count', event: 'signed', verifiedOnly: true })).toEqual([]);
    expect(validateLedgerRule({ measure: 'sum_funds', verifiedOnly: false })).toEqual([]);
    expect(validateLedgerRule({ measure: 'count', event: 'signed', verifiedOnly: 'yes' })).toEqual([
      expect.objectContaining({ field: 'ledgerRule.verifiedOnly', code: 'isBoolean' }),
    ]);
  });

  it('should accept the DOMAIN.md examples', () => {
    // 10亿元以上签约项目; 签约总投资 from outside the city; 到位资金 by origin; 500强 projects
    expect(validateLedgerRule({ measure: 'count', event: 'signed', minAgreedWan: '100000' })).toEqual([]);
    expect(
      validateLedgerRule({
        measure: 'sum_agreed',
        event: 'signed',
        origins: ['in_province', 'out_of_province', 'overseas'],
      }),
    ).toEqual([]);
    expect(validateLedgerRule({ measure: 'sum_funds', origins: ['out_of_province'] })).toEqual([]);
    expect(validateLedgerRule({ measure: 'count', event: 'signed', fortune500: true })).toEqual([]);
    expect(
      validateLedgerRule({
        measure: 'count',
        event: 'started',
        fortune500: ['world', 'china_private'],
        industryChains: ['新能源汽车'],
        chainLeader: true,
        specialized: false,
        minAgreedWan: '30000',
        maxAgreedWan: '100000',
      }),
    ).toEqual([]);
  });

  it('should name the field of an unknown measure, event, origin or 500强 kind', () => {
    const issues = validateLedgerRule({
      measure: 'avg',
      event: 'visited',
      origins: ['local', 'mars'],
      fortune500: ['fortune'],
    });
    expect(fields(issues)).toEqual([
      'ledgerRule.measure',
      'ledgerRule.event',
      'ledgerRule.origins.1',
      'ledgerRule.fortune500.0',
    ]);
    expect(issues[0]).toMatchObject({
      code: 'isIn',
      message: expect.stringContaining('ledgerRule.measure：'),
    });
  });

  it('should require an event for count and sum_agreed and refuse one for sum_funds', () => {
    expect(validateLedgerRule({ measure: 'count' })).toEqual([
      expect.objectContaining({ field: 'ledgerRule.event', code: 'isDefined' }),
    ]);
    expect(validateLedgerRule({ measure: 'sum_agreed' })[0]?.code).toBe('isDefined');
    expect(validateLedgerRule({ measure: 'sum_funds', event: 'signed' })).toEqual([
      expect.objectContaining({ field: 'ledgerRule.event', code: 'notAllowed' }),
    ]);
  });

  it('should refuse unknown keys, bad amounts and an empty band', () => {
    const issues = validateLedgerRule({
      measure: 'count',
      event: 'signed',
      minAgreedWan: '1e309',
      where: '1=1',
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['ledgerRule.where', 'whitelistValidation'],
      ['ledgerRule.minAgreedWan', 'isDecimalString'],
    ]);
    expect(
      fields(
        validateLedgerRule({
          measure: 'count',
          event: 'signed',
          minAgreedWan: '100000',
          maxAgreedWan: '100000',
        }),
      ),
    ).toEqual(['ledgerRule.maxAgreedWan']);
    for (const bad of ['-1', '1,000', '0.00001', 100]) {
      expect(fields(validateLedgerRule({ measure: 'count', event: 'signed', maxAgreedWan: bad }))).toEqual([
        'ledgerRule.maxAgreedWan',
      ]);
    }
  });

  it('should refuse empty, duplicate or mistyped lists and flags', () => {
    expect(fields(validateLedgerRule({ measure: 'sum_funds', origins: [] }))).toEqual(['ledgerRule.origins']);
    expect(fields(validateLedgerRule({ measure: 'sum_funds', origins: ['overseas', 'overseas'] }))).toEqual([
      'ledgerRule.origins.1',
    ]);
    expect(
      fields(validateLedgerRule({ measure: 'sum_funds', industryChains: ['', 'x'.repeat(51)] })),
    ).toEqual(['ledgerRule.industryChains.0', 'ledgerRule.industryChains.1']);
    expect(
      fields(validateLedgerRule({ measure: 'sum_funds', chainLeader: 'yes', fortune500: 'world' })),
    ).toEqual(['ledgerRule.fortune500', 'ledgerRule.chainLeader']);
  });

  it('should refuse a rule that is not an object, under the given path', () => {
    expect(validateLedgerRule('count', 'rule')).toEqual([
      expect.objectContaining({ field: 'rule', code: 'isObject' }),
    ]);
    expect(validateLedgerRule([], 'rule')[0]?.code).toBe('isObject');
  });
});

describe('checkLedgerRuleReferences', () => {
  it('should accept the plan’s own industry chains and name any other', () => {
    const rule = {
      measure: 'count' as const,
      event: 'signed' as const,
      industryChains: ['新能源汽车', '低空经济'],
    };
    expect(
      checkLedgerRuleReferences(rule, { industryChains: ['新能源汽车', '低空经济', '绿色食品'] }),
    ).toEqual([]);
    expect(checkLedgerRuleReferences(rule, { industryChains: ['新能源汽车'] })).toEqual([
      expect.objectContaining({ field: 'ledgerRule.industryChains.1', code: 'unknownChain' }),
    ]);
  });
});
