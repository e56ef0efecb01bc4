import { assignRanks, Dec, evaluateFormula, formulaCodes, scorePlan, WAN_PER_YI } from '@pacer/shared';
import type {
  FormulaDef,
  RankingResponse,
  ScoringInputResponse,
  ScoringItemConfig,
  ScoringMethod,
  ScorePlanInput,
  ScorePlanResult,
  UnitValue,
} from '@pacer/shared';

// 模拟测算 (what-if): change a unit's year-to-date actuals and re-score the plan in the browser with the same
// engine the API runs (scorePlan from @pacer/shared).
//
// The engine's input comes from GET /plans/:id/scoring-input: exactly what the server scores (the plan tree's active
// units, targets, actuals, counters, project lists, manual entries), so the baseline is the server's own ranking.
// Formula indicators (开工率 = 开工 ÷ 签约) move with their edited parts through the shared evaluator. The
// simulation still only moves the items computed from actuals and targets: bonus, deduction and band-shortfall
// items keep their official points (「模拟仅调整完成类指标」).
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

/** Every indicator of the input with its formula (null for a figure that is not a formula). */
export function formulaIndicators(scoring: ScoringInputResponse): FormulaIndicator[] {
  const formulaOf = new Map(scoring.formulas.map((f) => [f.id, f.formula]));
  return scoring.input.indicators.map((i) => ({ id: i.id, code: i.code, formula: formulaOf.get(i.id) ?? null }));
}

/**
 * The unit's actuals with the overrides applied, and its formula indicators (开工率 = 开工 ÷ 签约) recomputed
 * from them the way the API does (a ratio with a denominator of 0 has no value; a formula of formulas settles layer
 * by layer).
 * Formulas that use no overridden value keep their official figure.
 */
export function applyOverrides(
  actuals: readonly UnitValue[],
  unitId: number,
  overrides: ActualOverrides,
  indicators: readonly FormulaIndicator[],
): UnitValue[] {
  if (overrides.size === 0) return [...actuals];
  const values = new Map<number, Dec>();
  for (const a of actuals) if (a.unitId === unitId) values.set(a.indicatorId, new Dec(a.value));
  for (const [id, value] of overrides) values.set(id, new Dec(value));
  const idOf = new Map(indicators.map((i) => [i.code, i.id]));
  const formulas = indicators.filter((i) => i.formula !== null && !overrides.has(i.id));
  const changed = new Map<number, UnitValue>();
  for (const [id, value] of overrides) changed.set(id, { unitId, indicatorId: id, value });
  // At most one pass per formula: each pass settles one more layer of formulas built on formulas.
  for (let pass = 0; pass < formulas.length; pass += 1) {
    let moved = false;
    for (const f of formulas) {
      const uses = formulaCodes(f.formula).map((code) => idOf.get(code));
      if (!uses.some((id) => id !== undefined && changed.has(id))) continue;
      const next = evaluateFormula(f.formula!, (code) => {
        const id = idOf.get(code);
        return (id === undefined ? undefined : values.get(id)) ?? new Dec(0);
      });
      // a ratio carries its parts, as the API's input does: a denominator of 0 is no value ("—"), not 0%
      const row: UnitValue = {
        unitId,
        indicatorId: f.id,
        value: (next.value ?? new Dec(0)).toFixed(),
        ...(f.formula!.kind === 'ratio'
          ? { numerator: next.numerator!.toFixed(), denominator: next.denominator!.toFixed() }
          : {}),
      };
      const before = changed.get(f.id);
      if (!before || before.value !== row.value || before.denominator !== row.denominator) {
        values.set(f.id, next.value ?? new Dec(0));
        changed.set(f.id, row);
        if (!before) moved = true;
      }
    }
    if (!moved) break;
  }
  const out = actuals.filter((a) => a.unitId !== unitId || !changed.has(a.indicatorId));
  out.push(...changed.values());
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
      for (const ref of formulaCodes(indicator.formula)) visit(ref, depth + 1);
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
 * Re-scores the server's input of the month (`scoring`, GET /plans/:id/scoring-input) with one unit's actuals
 * replaced. `ranking` is the official ranking of the month (all groups); the result compares the unit's official total and rank with the simulated ones.
 */
export function simulate(options: {
  scoring: ScoringInputResponse;
  ranking: RankingResponse;
  unitId: number;
  overrides: ActualOverrides;
}): WhatIfResult {
  const { ranking, unitId } = options;
  const base: ScorePlanInput = options.scoring.input;
  const edited: ScorePlanInput = {
    ...base,
    actuals: applyOverrides(base.actuals, unitId, options.overrides, formulaIndicators(options.scoring)),
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
