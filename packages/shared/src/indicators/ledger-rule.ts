import type { ErrorDetail } from '../contracts/errors.js';
import type { LedgerRule } from '../contracts/indicators.js';
import {
  FORTUNE500_KINDS,
  INVESTOR_ORIGINS,
  LEDGER_EVENTS,
  LEDGER_MEASURES,
  type LedgerEvent,
  type LedgerMeasure,
} from '../enums/project-enums.js';
import { Dec } from '../money/decimal.js';
import { isDecimalString } from '../money/wan-yuan.js';
import { issue, isPlainObject, joinPath, stringListIssues, unknownKeyIssues } from './validation-issue.js';

const LEDGER_RULE_KEYS: readonly (keyof LedgerRule)[] = [
  'measure',
  'event',
  'minAgreedWan',
  'maxAgreedWan',
  'origins',
  'industryChains',
  'fortune500',
  'chainLeader',
  'specialized',
  'verifiedOnly',
];

/** An industry chain name as a plan lists it. */
export const INDUSTRY_CHAIN_MAX_LENGTH = 50;

/**
 * The shape of a ledger rule (DOMAIN.md §3): a known measure; an event for count and sum_agreed (and none for
 * sum_funds, which adds the funds of the months so far); decimal bounds with min < max; known, unique origins and
 * 500强 kinds; no other keys. Whether its industry chains are the plan's is `checkLedgerRuleReferences`.
 */
export function validateLedgerRule(rule: unknown, path = 'ledgerRule'): ErrorDetail[] {
  if (!isPlainObject(rule)) return [issue(path, 'isObject', '统计规则必须是对象', 'must be an object')];
  const issues = unknownKeyIssues(rule, LEDGER_RULE_KEYS, path);
  const at = (key: string) => joinPath(path, key);

  const measure = rule.measure;
  if (!LEDGER_MEASURES.includes(measure as LedgerMeasure)) {
    issues.push(
      issue(
        at('measure'),
        'isIn',
        '统计方式必须是 count、sum_agreed 或 sum_funds',
        `must be one of ${LEDGER_MEASURES.join(', ')}`,
      ),
    );
  }
  if (rule.event !== undefined && !LEDGER_EVENTS.includes(rule.event as LedgerEvent)) {
    issues.push(
      issue(
        at('event'),
        'isIn',
        '项目节点必须是 signed、started、producing 或 registered',
        `must be one of ${LEDGER_EVENTS.join(', ')}`,
      ),
    );
  } else if (rule.event === undefined && (measure === 'count' || measure === 'sum_agreed')) {
    issues.push(
      issue(
        at('event'),
        'isDefined',
        '按个数或协议投资额统计时必须指定项目节点',
        'is required for count and sum_agreed',
      ),
    );
  } else if (rule.event !== undefined && measure === 'sum_funds') {
    issues.push(
      issue(
        at('event'),
        'notAllowed',
        '到位资金按月份累计，不按项目节点筛选',
        'sum_funds adds the funds of the months so far and takes no event',
      ),
    );
  }

  for (const key of ['minAgreedWan', 'maxAgreedWan'] as const) {
    if (rule[key] !== undefined && !isDecimalString(rule[key])) {
      issues.push(
        issue(
          at(key),
          'isDecimalString',
          '必须是金额文本（万元，最多4位小数）',
          'must be a decimal string in 万元',
        ),
      );
    }
  }
  if (
    isDecimalString(rule.minAgreedWan) &&
    isDecimalString(rule.maxAgreedWan) &&
    !new Dec(rule.minAgreedWan).lt(rule.maxAgreedWan)
  ) {
    issues.push(
      issue(at('maxAgreedWan'), 'range', '协议投资额上限必须大于下限', 'must be above minAgreedWan'),
    );
  }

  if (rule.origins !== undefined) {
    issues.push(...enumListIssues(rule.origins, INVESTOR_ORIGINS, at('origins'), '投资方来源'));
  }
  if (rule.industryChains !== undefined) {
    issues.push(
      ...stringListIssues(rule.industryChains, at('industryChains'), {
        minItems: 1,
        maxItems: 100,
        maxLength: INDUSTRY_CHAIN_MAX_LENGTH,
        label: '产业链',
      }),
    );
  }
  if (rule.fortune500 !== undefined && typeof rule.fortune500 !== 'boolean') {
    issues.push(...enumListIssues(rule.fortune500, FORTUNE500_KINDS, at('fortune500'), '500强类别'));
  }
  for (const key of ['chainLeader', 'specialized', 'verifiedOnly'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'boolean') {
      issues.push(issue(at(key), 'isBoolean', '必须是布尔值', 'must be a boolean'));
    }
  }
  return issues;
}

/** A valid rule's industry chains must be chains of its plan. */
export function checkLedgerRuleReferences(
  rule: LedgerRule,
  context: { industryChains: readonly string[] },
  path = 'ledgerRule',
): ErrorDetail[] {
  return (rule.industryChains ?? []).flatMap((chain, i) =>
    context.industryChains.includes(chain)
      ? []
      : [
          issue(
            joinPath(path, 'industryChains', i),
            'unknownChain',
            `产业链“${chain}”不在本计划的产业链清单中`,
            `${chain} is not an industry chain of the plan`,
          ),
        ],
  );
}

function enumListIssues<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  label: string,
): ErrorDetail[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [issue(path, 'isArray', `${label}必须是非空数组`, 'must be a non-empty array')];
  }
  const seen = new Set<unknown>();
  return value.flatMap((item, i) => {
    if (!allowed.includes(item as T)) {
      return [
        issue(
          joinPath(path, i),
          'isIn',
          `${label}取值不在允许范围内`,
          `must be one of ${allowed.join(', ')}`,
        ),
      ];
    }
    if (seen.has(item)) return [issue(joinPath(path, i), 'duplicate', `${label}重复`, 'duplicate value')];
    seen.add(item);
    return [];
  });
}
