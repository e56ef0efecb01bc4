import { linearCurve } from '../periods/time-progress.js';
import { validateIndustryChains, validatePlanCurve, validateRankingGroups } from './plan-settings.js';

describe('validatePlanCurve', () => {
  it('should accept null, the linear curve and a back-loaded curve', () => {
    expect(validatePlanCurve(null)).toEqual([]);
    expect(validatePlanCurve(linearCurve())).toEqual([]);
    expect(
      validatePlanCurve([
        '0.02',
        '0.05',
        '0.15',
        '0.2',
        '0.3',
        '0.45',
        '0.5',
        '0.6',
        '0.7',
        '0.8',
        '0.9',
        '1',
      ]),
    ).toEqual([]);
  });

  it('should refuse 11 values, a decreasing month, a value above 1 and a last month below 1', () => {
    expect(validatePlanCurve(linearCurve().slice(1))).toEqual([
      expect.objectContaining({ field: 'curve', code: 'curveLength' }),
    ]);
    const decreasing = linearCurve();
    decreasing[4] = '0.3';
    expect(validatePlanCurve(decreasing)).toEqual([
      expect.objectContaining({ field: 'curve.4', code: 'decreasing' }),
    ]);
    const above = linearCurve();
    above[3] = '1.5';
    expect(validatePlanCurve(above).map((i) => i.field)).toEqual(['curve.3']);
    const short = linearCurve();
    short[11] = '0.99';
    expect(validatePlanCurve(short)).toEqual([
      expect.objectContaining({ field: 'curve.11', code: 'lastIsOne' }),
    ]);
    expect(validatePlanCurve(Array(12).fill(1))[0]).toMatchObject({ field: 'curve.0', code: 'fraction' });
  });
});

describe('validateRankingGroups', () => {
  const towns = { code: 'towns', name: '乡镇（街道）', categories: ['town'] };
  const others = { code: 'others', name: '县直部门及园区', categories: ['department', 'park', 'task_force'] };

  it('should accept disjoint groups and none', () => {
    expect(validateRankingGroups([towns, others])).toEqual([]);
    expect(validateRankingGroups([])).toEqual([]);
  });

  it('should refuse duplicate codes, empty categories and a category in two groups', () => {
    const issues = validateRankingGroups([
      towns,
      { code: 'towns', name: '重复', categories: ['county'] },
      { code: 'empty', name: '空分组', categories: [] },
      { code: 'parks', name: '园区', categories: ['park', 'town'] },
    ]);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['rankingGroups.1.code', 'duplicate'],
      ['rankingGroups.2.categories', 'arrayMinSize'],
      ['rankingGroups.3.categories.1', 'categoryInTwoGroups'],
    ]);
    expect(issues[2]?.message).toContain('towns');
  });

  it('should refuse bad category codes, unknown keys and non-arrays', () => {
    expect(
      validateRankingGroups([{ code: 'g', name: 'g', categories: ['Town', 'town', 'town'], sort: 1 }]).map(
        (i) => i.field,
      ),
    ).toEqual(['rankingGroups.0.sort', 'rankingGroups.0.categories.0', 'rankingGroups.0.categories.2']);
    expect(validateRankingGroups({})[0]?.code).toBe('isArray');
  });
});

describe('validateIndustryChains', () => {
  it('should accept unique names of 1–50 characters and name the others', () => {
    expect(validateIndustryChains(['新能源汽车', '低空经济', '绿色食品加工'])).toEqual([]);
    expect(
      validateIndustryChains(['新能源汽车', '新能源汽车', '', 'x'.repeat(51), 3]).map((i) => i.field),
    ).toEqual(['industryChains.1', 'industryChains.2', 'industryChains.3', 'industryChains.4']);
  });
});
