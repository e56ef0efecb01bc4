import type { ErrorDetail } from '../contracts/errors.js';
import { Dec } from '../money/decimal.js';
import { INDUSTRY_CHAIN_MAX_LENGTH } from './ledger-rule.js';
import { issue, isPlainObject, joinPath, stringListIssues, unknownKeyIssues } from './validation-issue.js';

const GROUP_CODE = /^[A-Za-z0-9_-]{1,40}$/;
// the same check as the unit table's category column
const CATEGORY = /^[a-z][a-z0-9_]{0,39}$/;
const FRACTION = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

/**
 * A plan's time-progress curve: null (linear m/12) or 12 cumulative fractions as decimal strings in [0, 1],
 * never decreasing, the last exactly 1.
 */
export function validatePlanCurve(curve: unknown, path = 'curve'): ErrorDetail[] {
  if (curve === null) return [];
  if (!Array.isArray(curve) || curve.length !== 12) {
    return [
      issue(
        path,
        'curveLength',
        '序时进度曲线必须是 12 个月的累计比例（或 null 表示按月均匀）',
        'must be 12 cumulative fractions, or null for linear',
      ),
    ];
  }
  const issues: ErrorDetail[] = [];
  let previous: InstanceType<typeof Dec> | null = new Dec(0);
  curve.forEach((raw: unknown, i: number) => {
    if (typeof raw !== 'string' || !FRACTION.test(raw)) {
      issues.push(
        issue(
          joinPath(path, i),
          'fraction',
          '必须是 0 到 1 之间的小数文本（最多6位小数）',
          'must be a decimal string between 0 and 1',
        ),
      );
      previous = null;
      return;
    }
    const value = new Dec(raw);
    if (previous && value.lt(previous)) {
      issues.push(
        issue(
          joinPath(path, i),
          'decreasing',
          `${i + 1}月的累计比例不能低于上月`,
          `must not be below month ${i}`,
        ),
      );
    }
    previous = value;
  });
  if (issues.length === 0 && !new Dec(curve[11] as string).eq(1)) {
    issues.push(issue(joinPath(path, 11), 'lastIsOne', '12月的累计比例必须等于 1', 'must be 1'));
  }
  return issues;
}

/**
 * Ranking groups (分类考核): unique codes, a name, a non-empty list of unit categories, and every category in at
 * most one group (a unit is ranked once).
 */
export function validateRankingGroups(groups: unknown, path = 'rankingGroups'): ErrorDetail[] {
  if (!Array.isArray(groups)) return [issue(path, 'isArray', '考核分组必须是数组', 'must be an array')];
  if (groups.length > 50) return [issue(path, 'arrayMaxSize', '考核分组过多', 'must have at most 50 groups')];
  const issues: ErrorDetail[] = [];
  const codes = new Set<string>();
  const groupOfCategory = new Map<string, string>();
  groups.forEach((group: unknown, i: number) => {
    const at = (...rest: Array<string | number>) => joinPath(path, i, ...rest);
    if (!isPlainObject(group)) {
      issues.push(issue(at(), 'isObject', '考核分组必须是对象', 'must be an object'));
      return;
    }
    issues.push(...unknownKeyIssues(group, ['code', 'name', 'categories'], at()));
    const code = group.code;
    if (typeof code !== 'string' || !GROUP_CODE.test(code)) {
      issues.push(
        issue(
          at('code'),
          'matches',
          '分组编码由 1–40 个字母、数字、_ 或 - 组成',
          'must be 1–40 letters, digits, _ or -',
        ),
      );
    } else if (codes.has(code)) {
      issues.push(issue(at('code'), 'duplicate', `分组编码重复：${code}`, `duplicate group code ${code}`));
    } else {
      codes.add(code);
    }
    if (typeof group.name !== 'string' || group.name.trim().length === 0 || group.name.length > 50) {
      issues.push(
        issue(at('name'), 'isString', '分组名称必须是 1–50 个字符', 'must be text of 1–50 characters'),
      );
    }
    const categoryIssues = stringListIssues(group.categories, at('categories'), {
      minItems: 1,
      maxItems: 50,
      maxLength: 40,
      pattern: CATEGORY,
      label: '单位类别',
    });
    issues.push(...categoryIssues);
    if (categoryIssues.length > 0 || !Array.isArray(group.categories)) return;
    (group.categories as string[]).forEach((category, j) => {
      const other = groupOfCategory.get(category);
      if (other !== undefined) {
        issues.push(
          issue(
            at('categories', j),
            'categoryInTwoGroups',
            `单位类别 ${category} 已在分组 ${other} 中`,
            `category ${category} is already in group ${other}`,
          ),
        );
      } else {
        groupOfCategory.set(category, typeof code === 'string' ? code : String(i));
      }
    });
  });
  return issues;
}

/** The plan's industry chains (产业链): unique names of 1–50 characters. */
export function validateIndustryChains(chains: unknown, path = 'industryChains'): ErrorDetail[] {
  return stringListIssues(chains, path, {
    maxItems: 100,
    maxLength: INDUSTRY_CHAIN_MAX_LENGTH,
    label: '产业链',
  });
}
