import {
  FORTUNE500_KINDS,
  INVESTOR_ORIGINS,
  isDecimalString,
  type CountCredit,
  type LedgerEvent,
  type LedgerRule,
} from '@pacer/shared';

import { countedProjectSql } from '../../common/sql/project-credit.sql';

/** Positional parameters of one statement: `add(value)` answers its placeholder (`$7`). Never interpolate values. */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// the only columns a rule may name (VAL-3: an allowlist, never text from the rule itself)
const EVENT_COLUMN: Readonly<Record<LedgerEvent, string>> = {
  signed: 'p.signed_date',
  started: 'p.started_date',
  producing: 'p.producing_date',
  registered: 'p.registered_date',
};

export interface LedgerIndicatorDef {
  id: number;
  code: string;
  rule: LedgerRule;
}

/** Placeholders the caller has already bound: the plan year's first day, the next year's first day, `YYYY-%`. */
export interface YearParams {
  yearStart: string;
  nextYearStart: string;
  monthLike: string;
}

function invalid(def: LedgerIndicatorDef, what: string): Error {
  // indicator writes validate rules (helper in @pacer/shared); a bad rule here is a data bug: fail loudly, never miscount
  return new Error(`ledger indicator ${def.code} (#${def.id}) has an invalid rule: ${what}`);
}

function stringList(
  def: LedgerIndicatorDef,
  key: string,
  value: unknown,
  allowed?: readonly string[],
): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw invalid(def, `${key} must be a non-empty list of strings`);
  }
  if (allowed && value.some((v) => !allowed.includes(v as string)))
    throw invalid(def, `${key} has an unknown value`);
  return value as string[];
}

/**
 * The WHERE conditions of a rule over `project p`. Dropped, excluded and deleted projects never count.
 * Bounds: min inclusive (以上 includes the value), max exclusive. A boolean flag filter matches the flag's value
 * (`chainLeader: true` → chain leaders only, `false` → the others); `fortune500: true` → any 500强 kind,
 * `false` → none, a list → those kinds.
 */
export function projectFilterSql(def: LedgerIndicatorDef, params: SqlParams): string[] {
  const rule = def.rule;
  const where = [countedProjectSql('p'), "p.stage <> 'dropped'"];
  for (const [key, op] of [
    ['minAgreedWan', '>='],
    ['maxAgreedWan', '<'],
  ] as const) {
    const bound = rule[key];
    if (bound === undefined || bound === null) continue;
    if (!isDecimalString(bound)) throw invalid(def, `${key} is not a decimal string`);
    where.push(`p.agreed_investment_wan ${op} ${params.add(bound)}::numeric`);
  }
  if (rule.origins !== undefined) {
    where.push(
      `p.origin = ANY(${params.add(stringList(def, 'origins', rule.origins, INVESTOR_ORIGINS))}::text[])`,
    );
  }
  if (rule.industryChains !== undefined) {
    where.push(
      `p.industry_chain = ANY(${params.add(stringList(def, 'industryChains', rule.industryChains))}::text[])`,
    );
  }
  if (rule.fortune500 === true) where.push('p.fortune500_kind IS NOT NULL');
  else if (rule.fortune500 === false) where.push('p.fortune500_kind IS NULL');
  else if (rule.fortune500 !== undefined) {
    where.push(
      `p.fortune500_kind = ANY(${params.add(stringList(def, 'fortune500', rule.fortune500, FORTUNE500_KINDS))}::text[])`,
    );
  }
  for (const [key, column] of [
    ['chainLeader', 'p.is_chain_leader'],
    ['specialized', 'p.is_specialized'],
  ] as const) {
    const flag = rule[key];
    if (flag === undefined || flag === null) continue;
    if (typeof flag !== 'boolean') throw invalid(def, `${key} is not a boolean`);
    where.push(flag ? column : `NOT ${column}`);
  }
  return where;
}

/** 仅计已认定: the rule counts only events the office verified (issue 15). */
function verifiedOnly(def: LedgerIndicatorDef): boolean {
  if (def.rule.verifiedOnly !== undefined && typeof def.rule.verifiedOnly !== 'boolean')
    throw invalid(def, 'verifiedOnly is not a boolean');
  return def.rule.verifiedOnly === true;
}

/**
 * The event of `project p` (a kind literal from EVENT_COLUMN's keys or 'fund', never request text) is 已认定; a fund
 * entry is matched by its month column.
 */
function verifiedSql(kindLiteral: string, fundMonth: string | null): string {
  const month = fundMonth ? ` AND v.fund_month = ${fundMonth}` : '';
  return `EXISTS (SELECT 1 FROM verification v WHERE v.project_id = p.id AND v.kind = ${kindLiteral}${month}
                   AND v.status = 'verified')`;
}

/**
 * One ledger indicator's own monthly increments as rows `(unit_id, indicator_id, month_no, amount)`, over the CTE
 * `credit(project_id, unit_id, share_pct)` (every credited unit of a project; 100% to the responsible unit when the
 * project has no share rows).
 * - count / sum_agreed: projects whose `event` date falls in the plan's year, in the month of that date;
 * - sum_funds: project_fund amounts of the plan year's months;
 * amounts are credited by share; a count is 1 to the responsible unit, or share ÷ 100 when the plan credits by share;
 * a rule with `verifiedOnly` takes only the events (fund entries) whose verification is 已认定.
 */
export function ledgerIncrementsSql(
  def: LedgerIndicatorDef,
  countCredit: CountCredit,
  params: SqlParams,
  year: YearParams,
): string {
  const rule = def.rule;
  const indicatorId = params.add(def.id);
  if (rule.measure === 'sum_funds') {
    const where = projectFilterSql(def, params);
    if (verifiedOnly(def)) where.push(verifiedSql("'fund'", 'f.month'));
    return `SELECT cr.unit_id, ${indicatorId}::int, substr(f.month, 6, 2)::int, f.amount_wan * cr.share_pct / 100
      FROM project p JOIN project_fund f ON f.project_id = p.id JOIN credit cr ON cr.project_id = p.id
     WHERE f.month LIKE ${year.monthLike} AND ${where.join(' AND ')}`;
  }
  if (rule.measure !== 'count' && rule.measure !== 'sum_agreed') throw invalid(def, 'unknown measure');
  const column = rule.event ? EVENT_COLUMN[rule.event] : undefined;
  if (!column) throw invalid(def, 'count and sum_agreed need a known event');
  const where = [
    `${column} >= ${year.yearStart}::date`,
    `${column} < ${year.nextYearStart}::date`,
    ...projectFilterSql(def, params),
  ];
  if (verifiedOnly(def)) where.push(verifiedSql(`'${rule.event}'`, null));
  const month = `extract(month FROM ${column})::int`;
  if (rule.measure === 'count' && countCredit !== 'share') {
    return `SELECT p.unit_id, ${indicatorId}::int, ${month}, 1::numeric
      FROM project p WHERE ${where.join(' AND ')}`;
  }
  const amount =
    rule.measure === 'count' ? 'cr.share_pct / 100' : 'p.agreed_investment_wan * cr.share_pct / 100';
  return `SELECT cr.unit_id, ${indicatorId}::int, ${month}, ${amount}
      FROM project p JOIN credit cr ON cr.project_id = p.id WHERE ${where.join(' AND ')}`;
}
