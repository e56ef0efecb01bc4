import { Dec } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  recordJuneFalsification,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators, insertProject } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

/** The neighbouring county scores report discipline and major projects (docs/scoring.md §3). */
const OTHER_SCORING = {
  items: [
    {
      code: 'majorProjects',
      name: '重大项目加分',
      method: 'bonus' as const,
      rules: [
        {
          projects: 'signed',
          label: '签约项目',
          bands: [
            { minWan: '100000', points: '4' },
            { minWan: '500000', points: '8' },
          ],
        },
      ],
      cap: '16',
    },
    {
      code: 'reporting',
      name: '信息报送',
      method: 'deduction' as const,
      base: '5',
      rules: [
        { counter: 'reportMissing', points: '1', label: '缺报月报' },
        { counter: 'reportLate', points: '0.5', label: '迟报月报' },
      ],
    },
  ],
};

interface Row {
  unitId: number;
  unitName: string;
  group: string;
  total: string;
  rank: number;
  list: string | null;
  movement: { kind: string; places: number };
  items: Array<{ code: string; points: string; isScored: boolean }>;
}

/**
 * June 2026 of a county with towns and departments, worked by hand (30 × min(completion, 120%) + 20 × min(completion,
 * 100%) + 2 per 500强 project + 0.5 − 0.1 per late start − 0.2 per falsification):
 *   城关镇 13亿/20亿 = 65% → 19.5; 签约 15亿/30亿 → 10; one 500强 → 2; 0.5            = 32
 *   白云镇 6亿/10亿 → 18; 签约 6.75亿/10亿 → 13.5; 0.5                                  = 32   (tied with 城关镇)
 *   青山镇 4亿/10亿 → 12; 签约 15亿/20亿 → 15; a 2025 project not started in 6 months
 *          and one falsification recorded by the office → 0.5 − 0.1 − 0.2 = 0.2            = 27.2
 *   石桥镇 no 到位资金 target ("—"); 签约 0 of 10亿; 0.5                                   = 0.5
 *   县发改局 6.5亿/5亿 = 130% → capped 36; no 签约 target ("—"); 0.5                        = 36.5
 *   县商务局 2.5亿/5亿 → 15; 签约 12亿/10亿 → capped 20; one 500强 → 2; 0.5                 = 37.5
 */
describe('rankings and scorecards (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let other: Record<string, number>;
  let planId: number;
  let otherPlanId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  const get = (path: string, who = 'leader') => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]!);
  const ranking = async (query = 'month=2026-06', who = 'leader') => {
    const res = await get(`/plans/${planId}/ranking?${query}`, who).expect(200);
    return res.body as {
      rows: Row[];
      groups: Array<{ code: string; red: Array<{ unitId: number }>; black: Array<{ unitId: number }> }>;
    } & Record<string, unknown>;
  };
  const rowOf = (rows: Row[], code: string) => rows.find((r) => r.unitId === u[code])!;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    other = await insertUnits(t.dataSource, [
      { code: 'LINXIAN', name: '邻县', category: 'county' },
      { code: 'LX01', name: '邻县城南镇', category: 'town', parent: 'LINXIAN' },
      { code: 'LX02', name: '邻县城北镇', category: 'town', parent: 'LINXIAN' },
    ]);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, { username: 'rep_lx01', roles: ['reporter'], unitIds: [other.LX01!] });
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    otherPlanId = await insertRankingPlan(t.dataSource, {
      rootUnitId: other.LINXIAN!,
      rankingGroups: [{ code: 'towns', name: '乡镇', categories: ['town'] }],
      scoring: OTHER_SCORING,
    });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);

    await seedJuneFigures(t, planId, u, ind);

    for (const name of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_lx01'])
      auth[name] = await bearer(t.http, name);
    await recordJuneFalsification(t, planId, u, auth.admin!);
  });
  afterAll(() => t.close());

  it('should rank each group by exact total, ties sharing a rank (1, 1, 3), live on approved figures', async () => {
    const body = await ranking();
    expect(body).toMatchObject({ planId, month: '2026-06', isFrozen: false, computedAt: null, listSize: 1 });
    expect(body.rows.map((r) => [r.unitName, r.group, r.total, r.rank])).toEqual([
      ['城关镇', 'towns', '32', 1],
      ['白云镇', 'towns', '32', 1],
      ['青山镇', 'towns', '27.2', 3],
      ['石桥镇', 'towns', '0.5', 4],
      ['县商务局', 'departments', '37.5', 1],
      ['县发展和改革局', 'departments', '36.5', 2],
    ]);
    const t01 = rowOf(body.rows, 'T01');
    expect(t01.items).toEqual([
      { code: 'funds', name: '实际到位资金', points: '19.5', isScored: true },
      { code: 'signed', name: '签约总投资', points: '10', isScored: true },
      { code: 'fortune500', name: '引进500强企业', points: '2', isScored: true },
      { code: 'integrity', name: '项目推进与诚信', points: '0.5', isScored: true },
    ]);
    // 130% is capped at 120%: 30 × 1.2 = 36
    expect(rowOf(body.rows, 'D01').items[0]).toMatchObject({ code: 'funds', points: '36' });
    expect(rowOf(body.rows, 'T02').items[3]).toMatchObject({ code: 'integrity', points: '0.2' });
    // no movement without a frozen May
    expect(body).toMatchObject({ previousMonth: '2026-05', isPreviousFrozen: false });
    expect(body.rows.every((r) => r.movement.kind === 'new')).toBe(true);
  });

  it('should show "—" for a unit without a target and not rank it on that item', async () => {
    const body = await ranking();
    expect(rowOf(body.rows, 'T04').items[0]).toEqual({
      code: 'funds',
      name: '实际到位资金',
      points: '0',
      isScored: false,
    });
    expect(rowOf(body.rows, 'D01').items[1]).toMatchObject({ code: 'signed', points: '0', isScored: false });
    const card = await get(`/plans/${planId}/units/${u.T04}/scorecard?month=2026-06`).expect(200);
    expect(card.body.items[0].formula).toBe('—（无目标任务，不计分）');
    const cell = card.body.cells.find((c: { code: string }) => c.code === 'DWZJ');
    expect(cell).toMatchObject({
      actual: '40000',
      target: null,
      completion: null,
      gapPp: null,
      light: null,
      isAtRisk: null,
    });
  });

  it('should put the top and bottom places of each group on the red and black lists, ties on the edge included', async () => {
    const body = await ranking();
    const towns = body.groups.find((g) => g.code === 'towns')!;
    expect(towns.red.map((e) => e.unitId)).toEqual([u.T01, u.T03]);
    expect(towns.black.map((e) => e.unitId)).toEqual([u.T04]);
    const departments = body.groups.find((g) => g.code === 'departments')!;
    expect(departments.red.map((e) => e.unitId)).toEqual([u.D02]);
    expect(departments.black.map((e) => e.unitId)).toEqual([u.D01]);
    expect(rowOf(body.rows, 'T03').list).toBe('red');
    expect(rowOf(body.rows, 'T02').list).toBeNull();
  });

  it('should filter to one ranking group', async () => {
    const body = await ranking('month=2026-06&group=departments');
    expect(body.rows.map((r) => r.unitName)).toEqual(['县商务局', '县发展和改革局']);
    expect(body.groups.map((g) => g.code)).toEqual(['departments']);
  });

  it('should explain a scorecard whose items add up to the total exactly, with formulas and cells', async () => {
    const card = await get(`/plans/${planId}/units/${u.T01}/scorecard?month=2026-06`).expect(200);
    expect(card.body).toMatchObject({
      planId,
      month: '2026-06',
      isFrozen: false,
      unit: { id: u.T01, code: 'T01', name: '城关镇', category: 'town' },
      group: { code: 'towns', name: '乡镇（街道）' },
      rank: 1,
      list: 'red',
      coefficient: null,
      subtotal: '32',
      total: '32',
    });
    const items = card.body.items as Array<{ code: string; formula: string; points: string; inputs: object }>;
    expect(items.map((i) => i.formula)).toEqual([
      '30 × min(65.00%, 120%) = 19.50',
      '20 × min(50.00%, 100%) = 10.00',
      '500强项目 1 × 2 = 2.00',
      '0.5 − 未按期开工 0 × 0.1 − 弄虚作假 0 × 0.2 = 0.50',
    ]);
    expect(items.reduce((sum, i) => sum.plus(i.points), new Dec(0)).eq(card.body.total)).toBe(true);
    expect(items[0]!.inputs).toMatchObject({ actual: '130000', target: '200000' });
    const funds = card.body.cells.find((c: { code: string }) => c.code === 'DWZJ');
    // DOMAIN.md §4: 13亿 of 20亿 by June → 65.00%, time progress 50.00%, +15 pp, green; run rate 26亿 ≥ 20亿
    expect(funds).toMatchObject({
      name: '实际到位资金',
      measure: '亿元',
      actual: '130000',
      target: '200000',
      completion: '0.65',
      expected: '0.5',
      gapPp: '15',
      light: 'green',
      isAtRisk: false,
    });
    expect(funds.forecast).toMatchObject({ value: '260000', method: 'run-rate' });

    const t02 = await get(`/plans/${planId}/units/${u.T02}/scorecard?month=2026-06`, 'rep_t01').expect(200);
    const integrity = t02.body.items.find((i: { code: string }) => i.code === 'integrity');
    expect(integrity.formula).toContain('未按期开工 1 × 0.1');
    expect(integrity.formula).toContain('弄虚作假 1 × 0.2');
    expect(integrity.points).toBe('0.2');
    const sum = t02.body.items.reduce((s: Dec, i: { points: string }) => s.plus(i.points), new Dec(0));
    expect(sum.toFixed()).toBe(t02.body.total);
  });

  it('should count only what was signed by the month: July’s project moves July, not June', async () => {
    const june = await get(`/plans/${planId}/units/${u.T04}/scorecard?month=2026-06`).expect(200);
    const july = await get(`/plans/${planId}/units/${u.T04}/scorecard?month=2026-07`).expect(200);
    expect(june.body.items[1].points).toBe('0');
    // 9亿 of 10亿 → 20 × 90% = 18
    expect(july.body.items[1].points).toBe('18');
    expect(july.body.total).toBe('18.5');
  });

  it('should let every business reader see the whole ranking and refuse sysadmin and auditor', async () => {
    const asReporter = await ranking('month=2026-06', 'rep_t01');
    expect(asReporter.rows).toHaveLength(6);
    const asAdmin = await ranking('month=2026-06', 'admin');
    expect(asAdmin.rows).toEqual(asReporter.rows);
    for (const who of ['sysadmin', 'auditor']) {
      await get(`/plans/${planId}/ranking?month=2026-06`, who).expect(403);
      await get(`/plans/${planId}/units/${u.T01}/scorecard?month=2026-06`, who).expect(403);
      await get(`/plans/${planId}/dashboard?month=2026-06`, who).expect(403);
    }
    await t.http.get(`/api/v1/plans/${planId}/ranking?month=2026-06`).expect(401);
  });

  it('should answer 404 for another county’s plan to a reporter, and for a unit outside the plan’s tree', async () => {
    await get(`/plans/${planId}/ranking?month=2026-06`, 'rep_lx01').expect(404);
    await get(`/plans/${otherPlanId}/ranking?month=2026-06`, 'rep_t01').expect(404);
    await get(`/plans/${planId}/units/${other.LX01}/scorecard?month=2026-06`).expect(404);
    await get(`/plans/${otherPlanId}/units/${u.T01}/scorecard?month=2026-06`).expect(404);
    await get(`/plans/999999/ranking?month=2026-06`).expect(404);
    await get(`/plans/${planId}/units/999999/scorecard?month=2026-06`).expect(404);
  });

  const badQueries: Array<[string, string, string]> = [
    ['month 2026-13', `ranking?month=2026-13`, 'month'],
    ['month missing', `ranking`, 'month'],
    ['month 2026-6', `ranking?month=2026-6`, 'month'],
    ['month outside the plan year', `ranking?month=2025-12`, 'month'],
    ['an unknown group', `ranking?month=2026-06&group=parks`, 'group'],
    ['a malformed group', `ranking?month=2026-06&group=%E4%B9%A1%E9%95%87`, 'group'],
    ['an unknown query field', `ranking?month=2026-06&sort=desc`, 'sort'],
    ['scorecard month 2026-00', `units/1/scorecard?month=2026-00`, 'month'],
    ['scorecard unit abc', `units/abc/scorecard?month=2026-06`, 'unitId'],
    ['dashboard month 1e309', `dashboard?month=1e309`, 'month'],
  ];
  it.each(badQueries)('should answer 400 naming the field for %s', async (_label, path, field) => {
    const res = await get(`/plans/${planId}/${path}`).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('should count missing and late reports and score signed projects in their highest band only', async () => {
    const lx = await insertIndicators(t.dataSource, otherPlanId, []);
    expect(lx).toEqual({});
    const report = (month: string, status: string, isLate = false) =>
      t.dataSource.query(
        `INSERT INTO monthly_report (plan_id, unit_id, month, status, is_late) VALUES ($1, $2, $3, $4, $5)`,
        [otherPlanId, other.LX01, month, status, isLate],
      );
    await report('2026-01', 'approved', true);
    await report('2026-02', 'approved');
    await report('2026-03', 'submitted');
    await report('2026-04', 'draft');
    for (const [code, agreedWan, signedDate] of [
      ['XM2026-1001', '600000', '2026-02-11'],
      ['XM2026-1002', '120000', '2026-03-02'],
      ['XM2026-1003', '90000', '2026-03-20'],
    ] as const) {
      await insertProject(t.dataSource, {
        code,
        name: `邻县${code}项目`,
        investorName: '华南新材料股份有限公司',
        unitId: other.LX01!,
        agreedWan,
        signedDate,
      });
    }
    const card = async (unit: number, month: string) =>
      (await get(`/plans/${otherPlanId}/units/${unit}/scorecard?month=${month}`).expect(200)).body;
    // by 20 July the deadlines of January–June have passed: April, May and June are missing, January was late
    const july = await card(other.LX01!, '2026-07');
    expect(july.items.map((i: { formula: string }) => i.formula)).toEqual([
      '(≥10亿 1 × 4 + ≥50亿 1 × 8) = 12.00（不重复加分，按最高档计）',
      '5 − 缺报月报 3 × 1 − 迟报月报 1 × 0.5 = 1.50',
    ]);
    expect(july.total).toBe('13.5');
    // by February nothing is missing yet; January's late report still costs 0.5
    expect((await card(other.LX01!, '2026-02')).items[1].points).toBe('4.5');
    // 城北镇 reported nothing: 6 missing months, 扣完为止
    expect((await card(other.LX02!, '2026-06')).items[1]).toMatchObject({ points: '0' });
  });

  it('should answer 422 with the scoring fields when the stored configuration is invalid', async () => {
    const brokenId = await insertRankingPlan(t.dataSource, {
      rootUnitId: u.XIAN!,
      year: 2027,
      scoring: { items: [{ code: 'funds', name: '实际到位资金', method: 'completion', indicator: 'DWZJ' }] },
    });
    await insertIndicators(t.dataSource, brokenId, RANKING_INDICATORS);
    const res = await get(`/plans/${brokenId}/ranking?month=2027-03`).expect(422);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'scoring.items.0.weight', code: 'isDefined' }),
    ]);
  });
});
