import {
  amountsClose,
  bigramDice,
  classifyDuplicates,
  duplicateRules,
  type DuplicateSource,
  isResigning,
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
    unitId: 11,
    unitName: '城关镇',
    agreedInvestmentWan: '150000',
    signedDate: '2025-11-20',
    stage: 'signed',
    droppedDate: null,
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
        'rules',
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

  describe('counted once across units and years (issue 15)', () => {
    const probe = {
      name: '年产10万吨新能源电池材料项目',
      investorName: CATL,
      investorCreditCode: '91350900587527783P',
      agreedInvestmentWan: '150000',
      unitId: 11,
      signedDate: '2026-03-18',
    };

    it('should mark a project signed in an earlier year as 跨年重签, and not one of the same year', () => {
      expect(duplicateRules(probe, source({ signedDate: '2025-11-20' }))).toEqual(['resigned_cross_year']);
      expect(duplicateRules(probe, source({ signedDate: '2026-01-05' }))).toEqual([]);
      // an unsigned look-alike (a lead) is no re-signing
      expect(duplicateRules(probe, source({ signedDate: null, stage: 'negotiating' }))).toEqual([]);
    });

    it('should mark a re-signing after the earlier project was dropped, in the same year too', () => {
      const dropped = source({ signedDate: '2026-01-10', stage: 'dropped', droppedDate: '2026-02-28' });
      expect(duplicateRules(probe, dropped)).toEqual(['resigned_after_drop']);
      // signed before the other was dropped: two live entries, not a re-signing
      expect(duplicateRules({ ...probe, signedDate: '2026-02-01' }, dropped)).toEqual([]);
      // dropped last year after signing the year before: both rules
      expect(
        duplicateRules(probe, source({ signedDate: '2024-06-01', stage: 'dropped', droppedDate: '2025-03-01' })),
      ).toEqual(['resigned_cross_year', 'resigned_after_drop']);
    });

    it('should mark the same project entered by another unit rather than shared', () => {
      expect(duplicateRules(probe, source({ unitId: 12, signedDate: '2026-03-01' }))).toEqual(['other_unit']);
      // the form's check has no unit or date yet: only the look-alike reason, no rule
      expect(duplicateRules({ name: probe.name }, source({ unitId: 12 }))).toEqual([]);
    });

    it('should call a candidate list a re-signing only when a candidate was signed earlier or dropped', () => {
      const found = classifyDuplicates(probe, [
        source({ projectId: 1, unitId: 12, signedDate: '2026-02-01' }),
        source({ projectId: 2, signedDate: '2025-05-01' }),
      ]);
      expect(found.map((d) => [d.projectId, d.rules])).toEqual([
        [1, ['other_unit']],
        [2, ['resigned_cross_year']],
      ]);
      expect(isResigning(found)).toBe(true);
      expect(isResigning(found.slice(0, 1))).toBe(false);
    });
  });
});
