import type {
  CountedProject,
  HistoryRow,
  ManualEntry,
  ScorePlanInput,
  ScorePlanResult,
  ScoringConfig,
  UnitCounter,
  UnitValue,
} from '@pacer/shared';

import {
  BUILT_IN_COUNTERS,
  type BuiltInCounter,
  type IndicatorMeta,
  type ManualEntryRow,
  type RankingPlan,
  type TreeUnit,
} from './rankings.repository';
import type { ScoredMonth, ScoredUnitView } from './scored-month';

/** Stored with every snapshot: which rules computed it. */
export const SCORING_ENGINE_VERSION = 'pacer-scoring/1';
/** The default of the plan's lateStartMonths: a signed project must start within this many months, else `lateStart`. */
export const LATE_START_MONTHS = 6;
/** The project lists the API fills (docs/scoring.md §4). */
export const PROJECT_LISTS = ['signed'] as const;

/** Everything the engine needs, as loaded by RankingsRepository. */
export interface LoadedScoringData {
  plan: RankingPlan;
  monthNo: number;
  units: TreeUnit[];
  indicators: IndicatorMeta[];
  targets: UnitValue[];
  actuals: UnitValue[];
  counters: UnitCounter[];
  projects: CountedProject[];
  manual: ManualEntryRow[];
  history: HistoryRow[];
}

/** The counter and project-list names the plan's scoring reads (so only those are loaded). */
export function referencedSources(scoring: ScoringConfig): { counters: Set<string>; lists: Set<string> } {
  const counters = new Set<string>();
  const lists = new Set<string>();
  for (const item of scoring.items ?? []) {
    const rules = Array.isArray(item.rules) ? (item.rules as Array<Record<string, unknown>>) : [];
    for (const rule of rules) {
      if (typeof rule.counter === 'string') counters.add(rule.counter);
      if (typeof rule.projects === 'string') lists.add(rule.projects);
    }
    if (typeof item.projects === 'string') lists.add(item.projects);
    const bands = Array.isArray(item.bands) ? (item.bands as Array<Record<string, unknown>>) : [];
    for (const band of bands) if (typeof band.counter === 'string') counters.add(band.counter);
  }
  return { counters, lists };
}

export function builtInCounters(names: ReadonlySet<string>): BuiltInCounter[] {
  return BUILT_IN_COUNTERS.filter((c) => names.has(c));
}

/**
 * Counters named after an indicator code take the unit's year-to-date value of that indicator (e.g. a bonus per
 * 500强 project on a ledger indicator `W500`), so a plan can score any figure it already keeps.
 */
function indicatorCounters(data: LoadedScoringData, names: ReadonlySet<string>): UnitCounter[] {
  const builtIn = new Set<string>(BUILT_IN_COUNTERS);
  const byId = new Map(
    data.indicators.filter((i) => names.has(i.code) && !builtIn.has(i.code)).map((i) => [i.id, i.code]),
  );
  if (byId.size === 0) return [];
  return data.actuals
    .filter((a) => byId.has(a.indicatorId))
    .map((a) => ({ unitId: a.unitId, counter: byId.get(a.indicatorId)!, count: a.value }));
}

export function toEngineInput(data: LoadedScoringData): ScorePlanInput {
  const { plan } = data;
  const unitIds = new Set(data.units.map((u) => u.id));
  const inTree = <T extends { unitId: number }>(rows: readonly T[]) =>
    rows.filter((r) => unitIds.has(r.unitId));
  const names = referencedSources(plan.scoring).counters;
  const manual: ManualEntry[] = inTree(data.manual).map((m) => ({
    unitId: m.unitId,
    itemCode: m.itemCode,
    reason: m.reason,
    ...(m.counter !== null && m.count !== null ? { counter: m.counter, count: m.count } : {}),
    ...(m.points !== null ? { points: m.points } : {}),
  }));
  return {
    plan: {
      scoring: plan.scoring,
      rankingGroups: plan.rankingGroups,
      month: data.monthNo,
      curve: plan.curve,
      yellowBand: plan.yellowBand,
      displayDecimals: plan.displayDecimals,
    },
    units: data.units.map((u) => ({ id: u.id, name: u.name, category: u.category, sortOrder: u.sortOrder })),
    indicators: data.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind as 'amount' | 'count' | 'ratio',
      // quarterly and optional figures say which month they are of (§11); monthly ones keep the input as it was
      ...(i.reportFrequency && i.reportFrequency !== 'monthly' ? { reportFrequency: i.reportFrequency } : {}),
    })),
    // units outside the scored tree (inactive ones) carry no score; leaving them out keeps warnings meaningful
    targets: inTree(data.targets),
    actuals: inTree(data.actuals),
    counters: [
      ...inTree(data.counters),
      ...indicatorCounters({ ...data, actuals: inTree(data.actuals) }, names),
    ],
    projects: inTree(data.projects),
    manual,
    history: inTree(data.history),
  };
}

/** The engine's result joined with the tree: units in tree order, each with its own cells. */
export function toScoredMonth(
  data: LoadedScoringData,
  result: ScorePlanResult,
  meta: { month: string; isFrozen: boolean; computedAt: string | null; reason: string | null },
): ScoredMonth {
  const scored = new Map(result.units.map((u) => [u.unitId, u]));
  const cellsByUnit = new Map<number, ScorePlanResult['cells']>();
  for (const cell of result.cells) {
    const list = cellsByUnit.get(cell.unitId) ?? [];
    list.push(cell);
    cellsByUnit.set(cell.unitId, list);
  }
  const units: ScoredUnitView[] = data.units.map((u) => {
    const s = scored.get(u.id)!;
    return {
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      category: u.category,
      parentId: u.parentId,
      depth: u.depth,
      sortOrder: u.sortOrder,
      groupCode: s.groupCode,
      rank: s.rank,
      list: s.list,
      items: s.items,
      subtotal: s.subtotal,
      coefficient: s.coefficient,
      total: s.total,
      cells: cellsByUnit.get(u.id) ?? [],
    };
  });
  return {
    planId: data.plan.id,
    month: meta.month,
    monthNo: data.monthNo,
    isFrozen: meta.isFrozen,
    computedAt: meta.computedAt,
    reason: meta.reason,
    expected: result.expected,
    yellowBand: result.yellowBand,
    listSize: typeof data.plan.scoring.listSize === 'number' ? data.plan.scoring.listSize : null,
    displayDecimals: data.plan.displayDecimals,
    indicators: data.indicators,
    columns: (data.plan.scoring.items ?? []).map((i) => ({
      code: i.code,
      name: i.name,
      method: i.method,
      // a deduction's base, so the 赛马榜 can show what was taken off (issue 14)
      ...(i.method === 'deduction' ? { base: String(i.base) } : {}),
    })),
    groups: result.groups,
    warnings: result.warnings,
    boards: result.boards ?? [],
    awards: result.awards ?? [],
    units,
  };
}
