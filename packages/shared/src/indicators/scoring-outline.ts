import type { ErrorDetail } from '../contracts/errors.js';
import { SCORING_METHODS, type ScoringConfig, type ScoringMethod } from '../contracts/plans.js';
import { DECIMAL_STRING_PATTERN } from '../money/wan-yuan.js';
import { Dec } from '../money/decimal.js';
import { issue, isPlainObject, joinPath, unknownKeyIssues } from './validation-issue.js';

const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
export const SCORING_MAX_ITEMS = 200;
/** The rank mode, tie-break chain, boards and awards (scoring/validate-boards.ts checks them). */
const BOARD_RULE_KEYS = ['rankMode', 'tieBreaks', 'boards', 'awards'];

/**
 * The outline of a plan's scoring configuration (the engine checks each method's own fields later):
 * `{ items, coefficient?, listSize? }`; every item has a unique code, a name and a known method; `groups` is a list
 * of group codes; indicator references (`indicator`, `indicators[]`, `parts[].indicator`) are code strings.
 * Method fields other than those are kept as given.
 */
export function validateScoringOutline(scoring: unknown, path = 'scoring'): ErrorDetail[] {
  if (!isPlainObject(scoring)) return [issue(path, 'isObject', '评分配置必须是对象', 'must be an object')];
  const issues = unknownKeyIssues(
    scoring,
    ['items', 'coefficient', 'listSize', 'indicators', 'rounding', ...BOARD_RULE_KEYS],
    path,
  );
  if (scoring.coefficient !== undefined) {
    const c = scoring.coefficient;
    if (typeof c !== 'string' || !DECIMAL_STRING_PATTERN.test(c) || new Dec(c).isZero()) {
      issues.push(
        issue(
          joinPath(path, 'coefficient'),
          'isDecimalString',
          '系数必须是大于 0 的数值文本',
          'must be a decimal string above 0',
        ),
      );
    }
  }
  if (scoring.listSize !== undefined) {
    const n = scoring.listSize;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) {
      issues.push(
        issue(
          joinPath(path, 'listSize'),
          'isInt',
          '红黑榜名额必须是 1–100 的整数',
          'must be an integer from 1 to 100',
        ),
      );
    }
  }
  const itemsPath = joinPath(path, 'items');
  if (!Array.isArray(scoring.items)) {
    issues.push(issue(itemsPath, 'isArray', '评分项必须是数组', 'must be an array'));
    return issues;
  }
  if (scoring.items.length > SCORING_MAX_ITEMS) {
    issues.push(
      issue(itemsPath, 'arrayMaxSize', '评分项过多', `must have at most ${SCORING_MAX_ITEMS} items`),
    );
    return issues;
  }
  const codes = new Set<string>();
  scoring.items.forEach((item: unknown, i: number) => {
    const at = (...rest: Array<string | number>) => joinPath(itemsPath, i, ...rest);
    if (!isPlainObject(item)) {
      issues.push(issue(at(), 'isObject', '评分项必须是对象', 'must be an object'));
      return;
    }
    if (typeof item.code !== 'string' || !ITEM_CODE.test(item.code)) {
      issues.push(
        issue(
          at('code'),
          'matches',
          '评分项编码必须以字母开头，由字母、数字、_ 或 - 组成',
          'must be a code starting with a letter',
        ),
      );
    } else if (codes.has(item.code)) {
      issues.push(
        issue(at('code'), 'duplicate', `评分项编码重复：${item.code}`, `duplicate item code ${item.code}`),
      );
    } else {
      codes.add(item.code);
    }
    if (typeof item.name !== 'string' || item.name.trim().length === 0 || item.name.length > 100) {
      issues.push(
        issue(at('name'), 'isString', '评分项名称必须是 1–100 个字符', 'must be text of 1–100 characters'),
      );
    }
    if (!SCORING_METHODS.includes(item.method as ScoringMethod)) {
      issues.push(
        issue(
          at('method'),
          'isIn',
          `赋分方法必须是 ${SCORING_METHODS.join('、')} 之一`,
          `must be one of ${SCORING_METHODS.join(', ')}`,
        ),
      );
    }
    if (item.groups !== undefined) issues.push(...stringArrayIssues(item.groups, at('groups'), '分组编码'));
    if (item.indicator !== undefined && typeof item.indicator !== 'string') {
      issues.push(issue(at('indicator'), 'indicatorCode', '必须是指标编码', 'must be an indicator code'));
    }
    if (item.indicators !== undefined)
      issues.push(...stringArrayIssues(item.indicators, at('indicators'), '指标编码'));
    if (item.parts !== undefined) {
      if (!Array.isArray(item.parts)) {
        issues.push(issue(at('parts'), 'isArray', '必须是数组', 'must be an array'));
      } else {
        item.parts.forEach((part: unknown, j: number) => {
          if (!isPlainObject(part))
            issues.push(issue(at('parts', j), 'isObject', '必须是对象', 'must be an object'));
          else if (part.indicator !== undefined && typeof part.indicator !== 'string') {
            issues.push(
              issue(
                at('parts', j, 'indicator'),
                'indicatorCode',
                '必须是指标编码',
                'must be an indicator code',
              ),
            );
          }
        });
      }
    }
  });
  return issues;
}

/** Every indicator code a valid outline names, with its field (`scoring.items.2.parts.0.indicator`). */
export function scoringIndicatorReferences(
  scoring: ScoringConfig,
  path = 'scoring',
): Array<{ field: string; code: string }> {
  return scoring.items.flatMap((item, i) => {
    const at = (...rest: Array<string | number>) => joinPath(path, 'items', i, ...rest);
    const refs: Array<{ field: string; code: string }> = [];
    if (typeof item.indicator === 'string') refs.push({ field: at('indicator'), code: item.indicator });
    if (Array.isArray(item.indicators)) {
      (item.indicators as string[]).forEach((code, j) => refs.push({ field: at('indicators', j), code }));
    }
    if (Array.isArray(item.parts)) {
      (item.parts as Array<{ indicator?: string }>).forEach((part, j) => {
        if (typeof part.indicator === 'string')
          refs.push({ field: at('parts', j, 'indicator'), code: part.indicator });
      });
    }
    return refs;
  });
}

/**
 * A valid outline against its plan: referenced indicators exist (checked only once the plan has indicators, so
 * scoring can be drafted first) and item groups are ranking groups of the plan.
 */
export function checkScoringReferences(
  scoring: ScoringConfig,
  context: { indicatorCodes: readonly string[]; groupCodes: readonly string[] },
  path = 'scoring',
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (context.indicatorCodes.length > 0) {
    const known = new Set(context.indicatorCodes);
    for (const ref of scoringIndicatorReferences(scoring, path)) {
      if (!known.has(ref.code)) {
        issues.push(
          issue(
            ref.field,
            'unknownIndicator',
            `本计划没有编码为 ${ref.code} 的指标`,
            `no indicator ${ref.code} in this plan`,
          ),
        );
      }
    }
  }
  const groups = new Set(context.groupCodes);
  scoring.items.forEach((item, i) => {
    (item.groups ?? []).forEach((group, j) => {
      if (!groups.has(group)) {
        issues.push(
          issue(
            joinPath(path, 'items', i, 'groups', j),
            'unknownGroup',
            `本计划没有编码为 ${group} 的考核分组`,
            `no ranking group ${group} in this plan`,
          ),
        );
      }
    });
  });
  return issues;
}

function stringArrayIssues(value: unknown, path: string, label: string): ErrorDetail[] {
  if (!Array.isArray(value)) return [issue(path, 'isArray', `${label}列表必须是数组`, 'must be an array')];
  const seen = new Set<string>();
  return value.flatMap((v, j) => {
    if (typeof v !== 'string' || v.length === 0 || v.length > 40) {
      return [
        issue(
          joinPath(path, j),
          'isString',
          `${label}必须是 1–40 个字符的文本`,
          'must be a code of 1–40 characters',
        ),
      ];
    }
    if (seen.has(v)) return [issue(joinPath(path, j), 'duplicate', `${label}重复：${v}`, `duplicate ${v}`)];
    seen.add(v);
    return [];
  });
}
