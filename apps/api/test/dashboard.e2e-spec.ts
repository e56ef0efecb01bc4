import { Fraction } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  refreshYtd,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

interface Point {
  month: string;
  actual: string;
  expectedActual: string | null;
  expected: string;
  isFrozen: boolean;
}

describe('dashboard (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  const dashboard = async (month: string, who = 'leader') =>
    (
      await t.http
        .get(`/api/v1/plans/${planId}/dashboard?month=${month}`)
        .set('Authorization', auth[who]!)
        .expect(200)
    ).body;
  const headline = (body: { headlines: Array<{ code: string }> }, code: string) =>
    body.headlines.find((h) => h.code === code)!;
  const series = (body: { series: Array<{ code: string; points: Point[] }> }, code: string) =>
    body.series.find((s) => s.code === code)!.points;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    // June's reports: 城关镇 approved but late, 青山镇 submitted on time, 白云镇 still a draft, the others none
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u.T01!,
      month: '2026-06',
      values: {},
      isLate: true,
    });
    await t.dataSource.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month, status, submitted_at)
       VALUES ($1, $2, '2026-06', 'submitted', '2026-07-03T02:00:00Z'), ($1, $3, '2026-06', 'draft', NULL)`,
      [planId, u.T02, u.T03],
    );
    for (const name of ['admin', 'leader', 'rep_t01']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it('should give the county’s headline figures with time progress, gap and light', async () => {
    const body = await dashboard('2026-06');
    expect(body).toMatchObject({
      planId,
      planName: '示范县2026年度招商引资目标责任考核',
      month: '2026-06',
      isFrozen: false,
      computedAt: null,
      expected: '0.5',
      yellowBand: '10',
    });
    expect(body.headlines.map((h: { code: string }) => h.code)).toEqual(['DWZJ', 'QYZTZ']);
    expect(headline(body, 'DWZJ')).toEqual({
      indicatorId: ind.DWZJ,
      code: 'DWZJ',
      name: '实际到位资金',
      measure: '亿元',
      kind: 'amount',
      actual: '360000',
      target: '500000',
      completion: '0.72',
      expected: '0.5',
      gapPp: '22',
      light: 'green',
      forecast: '720000',
      isAtRisk: false,
      // as published: the plan's 2 decimals, half-up
      display: { completionPct: '72.00', gapPp: '22.00' },
    });
    // 15 + 6.75 + 15 + 12亿 signed; July's project and the 2025 one do not count
    expect(headline(body, 'QYZTZ')).toMatchObject({
      actual: '487500',
      target: '800000',
      completion: '0.609375',
    });
  });

  it('should give the monthly trend: cumulative actual against target × time progress', async () => {
    const points = series(await dashboard('2026-06'), 'DWZJ');
    expect(points.map((p) => [p.month, p.actual, p.expectedActual, p.isFrozen])).toEqual([
      ['2026-01', '0', '41666.6667', false],
      ['2026-02', '0', '83333.3333', false],
      ['2026-03', '360000', '125000', false],
      ['2026-04', '360000', '166666.6667', false],
      ['2026-05', '360000', '208333.3333', false],
      ['2026-06', '360000', '250000', false],
    ]);
  });

  it('should give the ranking per group, the light matrix and the units at risk', async () => {
    const body = await dashboard('2026-06', 'rep_t01');
    expect(
      body.ranking.map(
        (g: { code: string; rows: Array<{ unitName: string; rank: number; total: string }> }) => [
          g.code,
          g.rows.map((r) => `${r.rank} ${r.unitName} ${r.total}`),
        ],
      ),
    ).toEqual([
      // no 弄虚作假 recorded here: 青山镇 keeps 0.4 of 项目推进与诚信
      ['towns', ['1 城关镇 32', '1 白云镇 32', '3 青山镇 27.4', '4 石桥镇 0.5']],
      ['departments', ['1 县商务局 37.5', '2 县发展和改革局 36.5']],
    ]);
    expect(body.ranking[0].rows[0].movement).toEqual({ kind: 'new', places: 0 });

    expect(body.matrix.units.map((x: { unitName: string }) => x.unitName)).toEqual([
      '城关镇',
      '青山镇',
      '白云镇',
      '石桥镇',
      '县发展和改革局',
      '县商务局',
    ]);
    expect(body.matrix.indicators.map((i: { code: string }) => i.code)).toEqual(['DWZJ', 'QYZTZ', 'WBQ']);
    const light = (unit: string, code: string) =>
      body.matrix.cells.find(
        (c: { unitId: number; indicatorId: number }) => c.unitId === u[unit] && c.indicatorId === ind[code],
      );
    expect(light('T01', 'DWZJ')).toEqual({
      unitId: u.T01,
      indicatorId: ind.DWZJ,
      light: 'green',
      completion: '0.65',
      completionPct: '65.00',
    });
    // 40% against 50%: −10 pp is still yellow with the default band
    expect(light('T02', 'DWZJ')).toMatchObject({ light: 'yellow', completion: '0.4' });
    expect(light('T04', 'DWZJ')).toMatchObject({ light: null, completion: null });
    expect(light('T04', 'QYZTZ')).toMatchObject({ light: 'red', completion: '0' });

    // run rates: 青山镇 4亿 → 8亿 < 10亿; 石桥镇 nothing signed; 县商务局 2.5亿 → exactly 5亿 is not short
    expect(body.atRisk).toEqual([
      {
        unitId: u.T02,
        unitName: '青山镇',
        indicators: [
          {
            indicatorId: ind.DWZJ,
            code: 'DWZJ',
            name: '实际到位资金',
            target: '100000',
            forecast: '80000',
            forecastCompletion: '0.8',
          },
        ],
      },
      {
        unitId: u.T04,
        unitName: '石桥镇',
        indicators: [
          {
            indicatorId: ind.QYZTZ,
            code: 'QYZTZ',
            name: '签约总投资',
            target: '100000',
            forecast: '0',
            forecastCompletion: '0',
          },
        ],
      },
    ]);
  });

  it('should list the month’s late reports and the units with no submitted or approved report', async () => {
    const body = await dashboard('2026-06');
    expect(body.lateReports).toEqual([
      expect.objectContaining({ unitId: u.T01, unitName: '城关镇', status: 'approved' }),
    ]);
    expect(body.missingReports).toEqual([
      { unitId: u.T03, unitName: '白云镇', status: 'draft' },
      { unitId: u.T04, unitName: '石桥镇', status: null },
      { unitId: u.D01, unitName: '县发展和改革局', status: null },
      { unitId: u.D02, unitName: '县商务局', status: null },
    ]);
  });

  it('should read a frozen month from its snapshot and keep frozen months of the trend unchanged', async () => {
    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-03/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(200);
    // a February report of 石桥镇 approved after March was closed: 1亿 more from February on, live
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u.T04!,
      month: '2026-02',
      values: { [ind.DWZJ!]: '10000' },
    });
    await refreshYtd(t, planId);

    const march = await dashboard('2026-03');
    expect(march).toMatchObject({ isFrozen: true, computedAt: '2026-07-20T02:00:00.000Z' });
    expect(headline(march, 'DWZJ')).toMatchObject({ actual: '360000', completion: '0.72' });
    expect(series(march, 'DWZJ').at(-1)).toMatchObject({
      month: '2026-03',
      actual: '360000',
      isFrozen: true,
    });

    const june = await dashboard('2026-06');
    expect(june.isFrozen).toBe(false);
    expect(headline(june, 'DWZJ')).toMatchObject({ actual: '370000', completion: '0.74' });
    expect(series(june, 'DWZJ').slice(1, 4)).toEqual([
      {
        month: '2026-02',
        actual: '10000',
        expectedActual: '83333.3333',
        expected: '0.1666666666666666666666666666666666666667',
        isFrozen: false,
      },
      { month: '2026-03', actual: '360000', expectedActual: '125000', expected: '0.25', isFrozen: true },
      {
        month: '2026-04',
        actual: '370000',
        expectedActual: '166666.6667',
        expected: '0.3333333333333333333333333333333333333333',
        isFrozen: false,
      },
    ]);
  });

  it("should say each indicator's printed precision in the light matrix (its rounding rule, issue 14 point 12)", async () => {
    const plan = await t.http.get(`/api/v1/plans/${planId}`).set('Authorization', auth.admin!).expect(200);
    // 实际到位资金 published in whole percentages, the others at the plan's 2 decimals
    const scoring = { ...plan.body.scoring, indicators: { DWZJ: { rounding: { decimals: 0 } } } };
    await t.http
      .patch(`/api/v1/plans/${planId}`)
      .set('Authorization', auth.admin!)
      .send({ version: plan.body.version, scoring })
      .expect(200);
    const june = await dashboard('2026-06');
    const decimals = Object.fromEntries(
      june.matrix.indicators.map((i: { code: string; completionDecimals?: number }) => [
        i.code,
        i.completionDecimals,
      ]),
    );
    expect(decimals).toMatchObject({ DWZJ: 0, QYZTZ: 2 });
  });

  it("should publish the headline and the light matrix by the indicator's rounding mode, not half-up (issue 14 point 12)", async () => {
    const plan = await t.http.get(`/api/v1/plans/${planId}`).set('Authorization', auth.admin!).expect(200);
    // 实际到位资金: completion 进一法 in whole percentages, the gap to 1 decimal
    const rounding = { completion: { mode: 'up', decimals: 0 }, gapPp: { decimals: 1 } };
    const scoring = {
      ...plan.body.scoring,
      indicators: { DWZJ: { rounding }, QYZTZ: { rounding: { completion: { mode: 'down', decimals: 0 } } } },
    };
    await t.http
      .patch(`/api/v1/plans/${planId}`)
      .set('Authorization', auth.admin!)
      .send({ version: plan.body.version, scoring })
      .expect(200);
    const june = await dashboard('2026-06');
    // 37亿 of 50亿 = 74% against June's 50%
    expect(headline(june, 'DWZJ')).toMatchObject({
      completion: '0.74',
      display: { completionPct: '74', gapPp: '24.0' },
    });
    expect(headline(june, 'QYZTZ')).toHaveProperty('display.completionPct');
    const cells = june.matrix.cells.filter(
      (c: { indicatorId: number; completion: string | null }) => c.indicatorId === ind.DWZJ && c.completion !== null,
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      // 进一法: any fraction of a percent goes up
      expect(c.completionPct).toBe(Fraction.of(c.completion).mul(100).roundText(0, 'up'));
    }
    // 签约总投资 去尾法: 白云镇's 6.75亿 of 10亿 prints 67%, where half-up would print 68%
    const t03 = june.matrix.cells.find(
      (c: { unitId: number; indicatorId: number }) => c.unitId === u.T03 && c.indicatorId === ind.QYZTZ,
    );
    expect(t03).toMatchObject({ completion: '0.675', completionPct: '67' });
  });
});
