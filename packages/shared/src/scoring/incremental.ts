import { Dec } from '../money/decimal.js';
import { plain } from './format.js';
import type {
  ItemScore,
  ScoredCell,
  ScoredItem,
  ScoredUnit,
  ScorePlanInput,
  ScorePlanResult,
} from './types.js';

/**
 * What an incremental scoring compares (rescorePlan, docs/scoring.md "Incremental scoring"): `shape` is everything
 * that may move any unit's score (the plan's settings and scoring, the units, the indicators, the coefficients), and
 * `perUnit` each unit's own data (targets, actuals, counters, projects, manual entries, history), as text. Two inputs
 * with the same shape score alike wherever their units' texts are equal, except where a unit is compared with others
 * (relative and rank pools, group ranks, boards and awards), which rescorePlan recomputes for the groups involved.
 */
export interface ScoringSignatures {
  shape: string;
  perUnit: Map<number, string>;
}

/** A scored month with what it was scored from, to rescore the next version of its input (rescorePlan). */
export interface ScoringState {
  signatures: ScoringSignatures;
  result: ScorePlanResult;
}

/** The signatures of an input (see ScoringSignatures). */
export function scoringSignatures(input: ScorePlanInput): ScoringSignatures {
  const shape = JSON.stringify([input.plan, input.units, input.indicators, input.coefficients ?? []]);
  const parts = new Map<number, string[]>();
  const add = (unitId: number, text: string) => {
    const list = parts.get(unitId);
    if (list) list.push(text);
    else parts.set(unitId, [text]);
  };
  // the source's letter keeps a row of one source from reading as another's; rows keep their input order
  for (const r of input.targets) add(r.unitId, `t${r.indicatorId}=${r.value}`);
  for (const r of input.actuals)
    add(
      r.unitId,
      `a${r.indicatorId}=${r.value}/${r.numerator ?? ''}/${r.denominator ?? ''}/${r.asOfMonth ?? ''}`,
    );
  for (const r of input.counters ?? []) add(r.unitId, `c${JSON.stringify([r.counter, r.count])}`);
  for (const r of input.projects ?? []) add(r.unitId, `p${JSON.stringify(r)}`);
  for (const r of input.manual ?? []) add(r.unitId, `m${JSON.stringify(r)}`);
  for (const r of input.history ?? []) add(r.unitId, `h${JSON.stringify(r)}`);
  const perUnit = new Map<number, string>();
  for (const [unitId, list] of parts) perUnit.set(unitId, list.join('\u0001'));
  return { shape, perUnit };
}

/**
 * The units whose own data differ between two signatures; null when the shape differs or a unit outside the input's
 * units changed (then only a full scoring is right: every unit may move, or warnings about unknown units change).
 */
export function changedUnits(
  before: ScoringSignatures,
  after: ScoringSignatures,
  unitIds: ReadonlySet<number>,
): Set<number> | null {
  if (before.shape !== after.shape) return null;
  const changed = new Set<number>();
  for (const [unitId, text] of after.perUnit) if (before.perUnit.get(unitId) !== text) changed.add(unitId);
  for (const unitId of before.perUnit.keys()) if (!after.perUnit.has(unitId)) changed.add(unitId);
  for (const unitId of changed) if (!unitIds.has(unitId)) return null;
  return changed;
}

/** The cells of a result by unit, in their order. */
export function cellsByUnit(cells: readonly ScoredCell[]): Map<number, ScoredCell[]> {
  const out = new Map<number, ScoredCell[]>();
  for (const cell of cells) {
    const list = out.get(cell.unitId);
    if (list) list.push(cell);
    else out.set(cell.unitId, [cell]);
  }
  return out;
}

/** Decimals read back from a kept unit's scorecard, once per kept object (a province has 6,000 of them). */
const keptDecimals = new WeakMap<ScoredUnit, { subtotal: Dec; coefficient: Dec; total: Dec }>();
export function keptTotals(unit: ScoredUnit): { subtotal: Dec; coefficient: Dec; total: Dec } {
  let totals = keptDecimals.get(unit);
  if (totals === undefined) {
    totals = {
      subtotal: new Dec(unit.subtotal),
      coefficient: new Dec(unit.coefficient),
      total: new Dec(unit.total),
    };
    keptDecimals.set(unit, totals);
  }
  return totals;
}

/** A scorecard's scored item points by code, once per items list (a kept unit's list is the same object). */
const pointsOfItems = new WeakMap<readonly ScoredItem[], Map<string, Dec>>();
export function itemPointsOf(items: readonly ScoredItem[]): Map<string, Dec> {
  let points = pointsOfItems.get(items);
  if (points === undefined) {
    points = new Map(items.filter((i) => i.isScored).map((i) => [i.code, new Dec(i.points)]));
    pointsOfItems.set(items, points);
  }
  return points;
}

/** Whether an item scored again says exactly what its previous scoring said (a pool member whose place held). */
export function sameItem(s: ItemScore, before: ScoredItem | undefined): boolean {
  return (
    before !== undefined &&
    before.isScored === s.isScored &&
    before.formula === s.formula &&
    before.points === plain(s.points) &&
    JSON.stringify(before.inputs) === JSON.stringify(s.inputs)
  );
}
