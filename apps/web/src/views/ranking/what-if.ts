import { assignRanks, Dec, formulaCodes, operandValue, scorePlan, WAN_PER_YI } from '@pacer/shared';
import type {
  FormulaDef,
  PlanRow,
  ProgressResponse,
  RankingResponse,
  ScoringItemConfig,
  ScoringMethod,
  ScorePlanInput,
  ScorePlanResult,
  UnitValue,
} from '@pacer/shared';

// 模拟测算 (what-if): change a unit's year-to-date actuals and re-score the plan in the browser with the same
// engine the API runs (scorePlan from @pacer/shared).
//
// The API has no route that returns the engine's input, so it is rebuilt here from GET /plans/:id (scoring,
// groups, curve, band), GET /plans/:id/progress (every unit × indicator: actual and target) and the formula
// definitions of GET /plans/:id/indicators. What the browser cannot rebuild — the ledger counters (500强 …), the
// late and missing reports, manual entries, per-unit coefficients — is not guessed: bonus, deduction and
// band-shortfall items keep their official points, and the simulation only moves the items computed from
// actuals and targets (「模拟仅调整完成类指标」).
//
// Each unit's simulated total is its official total plus the change the edit makes to those items (simulated −
// baseline, both computed here), so units the edit does not touch keep their official score to the digit, even
// when live figures have moved since the month was frozen.

/** Methods computed from actuals and targets: the simulation recomputes them. */
export const SIMULATED_METHODS: ReadonlySet<ScoringMethod> = new Set([
  'completion',
  'composite',
  'threshold',
  'tiers',
  'relative',
  'rank',
]);

export interface FormulaIndicator {
  id: number;
  code: string;
  formula: FormulaDef | null;
}

/** Stored value (万元, count, fraction) overrides of one unit, by indicator id. */
export type ActualOverrides = ReadonlyMap<number, string>;

/** The engine input of the plan at a month, rebuilt from the read routes (no counters, projects or manual entries). */
export function buildEngineInput(plan: PlanRow, progress: ProgressResponse, monthNo: number): ScorePlanInput {
  return {
    plan: {
      scoring: plan.scoring,
      rankingGroups: plan.rankingGroups,
      month: monthNo,
      curve: plan.curve,
      yellowBand: plan.yellowBand,
      displayDecimals: plan.displayDecimals,
    },
    units: progress.units.map((u) => ({ id: u.id, name: u.name, category: u.category, sortOrder: u.sortOrder })),
    indicators: progress.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind as 'amount' | 'count' | 'ratio',
    })),
    targets: progress.cells
      .filter((c) => c.target !== null)
      .map((c) => ({ unitId: c.unitId, indicatorId: c.indicatorId, value: c.target! })),
    actuals: progress.cells.map((c) => ({ unitId: c.unitId, indicatorId: c.indicatorId, value: c.actual })),
  };
}

function formulaValue(formula: FormulaDef, valueOf: (code: string) => Dec): Dec {
  const ratio = (num: string, den: string) => {
    const d = valueOf(den);
    return d.isZero() ? new Dec(0) : valueOf(num).div(d);
  };
  if (formula.kind === 'ratio') {
    const d = operandValue(formula.denominator, valueOf);
    return d.isZero() ? new Dec(0) : operandValue(formula.numerator, valueOf).div(d);
  }
  if (formula.kind === 'total') return operandValue(formula, valueOf);
  return formula.parts.reduce((sum, p) => sum.plus(new Dec(p.weight).mul(ratio(p.numerator, p.denominator))), new Dec(0));
}

/**
 * The unit's actuals with the overrides applied, and its formula indicators (开工率 = 开工 ÷ 签约) recomputed
 * from them the way the API does (0 when the denominator is 0; a formula of formulas settles layer by layer).
 * Formulas that use no overridden value keep their official figure.
 */
export function applyOverrides(
  actuals: readonly UnitValue[],
  unitId: number,
  overrides: ActualOverrides,
  indicators: readonly FormulaIndicator[],
): UnitValue[] {
  if (overrides.size === 0) return [...actuals];
  const values = new Map<number, string>();
  for (const a of actuals) if (a.unitId === unitId) values.set(a.indicatorId, a.value);
  for (const [id, value] of overrides) values.set(id, value);
  const idOf = new Map(indicators.map((i) => [i.code, i.id]));
  const formulas = indicators.filter((i) => i.formula !== null && !overrides.has(i.id));
  const changed = new Set<number>(overrides.keys());
  const references = (f: FormulaDef) => formulaCodes(f);
  // At most one pass per formula: each pass settles one more layer of formulas built on formulas.
  for (let pass = 0; pass < formulas.length; pass += 1) {
    let moved = false;
    for (const f of formulas) {
      const uses = references(f.formula!).map((code) => idOf.get(code));
      if (!uses.some((id) => id !== undefined && changed.has(id))) continue;
      const next = formulaValue(f.formula!, (code) => {
        const id = idOf.get(code);
        return new Dec((id === undefined ? undefined : values.get(id)) ?? 0);
      }).toFixed();
      if (values.get(f.id) !== next || !changed.has(f.id)) {
        values.set(f.id, next);
        if (!changed.has(f.id)) moved = true;
        changed.add(f.id);
      }
    }
    if (!moved) break;
  }
  const out = actuals.filter((a) => a.unitId !== unitId || !values.has(a.indicatorId));
  for (const [indicatorId, value] of values) out.push({ unitId, indicatorId, value });
  return out;
}

/** Indicators whose actuals move the simulated items: named by them, or used by a formula they name. */
export function simulatedIndicatorIds(
  items: readonly ScoringItemConfig[],
  indicators: ReadonlyArray<FormulaIndicator & { source?: string }>,
): number[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const codes = new Set<string>();
  for (const item of items) {
    if (!SIMULATED_METHODS.has(item.method)) continue;
    if (typeof item.indicator === 'string') codes.add(item.indicator);
    if (Array.isArray(item.parts)) {
      for (const part of item.parts as Array<{ indicator?: unknown }>)
        if (typeof part.indicator === 'string') codes.add(part.indicator);
    }
  }
  const out = new Set<number>();
  const visit = (code: string, depth: number) => {
    const indicator = byCode.get(code);
    if (!indicator || depth > indicators.length) return;
    if (indicator.formula) {
      const f = indicator.formula;
      const refs = formulaCodes(f);
      for (const ref of refs) visit(ref, depth + 1);
    } else {
      out.add(indicator.id);
    }
  };
  for (const code of codes) visit(code, 0);
  return indicators.filter((i) => out.has(i.id)).map((i) => i.id);
}

export interface SimulatedUnit {
  unitId: number;
  unitName: string;
  group: string;
  officialTotal: string;
  simulatedTotal: string;
  officialRank: number;
  simulatedRank: number;
}

export interface SimulatedItem {
  code: string;
  name: string;
  method: ScoringMethod;
  /** Kept at its official points (bonus, deduction, band-shortfall). */
  isKept: boolean;
  official: string;
  simulated: string;
  /** The simulated formula text (zh-CN, from the engine); the official one for a kept item. */
  formula: string | null;
}

export interface WhatIfResult {
  /** The edited unit. */
  unit: SimulatedUnit;
  items: SimulatedItem[];
  /** Every unit of the edited unit's group, best simulated first. */
  group: SimulatedUnit[];
  /**
   * False when the rebuilt baseline does not reproduce the official points of the simulated items (live figures
   * changed after the month was frozen): the simulation is then relative to today's figures.
   */
  isBaselineExact: boolean;
}

function pointsByItem(result: ScorePlanResult): Map<number, Map<string, { points: string; formula: string }>> {
  return new Map(
    result.units.map((u) => [u.unitId, new Map(u.items.map((i) => [i.code, { points: i.points, formula: i.formula }]))]),
  );
}

/**
 * Re-scores the plan with one unit's actuals replaced. `ranking` is the official ranking of the month (all
 * groups); the result compares the unit's official total and rank with the simulated ones.
 */
export function simulate(options: {
  plan: PlanRow;
  progress: ProgressResponse;
  ranking: RankingResponse;
  indicators: readonly FormulaIndicator[];
  monthNo: number;
  unitId: number;
  overrides: ActualOverrides;
}): WhatIfResult {
  const { ranking, unitId } = options;
  const base = buildEngineInput(options.plan, options.progress, options.monthNo);
  const edited: ScorePlanInput = {
    ...base,
    actuals: applyOverrides(base.actuals, unitId, options.overrides, options.indicators),
  };
  const baseline = scorePlan(base);
  const simulated = scorePlan(edited);
  const basePoints = pointsByItem(baseline);
  const simPoints = pointsByItem(simulated);
  const coefficientOf = new Map(simulated.units.map((u) => [u.unitId, u.coefficient]));
  const methodOf = new Map(ranking.columns.map((c) => [c.code, c.method]));

  const row = ranking.rows.find((r) => r.unitId === unitId);
  if (!row) throw new RangeError(`unit ${unitId} is not ranked in ${ranking.month}`);

  let isBaselineExact = true;
  const deltaOf = (r: RankingResponse['rows'][number]) => {
    let delta = new Dec(0);
    for (const item of r.items) {
      if (!SIMULATED_METHODS.has(methodOf.get(item.code) ?? 'bonus')) continue;
      const b = basePoints.get(r.unitId)?.get(item.code);
      const s = simPoints.get(r.unitId)?.get(item.code);
      if (!b || !s) continue;
      if (!new Dec(b.points).eq(item.points)) isBaselineExact = false;
      delta = delta.plus(new Dec(s.points).minus(b.points));
    }
    return delta.mul(coefficientOf.get(r.unitId) ?? '1');
  };

  const groupRows = ranking.rows.filter((r) => r.group === row.group);
  // Ties keep the official order (the API's rows list tied units in their sort order).
  const ranked = assignRanks(
    groupRows.map((r, i) => ({
      id: r.unitId,
      sortOrder: i,
      name: r.unitName,
      official: r,
      score: new Dec(r.total).plus(deltaOf(r)),
    })),
  );
  const group: SimulatedUnit[] = ranked.map(({ entry, rank }) => ({
    unitId: entry.id,
    unitName: entry.name,
    group: row.group,
    officialTotal: entry.official.total,
    simulatedTotal: entry.score.toFixed(),
    officialRank: entry.official.rank,
    simulatedRank: rank,
  }));

  const items: SimulatedItem[] = row.items.map((item) => {
    const method = methodOf.get(item.code) ?? 'bonus';
    const isKept = !SIMULATED_METHODS.has(method);
    const b = basePoints.get(unitId)?.get(item.code);
    const s = simPoints.get(unitId)?.get(item.code);
    const simulatedPoints =
      isKept || !b || !s ? item.points : new Dec(item.points).plus(new Dec(s.points).minus(b.points)).toFixed();
    return {
      code: item.code,
      name: item.name,
      method,
      isKept,
      official: item.points,
      simulated: simulatedPoints,
      formula: isKept ? null : (s?.formula ?? null),
    };
  });

  return { unit: group.find((u) => u.unitId === unitId)!, items, group, isBaselineExact };
}

// ---------------------------------------------------------------- input units

export interface EditableShape {
  kind: string;
  measure: string;
}

/** What the user types for a stored figure: 亿元 for money in 亿元, percent for a ratio, the count otherwise. */
export function toInputValue(stored: string, shape: EditableShape): string {
  const d = new Dec(stored);
  if (shape.kind === 'ratio') return d.mul(100).toDecimalPlaces(4).toFixed();
  if (shape.kind === 'amount' && shape.measure === '亿元') return d.div(WAN_PER_YI).toDecimalPlaces(6).toFixed();
  return d.toFixed();
}

const INPUT_PATTERN = /^\d{1,12}(\.\d{1,6})?$/;

/** The stored figure for what the user typed, or null when it is not a number ≥ 0. */
export function fromInputValue(text: string, shape: EditableShape): string | null {
  const trimmed = text.trim().replace(/,/g, '');
  if (!INPUT_PATTERN.test(trimmed)) return null;
  const d = new Dec(trimmed);
  if (shape.kind === 'ratio') return d.div(100).toFixed();
  if (shape.kind === 'amount' && shape.measure === '亿元') return d.mul(WAN_PER_YI).toFixed();
  return d.toFixed();
}
