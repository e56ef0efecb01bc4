import { Dec, type FormulaDef, type FormulaOperand, type LedgerRule } from '@pacer/shared';
import type { DataSource } from 'typeorm';

// An independent oracle for ytd_summary: it loads raw rows and computes everything in TypeScript with Dec, walking
// the tree by parent_id (no unit_closure, no window functions, no SQL aggregation), so a bug in the maintained
// SQL cannot hide in the same place here.

export interface YtdCell {
  value: string;
  numerator: string | null;
  denominator: string | null;
}

type D = InstanceType<typeof Dec>;

interface ProjectRaw {
  id: number;
  unit_id: number;
  origin: string;
  industry_chain: string | null;
  agreed_investment_wan: string;
  fortune500_kind: string | null;
  is_chain_leader: boolean;
  is_specialized: boolean;
  stage: string;
  signed_date: string | null;
  started_date: string | null;
  producing_date: string | null;
  registered_date: string | null;
  is_excluded: boolean;
  deleted_at: Date | null;
}

const EVENT_DATE = {
  signed: 'signed_date',
  started: 'started_date',
  producing: 'producing_date',
  registered: 'registered_date',
} as const;

function matches(rule: LedgerRule, p: ProjectRaw): boolean {
  if (p.deleted_at || p.is_excluded || p.stage === 'dropped') return false;
  const agreed = new Dec(p.agreed_investment_wan);
  if (rule.minAgreedWan !== undefined && agreed.lt(rule.minAgreedWan)) return false;
  if (rule.maxAgreedWan !== undefined && agreed.gte(rule.maxAgreedWan)) return false;
  if (rule.origins && !(rule.origins as string[]).includes(p.origin)) return false;
  if (rule.industryChains && (p.industry_chain === null || !rule.industryChains.includes(p.industry_chain)))
    return false;
  if (rule.fortune500 === true && p.fortune500_kind === null) return false;
  if (rule.fortune500 === false && p.fortune500_kind !== null) return false;
  if (
    Array.isArray(rule.fortune500) &&
    (p.fortune500_kind === null || !(rule.fortune500 as string[]).includes(p.fortune500_kind))
  ) {
    return false;
  }
  if (rule.chainLeader !== undefined && rule.chainLeader !== p.is_chain_leader) return false;
  if (rule.specialized !== undefined && rule.specialized !== p.is_specialized) return false;
  return true;
}

/** Key `unitId:indicatorId:monthNo`. */
export function cellKey(unitId: number, indicatorId: number, monthNo: number): string {
  return `${unitId}:${indicatorId}:${monthNo}`;
}

export async function ytdFromScratch(dataSource: DataSource, planId: number): Promise<Map<string, YtdCell>> {
  const [plan] = await dataSource.query('SELECT year, root_unit_id, count_credit FROM plan WHERE id = $1', [
    planId,
  ]);
  const year: number = plan.year;
  const units: Array<{ id: number; parent_id: number | null }> = await dataSource.query(
    'SELECT id, parent_id FROM unit',
  );
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  // the tree: units whose parent chain reaches the root
  const chainToRoot = (id: number): number[] | null => {
    const chain: number[] = [];
    for (
      let cur: number | null | undefined = id;
      cur !== null && cur !== undefined;
      cur = parentOf.get(cur)
    ) {
      chain.push(cur);
      if (cur === plan.root_unit_id) return chain;
    }
    return null;
  };
  const tree = units.map((u) => u.id).filter((id) => chainToRoot(id) !== null);

  const indicators: Array<{
    id: number;
    code: string;
    source: string;
    ledger_rule: LedgerRule | null;
    formula: FormulaDef | null;
  }> = await dataSource.query(
    'SELECT id, code, source, ledger_rule, formula FROM indicator WHERE plan_id = $1',
    [planId],
  );
  const own = new Map<string, D>(); // unit:indicator:month → own increment
  const addOwn = (unitId: number, indicatorId: number, monthNo: number, amount: D) => {
    const key = cellKey(unitId, indicatorId, monthNo);
    own.set(key, (own.get(key) ?? new Dec(0)).plus(amount));
  };

  const reported: Array<{
    unit_id: number;
    month: string;
    indicator_id: number;
    value: string;
    source: string;
    status: string;
  }> = await dataSource.query(
    `SELECT r.unit_id, r.month, v.indicator_id, v.value, i.source, r.status
         FROM monthly_report r, report_value v, indicator i
        WHERE v.report_id = r.id AND i.id = v.indicator_id AND r.plan_id = $1 AND i.plan_id = $1`,
    [planId],
  );
  for (const row of reported) {
    if (row.status !== 'approved' || row.source !== 'reported' || !row.month.startsWith(`${year}-`)) continue;
    addOwn(row.unit_id, row.indicator_id, Number(row.month.slice(5)), new Dec(row.value));
  }

  const projects: ProjectRaw[] = await dataSource.query('SELECT * FROM project');
  const shares: Array<{ project_id: number; unit_id: number; share_pct: string; status: string }> =
    await dataSource.query('SELECT * FROM project_share');
  const funds: Array<{ project_id: number; month: string; amount_wan: string }> = await dataSource.query(
    'SELECT * FROM project_fund',
  );
  // 认定: a rule with verifiedOnly takes only the events (fund entries) marked verified
  const verified: Array<{ project_id: number; kind: string; fund_month: string | null }> = await dataSource.query(
    `SELECT project_id, kind, fund_month FROM verification WHERE status = 'verified'`,
  );
  const isVerified = (projectId: number, kind: string, fundMonth: string | null = null) =>
    verified.some((v) => v.project_id === projectId && v.kind === kind && v.fund_month === fundMonth);
  const creditOf = (p: ProjectRaw) => {
    const rows = shares.filter((s) => s.project_id === p.id);
    return rows.length > 0
      ? // a share not confirmed (pending, declined) counts for the responsible unit
        rows.map((s) => ({
          unitId: s.status === 'confirmed' ? s.unit_id : p.unit_id,
          part: new Dec(s.share_pct).div(100),
        }))
      : [{ unitId: p.unit_id, part: new Dec(1) }];
  };
  for (const ind of indicators.filter((i) => i.source === 'ledger')) {
    const rule = ind.ledger_rule!;
    for (const p of projects.filter((x) => matches(rule, x))) {
      if (rule.measure === 'sum_funds') {
        for (const f of funds.filter((x) => x.project_id === p.id && x.month.startsWith(`${year}-`))) {
          if (rule.verifiedOnly && !isVerified(p.id, 'fund', f.month)) continue;
          for (const c of creditOf(p))
            addOwn(c.unitId, ind.id, Number(f.month.slice(5)), new Dec(f.amount_wan).mul(c.part));
        }
        continue;
      }
      const date = p[EVENT_DATE[rule.event!]];
      if (!date || !date.startsWith(`${year}-`)) continue;
      if (rule.verifiedOnly && !isVerified(p.id, rule.event!)) continue;
      const monthNo = Number(date.slice(5, 7));
      if (rule.measure === 'count' && plan.count_credit === 'responsible') {
        addOwn(p.unit_id, ind.id, monthNo, new Dec(1));
      } else {
        for (const c of creditOf(p)) {
          addOwn(
            c.unitId,
            ind.id,
            monthNo,
            rule.measure === 'count' ? c.part : new Dec(p.agreed_investment_wan).mul(c.part),
          );
        }
      }
    }
  }

  // roll up: every own increment of a tree unit (a unit's month, rounded half-up to the column's 8 decimals) goes to
  // the unit and each ancestor up to the root
  const rolled = new Map<string, D>();
  for (const [key, exact] of own) {
    const amount = exact.toDecimalPlaces(8);
    const [unitId, indicatorId, monthNo] = key.split(':').map(Number) as [number, number, number];
    for (const ancestor of chainToRoot(unitId) ?? []) {
      const k = cellKey(ancestor, indicatorId, monthNo);
      rolled.set(k, (rolled.get(k) ?? new Dec(0)).plus(amount));
    }
  }
  const result = new Map<string, YtdCell>();
  const valueOf = new Map<string, D>();
  for (const unitId of tree) {
    for (const ind of indicators.filter((i) => i.source !== 'formula')) {
      let total = new Dec(0);
      for (let m = 1; m <= 12; m++) {
        total = total.plus(rolled.get(cellKey(unitId, ind.id, m)) ?? 0);
        valueOf.set(cellKey(unitId, ind.id, m), total);
        result.set(cellKey(unitId, ind.id, m), {
          value: total.toFixed(8),
          numerator: null,
          denominator: null,
        });
      }
    }
  }
  // formulas, resolved by code on demand (a formula of formulas reads the stored, 8-decimal value)
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const formulaValue = (ind: (typeof indicators)[number], unitId: number, m: number): YtdCell => {
    const key = cellKey(unitId, ind.id, m);
    const known = result.get(key);
    if (known) return known;
    const read = (code: string): D => {
      const target = byCode.get(code);
      if (!target) return new Dec(0);
      if (target.source === 'formula') return new Dec(formulaValue(target, unitId, m).value);
      return valueOf.get(cellKey(unitId, target.id, m)) ?? new Dec(0);
    };
    const f = ind.formula!;
    // a side of a ratio, or a sum: a code, or Σ add − Σ subtract
    const side = (operand: FormulaOperand): D =>
      typeof operand === 'string'
        ? read(operand)
        : (operand.subtract ?? []).reduce(
            (acc, code) => acc.minus(read(code)),
            operand.add.reduce((acc, code) => acc.plus(read(code)), new Dec(0)),
          );
    let cell: YtdCell;
    if (f.kind === 'total') {
      cell = { value: side(f).toFixed(8), numerator: null, denominator: null };
    } else if (f.kind === 'ratio') {
      const num = side(f.numerator);
      const den = side(f.denominator);
      cell = {
        value: (den.isZero() ? new Dec(0) : num.div(den)).toFixed(8),
        numerator: num.toFixed(8),
        denominator: den.toFixed(8),
      };
    } else {
      const sum = f.parts.reduce((acc, part) => {
        const den = read(part.denominator);
        return den.isZero() ? acc : acc.plus(new Dec(part.weight).mul(read(part.numerator)).div(den));
      }, new Dec(0));
      cell = { value: sum.toFixed(8), numerator: null, denominator: null };
    }
    result.set(key, cell);
    return cell;
  };
  for (const unitId of tree) {
    for (const ind of indicators.filter((i) => i.source === 'formula')) {
      for (let m = 1; m <= 12; m++) formulaValue(ind, unitId, m);
    }
  }
  return result;
}

/** The maintained table of a plan, in the oracle's shape. */
export async function ytdMaintained(dataSource: DataSource, planId: number): Promise<Map<string, YtdCell>> {
  const rows: Array<{
    unit_id: number;
    indicator_id: number;
    month_no: number;
    value: string;
    numerator: string | null;
    denominator: string | null;
  }> = await dataSource.query(
    'SELECT unit_id, indicator_id, month_no, value, numerator, denominator FROM ytd_summary WHERE plan_id = $1',
    [planId],
  );
  const fixed = (v: string | null) => (v === null ? null : new Dec(v).toFixed(8));
  return new Map(
    rows.map((r) => [
      cellKey(r.unit_id, r.indicator_id, r.month_no),
      { value: fixed(r.value)!, numerator: fixed(r.numerator), denominator: fixed(r.denominator) },
    ]),
  );
}

/** Every difference between the two, as readable lines (empty when they agree on every unit × indicator × month). */
export function diffYtd(maintained: Map<string, YtdCell>, scratch: Map<string, YtdCell>): string[] {
  const problems: string[] = [];
  for (const [key, expected] of scratch) {
    const got = maintained.get(key);
    if (!got) problems.push(`${key}: missing, expected ${JSON.stringify(expected)}`);
    else if (JSON.stringify(got) !== JSON.stringify(expected))
      problems.push(`${key}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }
  for (const key of maintained.keys()) if (!scratch.has(key)) problems.push(`${key}: unexpected row`);
  return problems;
}
