import { scorePlan } from '@pacer/shared';
import type {
  FormulaDef,
  PlanRow,
  ProgressResponse,
  RankingResponse,
  ScoringInputResponse,
  ScorePlanInput,
} from '@pacer/shared';

import { demoPlan } from './assessment';

// A small county at June (month 6, expected 50%): three towns, four indicators and a formula, every method kind
// the simulation treats: completion (also on the formula), rank within the group, and a deduction counted from
// late reports, which the browser cannot rebuild.

export const whatIfPlan: PlanRow = {
  ...demoPlan,
  rankingGroups: [{ code: 'towns', name: '乡镇组', categories: ['town'] }],
  scoring: {
    items: [
      { code: 'C_QYZE', name: '签约项目总投资', method: 'completion', indicator: 'QYZE', weight: '30', cap: '1.2' },
      { code: 'C_KGL', name: '开工率', method: 'completion', indicator: 'KGL', weight: '10' },
      { code: 'R_DWZJ', name: '到位资金名次', method: 'rank', indicator: 'DWZJ', weight: '10', step: '1', floor: '4' },
      {
        code: 'D_REPORT',
        name: '信息报送',
        method: 'deduction',
        base: '3',
        rules: [{ counter: 'reportLate', points: '0.5', label: '迟报月报' }],
      },
    ],
    listSize: 1,
  },
};

export const whatIfIndicators: Array<{ id: number; code: string; formula: FormulaDef | null; source: string }> = [
  { id: 1, code: 'QYZE', formula: null, source: 'ledger' },
  { id: 5, code: 'DWZJ', formula: null, source: 'ledger' },
  { id: 6, code: 'XKG', formula: null, source: 'ledger' },
  { id: 10, code: 'QYXM', formula: null, source: 'ledger' },
  { id: 11, code: 'KGL', formula: { kind: 'ratio', numerator: 'XKG', denominator: 'QYXM' }, source: 'formula' },
  { id: 12, code: 'XS', formula: null, source: 'reported' },
];

const cell = (unitId: number, indicatorId: number, actual: string, target: string | null) => ({
  unitId,
  indicatorId,
  actual,
  target,
  completion: null,
  expected: '0.5',
  gapPp: null,
  light: null,
});

export const whatIfProgress: ProgressResponse = {
  planId: 1,
  month: '2026-06',
  expected: '0.5',
  yellowBand: '10',
  units: [
    { id: 1, code: 'X', name: '示范县', category: 'county', parentId: null, depth: 0, sortOrder: 0 },
    { id: 2, code: 'T1', name: '甲镇', category: 'town', parentId: 1, depth: 1, sortOrder: 10 },
    { id: 3, code: 'T2', name: '乙镇', category: 'town', parentId: 1, depth: 1, sortOrder: 20 },
    { id: 4, code: 'T3', name: '丙镇', category: 'town', parentId: 1, depth: 1, sortOrder: 30 },
    // merged into 甲镇 in June (停用): still on the progress screen, no longer scored by the server
    { id: 7, code: 'T4', name: '丁镇', category: 'town', parentId: 1, depth: 1, sortOrder: 40 },
  ],
  indicators: [
    { id: 1, code: 'QYZE', name: '签约项目总投资', measure: '亿元', kind: 'amount', source: 'ledger', isHeadline: true },
    { id: 5, code: 'DWZJ', name: '实际到位资金', measure: '亿元', kind: 'amount', source: 'ledger', isHeadline: true },
    { id: 6, code: 'XKG', name: '新开工项目', measure: '个', kind: 'count', source: 'ledger', isHeadline: false },
    { id: 10, code: 'QYXM', name: '签约项目个数', measure: '个', kind: 'count', source: 'ledger', isHeadline: false },
    { id: 11, code: 'KGL', name: '开工率', measure: '%', kind: 'ratio', source: 'formula', isHeadline: false },
    { id: 12, code: 'XS', name: '项目线索', measure: '条', kind: 'count', source: 'reported', isHeadline: false },
  ],
  cells: [
    cell(2, 1, '130000', '200000'),
    cell(2, 5, '60000', '100000'),
    cell(2, 6, '3', null),
    cell(2, 10, '6', null),
    cell(2, 11, '0.5', '0.6'),
    cell(3, 1, '100000', '200000'),
    cell(3, 5, '50000', '100000'),
    cell(3, 6, '2', null),
    cell(3, 10, '4', null),
    cell(3, 11, '0.5', '0.6'),
    cell(4, 1, '60000', '200000'),
    cell(4, 5, '20000', '100000'),
    cell(4, 6, '1', null),
    cell(4, 10, '4', null),
    cell(4, 11, '0.25', '0.6'),
    cell(7, 1, '300000', '200000'),
    cell(7, 5, '90000', '100000'),
  ],
};

/** 丁镇: deactivated, so the server leaves it out of what it scores. */
export const INACTIVE_UNIT_ID = 7;

/**
 * GET /plans/1/scoring-input?month=2026-06 for this county: the towns (the county root carries no score), every
 * target and actual of the progress above, and the late reports the API counts (乙镇 two).
 */
export const whatIfScoringInput: ScoringInputResponse = {
  planId: 1,
  month: '2026-06',
  engineVersion: 'pacer-scoring/1',
  input: {
    plan: {
      scoring: whatIfPlan.scoring,
      rankingGroups: whatIfPlan.rankingGroups,
      month: 6,
      curve: whatIfPlan.curve,
      yellowBand: whatIfPlan.yellowBand,
      displayDecimals: whatIfPlan.displayDecimals,
    },
    units: whatIfProgress.units
      .filter((u) => u.id !== INACTIVE_UNIT_ID)
      .map((u) => ({ id: u.id, name: u.name, category: u.category, sortOrder: u.sortOrder })),
    indicators: whatIfProgress.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind as 'amount' | 'count' | 'ratio',
    })),
    targets: whatIfProgress.cells
      .filter((c) => c.target !== null && c.unitId !== INACTIVE_UNIT_ID)
      .map((c) => ({ unitId: c.unitId, indicatorId: c.indicatorId, value: c.target! })),
    actuals: whatIfProgress.cells
      .filter((c) => c.unitId !== INACTIVE_UNIT_ID)
      .map((c) => ({ unitId: c.unitId, indicatorId: c.indicatorId, value: c.actual })),
    counters: [{ unitId: 3, counter: 'reportLate', count: '2' }],
    projects: [],
    manual: [],
    history: [],
  },
  formulas: whatIfIndicators.flatMap((i) => (i.formula ? [{ id: i.id, code: i.code, formula: i.formula }] : [])),
};

/** The official ranking, as the API would score it: with the late reports it counts (乙镇 two). */
export function officialRanking(input: ScorePlanInput): RankingResponse {
  const result = scorePlan({ ...input, counters: [{ unitId: 3, counter: 'reportLate', count: 2 }] });
  const group = result.groups[0]!;
  return {
    planId: 1,
    month: '2026-06',
    isFrozen: true,
    computedAt: null,
    reason: null,
    previousMonth: '2026-05',
    isPreviousFrozen: true,
    listSize: 1,
    displayDecimals: 2,
    columns: whatIfPlan.scoring.items.map((i) => ({ code: i.code, name: i.name, method: i.method })),
    groups: [{ code: group.code, name: group.name, unitCount: group.entries.length, red: [], black: [] }],
    rows: group.entries.map((e) => {
      const unit = result.units.find((u) => u.unitId === e.unitId)!;
      return {
        unitId: e.unitId,
        unitCode: '',
        unitName: e.unitName,
        group: group.code,
        total: e.total,
        rank: e.rank,
        list: e.list,
        movement: { kind: 'same', places: 0 },
        previousRank: e.rank,
        items: unit.items.map((i) => ({ code: i.code, name: i.name, points: i.points, isScored: i.isScored })),
      };
    }),
  };
}

