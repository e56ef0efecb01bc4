import { ACTIVITY_KINDS, type WorkRule } from '@pacer/shared';

import type { SqlParams, YearParams } from './ledger-rule.sql';

export interface WorkIndicatorDef {
  id: number;
  code: string;
  rule: WorkRule;
}

function invalid(def: WorkIndicatorDef, what: string): Error {
  // indicator writes validate rules (validateWorkRule in @pacer/shared); a bad rule here is a data bug: fail loudly
  return new Error(`work indicator ${def.code} (#${def.id}) has an invalid rule: ${what}`);
}

/** The activities a rule counts, as conditions over `activity a` of the plan year (removed ones never count). */
function activityFilterSql(def: WorkIndicatorDef, params: SqlParams, year: YearParams): string[] {
  const rule = def.rule;
  const where = [
    'a.removed_at IS NULL',
    `a.start_date >= ${year.yearStart}::date`,
    `a.start_date < ${year.nextYearStart}::date`,
  ];
  if (rule.kinds !== undefined) {
    if (!Array.isArray(rule.kinds) || rule.kinds.some((k) => !ACTIVITY_KINDS.includes(k))) {
      throw invalid(def, 'kinds has an unknown value');
    }
    where.push(`a.kind = ANY(${params.add(rule.kinds)}::text[])`);
  }
  if (rule.ledByCountyLeader !== undefined) {
    if (typeof rule.ledByCountyLeader !== 'boolean') throw invalid(def, 'ledByCountyLeader is not a boolean');
    where.push(rule.ledByCountyLeader ? 'a.led_by_county_leader' : 'NOT a.led_by_county_leader');
  }
  return where;
}

/**
 * One work indicator's own monthly increments as rows `(unit_id, indicator_id, month_no, amount)` (see
 * `WorkRule` in @pacer/shared for what each measure counts). An activity is credited to its organising unit, and with
 * `creditParticipants` once to each other unit taking part; a lead to its unit. 在谈项目个数 is a level: its
 * increment in a month is the change of the month-end count (flag at the month's end − flag a month before), so the
 * summary's cumulation gives the count at each month's end and a parent's figure is the sum of its children's.
 */
export function workIncrementsSql(def: WorkIndicatorDef, params: SqlParams, year: YearParams): string {
  const rule = def.rule;
  const indicatorId = params.add(def.id);
  switch (rule.measure) {
    case 'activities':
    case 'companies_met': {
      const where = activityFilterSql(def, params, year);
      const credited = rule.creditParticipants
        ? `(SELECT a.unit_id UNION SELECT au.unit_id FROM activity_unit au WHERE au.activity_id = a.id)`
        : `(SELECT a.unit_id)`;
      const amount =
        rule.measure === 'activities'
          ? '1::numeric'
          : '(SELECT count(*) FROM activity_company ac WHERE ac.activity_id = a.id)::numeric';
      return `SELECT cu.unit_id, ${indicatorId}::int, extract(month FROM a.start_date)::int, ${amount}
        FROM activity a CROSS JOIN LATERAL ${credited} AS cu(unit_id)
       WHERE ${where.join(' AND ')}`;
    }
    case 'new_leads':
      return `SELECT l.unit_id, ${indicatorId}::int, extract(month FROM l.found_on)::int, 1::numeric
        FROM lead l WHERE l.found_on >= ${year.yearStart}::date AND l.found_on < ${year.nextYearStart}::date`;
    case 'signed_leads':
      // of the leads found in the year, those signed now, in the month they first reached 已签约
      return `SELECT l.unit_id, ${indicatorId}::int, extract(month FROM s.signed_on)::int, 1::numeric
        FROM lead l
        JOIN LATERAL (SELECT min(c.changed_on) AS signed_on FROM lead_status_change c
                       WHERE c.lead_id = l.id AND c.to_status = 'signed') s ON true
       WHERE l.status = 'signed'
         AND l.found_on >= ${year.yearStart}::date AND l.found_on < ${year.nextYearStart}::date
         AND s.signed_on >= ${year.yearStart}::date AND s.signed_on < ${year.nextYearStart}::date`;
    case 'negotiating_leads':
      // a lead's status at a month's end: its latest change up to then (a lead without any change row: its status
      // since it was found)
      return `SELECT unit_id, ${indicatorId}::int, month_no,
                     (flag - coalesce(lag(flag) OVER (PARTITION BY lead_id ORDER BY month_no), 0))::numeric
        FROM (
          SELECT l.id AS lead_id, l.unit_id, m.month_no,
                 CASE WHEN coalesce(
                   (SELECT c.to_status FROM lead_status_change c
                     WHERE c.lead_id = l.id AND c.changed_on < (${year.yearStart}::date + make_interval(months => m.month_no))::date
                     ORDER BY c.changed_on DESC, c.id DESC LIMIT 1),
                   CASE WHEN l.found_on < (${year.yearStart}::date + make_interval(months => m.month_no))::date
                         AND NOT EXISTS (SELECT 1 FROM lead_status_change c2 WHERE c2.lead_id = l.id)
                        THEN l.status END) = 'negotiating' THEN 1 ELSE 0 END AS flag
            FROM lead l CROSS JOIN generate_series(1, 12) AS m(month_no)
           WHERE l.found_on < ${year.nextYearStart}::date
        ) month_end`;
    default:
      throw invalid(def, 'unknown measure');
  }
}
