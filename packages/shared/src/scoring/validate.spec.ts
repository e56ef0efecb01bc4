import { countyGroups, countyIndicators, countyScoring } from './fixtures/county-plan.js';
import { validateScoringConfig } from './validate.js';

const codes = countyIndicators.map((i) => i.code);
const groupCodes = countyGroups.map((g) => g.code);
const check = (
  items: unknown[],
  extra: Record<string, unknown> = {},
  groups: readonly string[] = groupCodes,
) => validateScoringConfig({ items, ...extra }, codes, { groupCodes: groups });
const fields = (issues: Array<{ field: string; code: string }>) => issues.map((i) => `${i.field} ${i.code}`);

describe('validateScoringConfig', () => {
  it('should accept the county example of docs/scoring.md', () => {
    expect(validateScoringConfig(countyScoring, codes, { groupCodes })).toEqual([]);
  });

  it('should name the item and the field, in both languages', () => {
    const issues = check([
      { code: 'signed', name: '签约项目', method: 'completion', indicator: 'signedAmount', weight: '30' },
      { code: 'funds', name: '到位资金', method: 'completion', indicator: 'funds', weight: '25' },
      { code: 'x', name: 'X', method: 'completion', indicator: 'funds', weight: '-3' },
    ]);
    expect(issues).toEqual([
      {
        field: 'items.2.weight',
        code: 'isDecimalString',
        message: 'items.2.weight：分值必须是数值文本（如 "30"、"1.2"，最多 8 位小数，不能为负）',
        messageEn:
          'items.2.weight: must be a decimal string such as "30" or "1.2" (at most 8 decimals, not negative)',
      },
    ]);
  });

  it('should prefix the fields with the given path', () => {
    const issues = validateScoringConfig(
      { items: [{ code: 'a', name: 'A', method: 'completion', indicator: 'nope', weight: '1' }] },
      codes,
      {
        path: 'scoring',
      },
    );
    expect(fields(issues)).toEqual(['scoring.items.0.indicator unknownIndicator']);
  });

  it('should check the outline first: codes, names, methods, top-level fields', () => {
    const issues = check(
      [
        { code: 'a', name: 'A', method: 'completion', indicator: 'funds', weight: '1' },
        { code: 'a', name: '', method: 'magic' },
      ],
      { coefficient: '0', extra: 1 },
    );
    expect(fields(issues)).toEqual(
      expect.arrayContaining([
        'extra whitelistValidation',
        'coefficient isDecimalString',
        'items.1.code duplicate',
        'items.1.name isString',
        'items.1.method isIn',
      ]),
    );
  });

  it('should refuse unknown and missing fields of each method', () => {
    expect(
      fields(check([{ code: 'a', name: 'A', method: 'completion', indicator: 'funds', wieght: '30' }])),
    ).toEqual(['items.0.wieght whitelistValidation', 'items.0.weight isDefined']);
    expect(
      fields(
        check([
          {
            code: 'a',
            name: 'A',
            method: 'relative',
            indicator: 'funds',
            max: '100',
            min: '120',
            basis: 'value',
          },
        ]),
      ),
    ).toEqual(['items.0.basis isIn', 'items.0.min minAboveMax']);
  });

  it('should check composite parts and shares', () => {
    const issues = check([
      {
        code: 'c',
        name: 'C',
        method: 'composite',
        weight: '20',
        parts: [
          { indicator: 'started', share: '0.5' },
          { indicator: 'started', share: '0.4' },
        ],
      },
    ]);
    expect(fields(issues)).toEqual(['items.0.parts.1.indicator duplicate', 'items.0.parts sharesSumToOne']);
    expect(issues[1]!.message).toContain('现为 0.9');
  });

  it('should check threshold increments', () => {
    const issues = check([
      {
        code: 't',
        name: 'T',
        method: 'threshold',
        indicator: 'big10',
        points: '5',
        increment: { per: '0', points: '1', mode: 'each' },
      },
    ]);
    expect(fields(issues)).toEqual(['items.0.increment.per min', 'items.0.increment.mode isIn']);
  });

  it('should want tiers from the highest completion down, never paying more below', () => {
    const tiers = (list: unknown[], otherwise?: string) =>
      check([{ code: 't', name: 'T', method: 'tiers', indicator: 'started', tiers: list, otherwise }]);
    expect(
      tiers([
        { min: '0.8', points: '75' },
        { min: '1', points: '100' },
      ]).map((i) => i.field),
    ).toEqual(['items.0.tiers.1.min']);
    expect(
      tiers([
        { min: '1', points: '50' },
        { min: '0.8', points: '75' },
      ]).map((i) => i.field),
    ).toEqual(['items.0.tiers.1.points']);
    expect(tiers([{ min: '1', points: '50' }], '60').map((i) => i.field)).toEqual(['items.0.otherwise']);
    expect(tiers([]).map((i) => i.code)).toEqual(['arrayMinSize']);
  });

  it('should check rank and relative against the groups', () => {
    const rank = {
      code: 'r',
      name: 'R',
      method: 'rank',
      indicator: 'funds',
      weight: '10',
      step: '0.5',
      floor: '12',
      groups: ['towns', 'parks2'],
    };
    expect(fields(check([rank]))).toEqual(['items.0.groups.1 unknownGroup', 'items.0.floor floorAboveBase']);
    expect(fields(check([{ ...rank, floor: undefined, groups: undefined }], {}, []))).toEqual([
      'items.0.method noRankingGroups',
    ]);
  });

  it('should check bonus rules: counter or projects + bands, bands going up', () => {
    const issues = check([
      {
        code: 'b',
        name: 'B',
        method: 'bonus',
        rules: [
          { counter: 'fortune500', points: '10', projects: 'signed' },
          {
            projects: 'signed',
            bands: [
              { minWan: '500000', points: '8' },
              { minWan: '100000', points: '4' },
            ],
          },
          { counter: '500', points: '0' },
        ],
      },
    ]);
    expect(fields(issues)).toEqual([
      'items.0.rules.0 ruleSource',
      'items.0.rules.1.bands.1.minWan ascending',
      'items.0.rules.2.counter matches',
      'items.0.rules.2.points min',
    ]);
  });

  it('should check deductions: base required, floor not above base, no project bands', () => {
    expect(
      fields(
        check([
          {
            code: 'd',
            name: 'D',
            method: 'deduction',
            floor: '1',
            rules: [{ counter: 'late', points: '0.1', bands: [] }],
          },
        ]),
      ),
    ).toEqual(['items.0.base isDefined', 'items.0.rules.0.bands whitelistValidation']);
    expect(fields(check([{ code: 'd', name: 'D', method: 'deduction', base: '0.5', floor: '1' }]))).toEqual([
      'items.0.floor floorAboveBase',
    ]);
    expect(
      check([
        {
          code: 'd',
          name: 'D',
          method: 'deduction',
          base: '0',
          floor: null,
          rules: [{ counter: 'late', points: '1' }],
        },
      ]),
    ).toEqual([]);
  });

  it('should check band-shortfall bands: order, overlap, counts and their source', () => {
    const item = (bands: unknown[], projects: string | null = 'signed') =>
      check([
        {
          code: 's',
          name: 'S',
          method: 'band-shortfall',
          base: '2',
          perMissing: '0.1',
          projects: projects ?? undefined,
          bands,
        },
      ]);
    expect(
      fields(
        item([
          { minWan: '30000', maxWan: '100000', required: 7 },
          { minWan: '90000', maxWan: '200000', required: 4.5 },
          { minWan: '200000', required: 1, counter: 'x' },
        ]),
      ),
    ).toEqual([
      'items.0.bands.1.required isInt',
      'items.0.bands.1.minWan overlap',
      'items.0.bands.2.counter bandSource',
    ]);
    expect(
      fields(
        item([
          { minWan: '200000', required: 1 },
          { minWan: '300000', required: 1 },
        ]),
      ),
    ).toEqual(['items.0.bands.1.minWan overlap']);
    expect(fields(item([{ minWan: '30000', maxWan: '100000', required: 7 }], null))).toEqual([
      'items.0.bands.0.counter isDefined',
    ]);
  });
});
