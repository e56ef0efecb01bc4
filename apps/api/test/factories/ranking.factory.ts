import type { RankingGroup, ScoringConfig } from '@pacer/shared';
import type { DataSource } from 'typeorm';

import { YtdSummaryService } from '../../src/modules/progress/ytd-summary.service';
import type { TestApp } from '../create-test-app';
import { insertProject, insertTarget, type IndicatorSpec } from './report.factory';
import type { UnitSpec } from './unit.factory';

/** A county ranked in two groups: four towns, and two county departments. */
export const RANKING_COUNTY: UnitSpec[] = [
  { code: 'XIAN', name: '示范县', category: 'county' },
  { code: 'T01', name: '城关镇', category: 'town', parent: 'XIAN' },
  { code: 'T02', name: '青山镇', category: 'town', parent: 'XIAN' },
  { code: 'T03', name: '白云镇', category: 'town', parent: 'XIAN' },
  { code: 'T04', name: '石桥镇', category: 'town', parent: 'XIAN' },
  { code: 'D01', name: '县发展和改革局', category: 'department', parent: 'XIAN' },
  { code: 'D02', name: '县商务局', category: 'department', parent: 'XIAN' },
];

export const RANKING_GROUPS: RankingGroup[] = [
  { code: 'towns', name: '乡镇（街道）', categories: ['town'] },
  { code: 'departments', name: '县直部门', categories: ['department'] },
];

export const RANKING_INDICATORS: IndicatorSpec[] = [
  {
    code: 'DWZJ',
    name: '实际到位资金',
    measure: '亿元',
    kind: 'amount',
    source: 'reported',
    isHeadline: true,
  },
  {
    code: 'QYZTZ',
    name: '签约总投资',
    measure: '亿元',
    kind: 'amount',
    source: 'ledger',
    ledgerRule: { measure: 'sum_agreed', event: 'signed' },
    isHeadline: true,
  },
  {
    code: 'WBQ',
    name: '500强项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed', fortune500: true },
  },
];

/**
 * A 考核办法 in the style of docs/scoring.md §3: 到位资金 30 points capped at 120%, 签约总投资 20 points capped at
 * 100%, +2 per 500强 project (at most 6), and 0.5 for 项目推进与诚信 less 0.1 per late start and 0.2 per falsification.
 */
export const RANKING_SCORING: ScoringConfig = {
  items: [
    {
      code: 'funds',
      name: '实际到位资金',
      method: 'completion',
      indicator: 'DWZJ',
      weight: '30',
      cap: '1.2',
    },
    { code: 'signed', name: '签约总投资', method: 'completion', indicator: 'QYZTZ', weight: '20', cap: '1' },
    {
      code: 'fortune500',
      name: '引进500强企业',
      method: 'bonus',
      rules: [{ counter: 'fortune500', points: '2', label: '500强项目' }],
      cap: '6',
    },
    {
      code: 'integrity',
      name: '项目推进与诚信',
      method: 'deduction',
      base: '0.5',
      rules: [
        { counter: 'lateStart', points: '0.1', label: '未按期开工' },
        { counter: 'falsified', points: '0.2', label: '弄虚作假' },
      ],
    },
  ],
  coefficient: '1',
  listSize: 1,
};

/** A plan row with its groups and scoring (the plans API is tested elsewhere). */
export async function insertRankingPlan(
  dataSource: DataSource,
  spec: {
    rootUnitId: number;
    year?: number;
    status?: 'draft' | 'published' | 'closed';
    scoring?: ScoringConfig;
    rankingGroups?: RankingGroup[];
  },
): Promise<number> {
  const year = spec.year ?? 2026;
  const rows = await dataSource.query(
    `INSERT INTO plan (year, root_unit_id, name, status, ranking_groups, scoring, published_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, CASE WHEN $4 <> 'draft' THEN now() END) RETURNING id`,
    [
      year,
      spec.rootUnitId,
      `示范县${year}年度招商引资目标责任考核`,
      spec.status ?? 'published',
      JSON.stringify(spec.rankingGroups ?? RANKING_GROUPS),
      JSON.stringify(spec.scoring ?? RANKING_SCORING),
    ],
  );
  return rows[0].id as number;
}

/** An approved monthly report with its values (indicator id → the month's increment), straight into the tables. */
export async function insertApprovedReport(
  dataSource: DataSource,
  report: { planId: number; unitId: number; month: string; values: Record<number, string>; isLate?: boolean },
): Promise<number> {
  const rows = await dataSource.query(
    `INSERT INTO monthly_report (plan_id, unit_id, month, status, is_late, progress_text, submitted_at, approved_at)
     VALUES ($1, $2, $3, 'approved', $4, '本月按计划推进招商引资工作。', now(), now()) RETURNING id`,
    [report.planId, report.unitId, report.month, report.isLate ?? false],
  );
  const id = rows[0].id as number;
  await dataSource.query(
    `INSERT INTO report_value (report_id, indicator_id, value)
     SELECT $1, k::int, v::numeric FROM jsonb_each_text($2::jsonb) AS e(k, v)`,
    [id, JSON.stringify(report.values)],
  );
  return id;
}

/** Rebuilds the plan's year-to-date summary (after rows were inserted behind the API's back). */
export async function refreshYtd(t: TestApp, planId: number): Promise<void> {
  const ytd = t.app.get(YtdSummaryService);
  await t.dataSource.transaction((manager) => ytd.refreshPlan(manager, planId));
}

/**
 * June 2026 of RANKING_COUNTY (rankings.e2e-spec.ts works the totals out by hand): targets, 到位资金 reported in March
 * (approved), and the projects behind 签约总投资 and the counters (500强, a 2025 project not started in time, one
 * signed in July). The year-to-date summary is rebuilt at the end.
 */
export async function seedJuneFigures(
  t: TestApp,
  planId: number,
  u: Record<string, number>,
  ind: Record<string, number>,
): Promise<void> {
  const targets: Array<[string, string, string]> = [
    ['XIAN', 'DWZJ', '500000'],
    ['XIAN', 'QYZTZ', '800000'],
    ['T01', 'DWZJ', '200000'],
    ['T01', 'QYZTZ', '300000'],
    ['T02', 'DWZJ', '100000'],
    ['T02', 'QYZTZ', '200000'],
    ['T03', 'DWZJ', '100000'],
    ['T03', 'QYZTZ', '100000'],
    ['T04', 'QYZTZ', '100000'],
    ['D01', 'DWZJ', '50000'],
    ['D02', 'DWZJ', '50000'],
    ['D02', 'QYZTZ', '100000'],
  ];
  for (const [unit, code, value] of targets)
    await insertTarget(t.dataSource, planId, u[unit]!, ind[code]!, value);

  const funds: Array<[string, string]> = [
    ['T01', '130000'],
    ['T02', '40000'],
    ['T03', '60000'],
    ['T04', '40000'],
    ['D01', '65000'],
    ['D02', '25000'],
  ];
  for (const [unit, value] of funds) {
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u[unit]!,
      month: '2026-03',
      values: { [ind.DWZJ!]: value },
    });
  }
  const project = (code: string, unit: string, agreedWan: string, signedDate: string, extra = {}) =>
    insertProject(t.dataSource, {
      code,
      name: `${code}招商项目`,
      investorName: '华东智能装备集团有限公司',
      unitId: u[unit]!,
      agreedWan,
      signedDate,
      ...extra,
    });
  await project('XM2026-0001', 'T01', '150000', '2026-03-15', {
    fortune500Kind: 'china_private',
    startedDate: '2026-04-20',
  });
  await project('XM2026-0002', 'T03', '67500', '2026-05-08');
  await project('XM2026-0003', 'T02', '150000', '2026-04-01', { startedDate: '2026-06-10' });
  // signed in November 2025, not started by May 2026: 未按期开工 in this year
  await project('XM2025-0104', 'T02', '30000', '2025-11-10');
  await project('XM2026-0005', 'D02', '120000', '2026-02-20', {
    fortune500Kind: 'world',
    startedDate: '2026-03-01',
  });
  // signed in July: after the month ranked
  await project('XM2026-0006', 'T04', '90000', '2026-07-02');
  await refreshYtd(t, planId);
}

/** The office's record (加减分记录) of one falsification by 青山镇 in May, through the API as an administrator. */
export async function recordJuneFalsification(
  t: TestApp,
  planId: number,
  u: Record<string, number>,
  adminAuth: string,
): Promise<void> {
  await t.http
    .post(`/api/v1/plans/${planId}/scoring-entries`)
    .set('Authorization', adminAuth)
    .send({
      unitId: u.T02,
      itemCode: 'integrity',
      month: '2026-05',
      counter: 'falsified',
      count: '1',
      reason: '青山镇5月上报的食品加工项目到位资金经核查系虚报',
    })
    .expect(201);
}
