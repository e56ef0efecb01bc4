import {
  amountsClose,
  bigramDice,
  classifyDuplicates,
  type DuplicateSource,
  normalizeInvestorName,
  normalizeProjectName,
} from './duplicate-detection';

const CATL = '宁德时代新能源科技股份有限公司';

function source(overrides: Partial<DuplicateSource>): DuplicateSource {
  return {
    projectId: 1,
    code: 'XM2025-000001',
    name: '年产10万吨新能源电池材料项目',
    investorName: CATL,
    investorCreditCode: '91350900587527783P',
    unitName: '城关镇',
    agreedInvestmentWan: '150000',
    signedDate: '2025-11-20',
    ...overrides,
  };
}

describe('duplicate-detection', () => {
  it('should compare names without spaces, punctuation, width or case', () => {
    expect(normalizeProjectName(' 年产１０万吨（新能源）电池材料 项目 ')).toBe(
      '年产10万吨新能源电池材料项目',
    );
    expect(normalizeInvestorName(' Tesla　(Shanghai) Co ')).toBe('tesla(shanghai)co');
  });

  it('should score character-bigram Dice', () => {
    expect(bigramDice('年产10万吨新能源电池材料项目', '年产 10 万吨新能源电池材料项目')).toBe(1);
    // 13 of the 14 bigrams of the shorter name are among the 18 of the longer: 2 × 13 / 32
    expect(bigramDice('年产10万吨新能源电池材料项目', '年产10万吨新能源电池材料生产基地项目')).toBeCloseTo(
      0.8125,
      10,
    );
    expect(bigramDice('年产10万吨新能源电池材料项目', '生物医药研发中心项目')).toBeLessThan(0.2);
    expect(bigramDice('ab', 'ab')).toBe(1);
    expect(bigramDice('', '')).toBe(0);
    expect(bigramDice('a', 'b')).toBe(0);
    // multisets: a repeated bigram counts as often as it occurs in both
    expect(bigramDice('aaaa', 'aa')).toBeCloseTo((2 * 1) / (3 + 1), 5);
  });

  it('should accept amounts within ±20% of the larger, exactly, whichever is entered first', () => {
    expect(amountsClose('100000', '120000')).toBe(true);
    expect(amountsClose('120000', '100000')).toBe(true);
    expect(amountsClose('100000', '125000')).toBe(true); // 25000 = 20% of 125000
    expect(amountsClose('100000', '125000.0001')).toBe(false);
    expect(amountsClose('0', '0')).toBe(true);
    expect(amountsClose('0', '1')).toBe(false);
  });

  it('should flag the same credit code whatever the name and amount', () => {
    const found = classifyDuplicates(
      {
        name: '智能制造产业园',
        investorName: '别的公司',
        investorCreditCode: '91350900587527783P',
        agreedInvestmentWan: '1',
      },
      [source({})],
    );
    expect(found).toEqual([
      expect.objectContaining({ projectId: 1, reason: 'same_credit_code', unitName: '城关镇' }),
    ]);
    expect(Object.keys(found[0]!).sort()).toEqual(
      [
        'agreedInvestmentWan',
        'code',
        'investorName',
        'name',
        'projectId',
        'reason',
        'signedDate',
        'unitName',
      ].sort(),
    );
  });

  it('should flag the same investor with a similar name and a close amount, and nothing looser', () => {
    const probe = {
      name: '年产10万吨新能源电池材料生产基地项目',
      investorName: '宁德时代新能源科技股份有限公司 ',
      investorCreditCode: null,
      agreedInvestmentWan: '160000',
    };
    const sources = [
      source({ projectId: 1, investorCreditCode: null }),
      source({ projectId: 2, investorCreditCode: null, agreedInvestmentWan: '300000' }), // amount too far
      source({ projectId: 3, investorCreditCode: null, name: '生物医药研发中心项目' }), // another project
      source({ projectId: 4, investorCreditCode: null, investorName: '比亚迪股份有限公司' }), // another investor
    ];
    expect(classifyDuplicates(probe, sources).map((d) => [d.projectId, d.reason])).toEqual([
      [1, 'similar_name_and_amount'],
    ]);
    // with no amount yet (the form's early check) the amount test is skipped
    expect(
      classifyDuplicates({ ...probe, agreedInvestmentWan: null }, sources).map((d) => d.projectId),
    ).toEqual([1, 2]);
  });

  it('should list same-credit-code candidates first', () => {
    const found = classifyDuplicates(
      {
        name: '年产10万吨新能源电池材料项目',
        investorName: CATL,
        investorCreditCode: '91350900587527783P',
        agreedInvestmentWan: '150000',
      },
      [source({ projectId: 7, investorCreditCode: null }), source({ projectId: 8 })],
    );
    expect(found.map((d) => [d.projectId, d.reason])).toEqual([
      [8, 'same_credit_code'],
      [7, 'similar_name_and_amount'],
    ]);
  });
});
