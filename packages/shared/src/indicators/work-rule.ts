import type { ErrorDetail } from '../contracts/errors.js';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, type ActivityKind } from '../contracts/investment-work.js';
import { issue, isPlainObject, joinPath, unknownKeyIssues } from './validation-issue.js';

/**
 * 招商工作 indicators (issue 17 part 3): figures counted from the activities and leads, configured like the ledger
 * ones (an indicator of source `work` with a `workRule`). Every measure is a count, credited to the organising unit
 * of an activity (and, with `creditParticipants`, to each unit taking part) or to a lead's unit:
 * - `activities`: 招商活动批次 — activities starting in the month (filters: kinds, ledByCountyLeader);
 * - `companies_met`: 拜访/接待企业数 — companies met by those activities, in the month the activity starts;
 * - `new_leads`: 新增线索条数 — leads by the month they were found;
 * - `signed_leads`: leads found in the plan year that reached 已签约, in the month they did (线索转化率 is the
 *   formula indicator signed_leads ÷ new_leads: a ratio of the rolled-up year-to-date counts, never summed);
 * - `negotiating_leads`: 在谈项目个数 — leads in 洽谈中 at the month's end: a level (its value at a month is the
 *   count at that month's end, never a sum over months), which still adds up over units (a lead has one unit).
 * Removed activities never count.
 */
export const WORK_MEASURES = [
  'activities',
  'companies_met',
  'new_leads',
  'signed_leads',
  'negotiating_leads',
] as const;
export type WorkMeasure = (typeof WORK_MEASURES)[number];
export const WORK_MEASURE_LABELS: Readonly<Record<WorkMeasure, string>> = {
  activities: '招商活动批次',
  companies_met: '拜访/接待企业数',
  new_leads: '新增线索条数',
  signed_leads: '签约线索条数',
  negotiating_leads: '在谈项目个数',
};

/** The measures counted from activities (the others from leads). */
export const ACTIVITY_WORK_MEASURES: readonly WorkMeasure[] = ['activities', 'companies_met'];

export interface WorkRule {
  measure: WorkMeasure;
  /** Activities only: these kinds (none = every kind). */
  kinds?: ActivityKind[];
  /** Activities only: true = 领导带队 only, false = the others. */
  ledByCountyLeader?: boolean;
  /** Activities only: each unit taking part is credited too (an activity counts once per unit, never twice). */
  creditParticipants?: boolean;
}

const WORK_RULE_KEYS: readonly (keyof WorkRule)[] = [
  'measure',
  'kinds',
  'ledByCountyLeader',
  'creditParticipants',
];

/** The shape of a work rule: a known measure; activity filters only on activity measures; no other keys. */
export function validateWorkRule(rule: unknown, path = 'workRule'): ErrorDetail[] {
  if (!isPlainObject(rule)) return [issue(path, 'isObject', '统计规则必须是对象', 'must be an object')];
  const issues = unknownKeyIssues(rule, WORK_RULE_KEYS, path);
  const at = (key: string) => joinPath(path, key);
  const measure = rule.measure as WorkMeasure;
  if (!WORK_MEASURES.includes(measure)) {
    issues.push(
      issue(
        at('measure'),
        'isIn',
        `统计方式必须是 ${WORK_MEASURES.join('、')} 之一`,
        `must be one of ${WORK_MEASURES.join(', ')}`,
      ),
    );
    return issues;
  }
  const onActivities = ACTIVITY_WORK_MEASURES.includes(measure);
  for (const key of ['kinds', 'ledByCountyLeader', 'creditParticipants'] as const) {
    if (rule[key] !== undefined && !onActivities) {
      issues.push(
        issue(
          at(key),
          'notAllowed',
          '线索类统计不按活动类型、领导带队或参与单位筛选',
          'only an activity measure takes this filter',
        ),
      );
    }
  }
  if (rule.kinds !== undefined && onActivities) {
    if (!Array.isArray(rule.kinds) || rule.kinds.length === 0) {
      issues.push(issue(at('kinds'), 'isArray', '活动类型必须是非空数组', 'must be a non-empty array'));
    } else {
      const seen = new Set<unknown>();
      rule.kinds.forEach((kind, i) => {
        if (!ACTIVITY_KINDS.includes(kind as ActivityKind)) {
          issues.push(
            issue(
              joinPath(path, 'kinds', i),
              'isIn',
              '活动类型取值不在允许范围内',
              `must be one of ${ACTIVITY_KINDS.join(', ')}`,
            ),
          );
        } else if (seen.has(kind)) {
          issues.push(issue(joinPath(path, 'kinds', i), 'duplicate', '活动类型重复', 'duplicate value'));
        }
        seen.add(kind);
      });
    }
  }
  for (const key of ['ledByCountyLeader', 'creditParticipants'] as const) {
    if (rule[key] !== undefined && onActivities && typeof rule[key] !== 'boolean') {
      issues.push(issue(at(key), 'isBoolean', '必须是布尔值', 'must be a boolean'));
    }
  }
  return issues;
}

/** A valid rule in one Chinese line, e.g. 「招商活动批次：外出招商、展会推介，领导带队，参与单位同时计入」. */
export function workRuleText(rule: WorkRule): string {
  const parts: string[] = [];
  if (rule.kinds?.length) parts.push(rule.kinds.map((k) => ACTIVITY_KIND_LABELS[k]).join('、'));
  if (rule.ledByCountyLeader === true) parts.push('领导带队');
  else if (rule.ledByCountyLeader === false) parts.push('非领导带队');
  if (rule.creditParticipants) parts.push('参与单位同时计入');
  else if (ACTIVITY_WORK_MEASURES.includes(rule.measure)) parts.push('计入组织单位');
  if (rule.measure === 'negotiating_leads') parts.push('月末时点数，不逐月累加');
  const label = WORK_MEASURE_LABELS[rule.measure];
  return parts.length ? `${label}：${parts.join('，')}` : label;
}
