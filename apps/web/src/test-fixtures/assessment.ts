import type { DashboardResponse, PlanRow, RankingResponse } from '@pacer/shared';

// Figures of the demo county (plan 1, 2026-10, frozen), trimmed to a few units, for the assessment screens' specs.

export const demoPlan: PlanRow = {
  id: 1,
  year: 2026,
  rootUnitId: 1,
  rootUnitName: '示范县',
  name: '示范县2026年度招商引资目标任务',
  status: 'published',
  curve: null,
  reportDeadlineDay: 5,
  monthCloseDay: 10,
  yellowBand: '10',
  rankingGroups: [
    { code: 'towns', name: '乡镇（街道）组', categories: ['town'] },
    { code: 'departments', name: '县直部门组', categories: ['department'] },
  ],
  displayDecimals: 2,
  countCredit: 'responsible',
  requireFourEyes: true,
  lateStartMonths: 6,
  requireProgressText: false,
  spikeFactor: '3',
  readScreensMonth: 'latestClosed',
  ownFigures: 'none',
  verificationReasons: ['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准'],
  requiredDocuments: { signed: ['contract'], started: ['permit', 'startPhoto'], fund: ['fundVoucher'] },
  briefingChains: false,
  industryChains: [],
  scoring: {
    items: [
      { code: 'C_QYZE', name: '签约项目总投资完成率', method: 'completion', indicator: 'QYZE', weight: '25', cap: '1.2' },
      { code: 'C_DWZJ', name: '实际到位资金完成率', method: 'completion', indicator: 'DWZJ', weight: '15', cap: '1.2' },
      {
        code: 'D_REPORT',
        name: '月报迟报漏报扣分',
        method: 'deduction',
        base: '3',
        floor: '0',
        rules: [{ counter: 'reportLate', points: '0.5', label: '迟报月报' }],
      },
    ],
    listSize: 1,
    coefficient: '1',
  },
  publishedAt: '2026-01-12T02:00:00.000Z',
  createdAt: '2025-12-28T01:30:00.000Z',
  updatedAt: '2026-01-12T02:00:00.000Z',
  version: 1,
};

const EXPECTED_OCT = '0.8333333333333333333333333333333333333333';

export const demoDashboard: DashboardResponse = {
  planId: 1,
  planName: '示范县2026年度招商引资目标任务',
  month: '2026-10',
  isFrozen: true,
  computedAt: '2026-11-10T01:00:00.000Z',
  expected: EXPECTED_OCT,
  yellowBand: '10',
  headlines: [
    {
      indicatorId: 1,
      code: 'QYZE',
      name: '签约项目总投资',
      measure: '亿元',
      kind: 'amount',
      actual: '2492400',
      target: '3000000',
      completion: '0.8308',
      expected: EXPECTED_OCT,
      gapPp: '-0.25333333333333333333333333333333333333',
      light: 'yellow',
      forecast: '2990880',
      isAtRisk: true,
    },
    {
      indicatorId: 4,
      code: 'W500',
      name: '新引进500强项目',
      measure: '个',
      kind: 'count',
      actual: '5',
      target: '6',
      completion: '0.8333333333333333333333333333333333333333',
      expected: EXPECTED_OCT,
      gapPp: '0',
      light: 'green',
      forecast: '6',
      isAtRisk: false,
    },
  ],
  series: [
    {
      indicatorId: 1,
      code: 'QYZE',
      name: '签约项目总投资',
      measure: '亿元',
      target: '3000000',
      points: [
        { month: '2026-01', actual: '24600', expectedActual: '250000', expected: '0.0833', isFrozen: true },
        { month: '2026-02', actual: '154600', expectedActual: '500000', expected: '0.1667', isFrozen: true },
      ],
    },
  ],
  ranking: [
    {
      code: 'towns',
      name: '乡镇（街道）组',
      unitCount: 2,
      rows: [
        { unitId: 2, unitName: '城关镇', total: '84.77571428', rank: 1, list: 'red', movement: { kind: 'same', places: 0 } },
        { unitId: 9, unitName: '东城街道', total: '64.20481601', rank: 2, list: 'black', movement: { kind: 'up', places: 8 } },
      ],
    },
  ],
  matrix: {
    units: [
      { unitId: 2, unitName: '城关镇', group: 'towns' },
      { unitId: 9, unitName: '东城街道', group: 'towns' },
      { unitId: 12, unitName: '县发展和改革局', group: 'departments' },
    ],
    indicators: [
      { indicatorId: 1, code: 'QYZE', name: '签约项目总投资' },
      { indicatorId: 4, code: 'W500', name: '新引进500强项目' },
    ],
    cells: [
      { unitId: 2, indicatorId: 1, light: 'green', completion: '0.9942666666666666666666666666666666666667' },
      { unitId: 2, indicatorId: 4, light: null, completion: null },
      { unitId: 9, indicatorId: 1, light: 'red', completion: '0.25' },
      { unitId: 9, indicatorId: 4, light: 'yellow', completion: '0.75' },
      { unitId: 12, indicatorId: 1, light: 'red', completion: '0.2399' },
      { unitId: 12, indicatorId: 4, light: 'red', completion: '0' },
    ],
  },
  lateReports: [
    { reportId: 98, unitId: 10, unitName: '柳林乡', status: 'approved', submittedAt: '2026-11-08T09:41:00.000Z' },
  ],
  missingReports: [{ unitId: 11, unitName: '高桥镇', status: 'draft' }],
  atRisk: [
    {
      unitId: 2,
      unitName: '城关镇',
      indicators: [
        { indicatorId: 3, code: 'YIYI', name: '亿元以上项目', target: '4', forecast: '1.2', forecastCompletion: '0.3' },
      ],
    },
    {
      unitId: 3,
      unitName: '青山镇',
      indicators: [
        { indicatorId: 5, code: 'DWZJ', name: '实际到位资金', target: '44000', forecast: '22161.6', forecastCompletion: '0.5037' },
        { indicatorId: 8, code: 'XS', name: '项目线索', target: '12', forecast: '10.8', forecastCompletion: '0.9' },
      ],
    },
  ],
};

export const demoRanking: RankingResponse = {
  planId: 1,
  month: '2026-10',
  isFrozen: true,
  computedAt: '2026-11-10T01:00:00.000Z',
  reason: null,
  previousMonth: '2026-09',
  isPreviousFrozen: true,
  listSize: 1,
  displayDecimals: 2,
  columns: [
    { code: 'C_QYZE', name: '签约项目总投资完成率', method: 'completion' },
    { code: 'C_DWZJ', name: '实际到位资金完成率', method: 'completion' },
    { code: 'D_REPORT', name: '月报迟报漏报扣分', method: 'deduction' },
  ],
  groups: [
    {
      code: 'towns',
      name: '乡镇（街道）组',
      unitCount: 2,
      red: [{ unitId: 2, unitName: '城关镇', rank: 1, total: '45.85666667' }],
      black: [{ unitId: 9, unitName: '东城街道', rank: 2, total: '20.5' }],
    },
  ],
  rows: [],
};
