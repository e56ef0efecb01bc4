import { validateIndicatorDefinition } from './indicator-rules.js';
import { validateWorkRule, workRuleText } from './work-rule.js';

const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);
const codes = (issues: Array<{ code: string }>) => issues.map((i) => i.code);

describe('validateWorkRule', () => {
  it('should accept the issue 17 indicators', () => {
    // 招商活动批次 (外出招商 + 展会推介), 领导带队招商次数 credited to the units taking part too, 新增线索条数, 在谈项目个数
    expect(validateWorkRule({ measure: 'activities', kinds: ['outbound', 'expo'] })).toEqual([]);
    expect(
      validateWorkRule({ measure: 'activities', ledByCountyLeader: true, creditParticipants: true }),
    ).toEqual([]);
    expect(validateWorkRule({ measure: 'companies_met' })).toEqual([]);
    expect(validateWorkRule({ measure: 'new_leads' })).toEqual([]);
    expect(validateWorkRule({ measure: 'negotiating_leads' })).toEqual([]);
    expect(validateWorkRule({ measure: 'signed_leads' })).toEqual([]);
  });

  it('should name the field of an unknown measure, kind, repeated kind and stray key', () => {
    expect(fields(validateWorkRule({ measure: 'visits' }))).toEqual(['workRule.measure']);
    expect(fields(validateWorkRule({ measure: 'activities', kinds: ['outbound', 'banquet'] }))).toEqual([
      'workRule.kinds.1',
    ]);
    expect(codes(validateWorkRule({ measure: 'activities', kinds: ['expo', 'expo'] }))).toEqual([
      'duplicate',
    ]);
    expect(fields(validateWorkRule({ measure: 'activities', kinds: [] }))).toEqual(['workRule.kinds']);
    expect(fields(validateWorkRule({ measure: 'activities', ledByCountyLeader: 'yes' }))).toEqual([
      'workRule.ledByCountyLeader',
    ]);
    expect(fields(validateWorkRule({ measure: 'activities', event: 'signed' }))).toEqual(['workRule.event']);
    expect(fields(validateWorkRule('activities'))).toEqual(['workRule']);
  });

  it('should refuse activity filters on a lead measure', () => {
    const issues = validateWorkRule({ measure: 'new_leads', kinds: ['outbound'], creditParticipants: true });
    expect(fields(issues)).toEqual(['workRule.kinds', 'workRule.creditParticipants']);
    expect(codes(issues)).toEqual(['notAllowed', 'notAllowed']);
  });
});

describe('validateIndicatorDefinition of a work indicator', () => {
  const base = { kind: 'count', measure: '批次', source: 'work' };

  it('should accept a count with a valid rule', () => {
    expect(validateIndicatorDefinition({ ...base, workRule: { measure: 'activities' } })).toEqual([]);
  });

  it('should require the rule, a count, and no work rule elsewhere', () => {
    expect(fields(validateIndicatorDefinition(base))).toEqual(['workRule']);
    expect(
      codes(
        validateIndicatorDefinition({
          ...base,
          kind: 'ratio',
          measure: '%',
          workRule: { measure: 'new_leads' },
        }),
      ),
    ).toEqual(['workIsCount']);
    expect(
      fields(
        validateIndicatorDefinition({
          kind: 'count',
          measure: '个',
          source: 'reported',
          workRule: { measure: 'new_leads' },
        }),
      ),
    ).toEqual(['workRule']);
  });
});

describe('workRuleText', () => {
  it('should say what is counted and who is credited', () => {
    expect(
      workRuleText({ measure: 'activities', kinds: ['outbound', 'expo'], ledByCountyLeader: true }),
    ).toBe('招商活动批次：外出招商、展会推介，领导带队，计入组织单位');
    expect(workRuleText({ measure: 'companies_met', creditParticipants: true })).toBe(
      '拜访/接待企业数：参与单位同时计入',
    );
    expect(workRuleText({ measure: 'new_leads' })).toBe('新增线索条数');
    expect(workRuleText({ measure: 'negotiating_leads' })).toBe('在谈项目个数：月末时点数，不逐月累加');
  });
});
