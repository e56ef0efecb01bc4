import { type RankingResponse, type ScoringInputResponse, scorePlan } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  recordJuneFalsification,
  refreshYtd,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators, insertTarget } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

/**
 * The what-if's input (GET /plans/:id/scoring-input): exactly what the server scores. The county of the rankings
 * spec, plus 黄庄镇, merged into 城关镇 in June (停用): its March figures still roll up into the county, but it is no
 * longer assessed, so the server leaves it out of the ranking — and so must the input the browser scores.
 */
describe('scoring input for the what-if (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};
  const get = (path: string, who = 'leader') => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]!);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, [
      ...RANKING_COUNTY,
      { code: 'T05', name: '黄庄镇', category: 'town', parent: 'XIAN' },
    ]);
    const other = await insertUnits(t.dataSource, [
      { code: 'LINXIAN', name: '邻县', category: 'county' },
      { code: 'LX01', name: '邻县城南镇', category: 'town', parent: 'LINXIAN' },
    ]);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, { username: 'rep_lx01', roles: ['reporter'], unitIds: [other.LX01!] });
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, [
      ...RANKING_INDICATORS,
      {
        code: 'DWL',
        name: '资金到位率',
        measure: '%',
        kind: 'ratio',
        source: 'formula',
        formula: { kind: 'ratio', numerator: 'DWZJ', denominator: 'QYZTZ' },
      },
    ]);
    await insertTarget(t.dataSource, planId, u.T05!, ind.DWZJ!, '80000');
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u.T05!,
      month: '2026-03',
      values: { [ind.DWZJ!]: '90000' },
    });
    await seedJuneFigures(t, planId, u, ind);
    await t.dataSource.query('UPDATE unit SET is_active = false WHERE id = $1', [u.T05]);
    await refreshYtd(t, planId);
    for (const name of ['admin', 'leader', 'rep_t01', 'rep_lx01']) auth[name] = await bearer(t.http, name);
    await recordJuneFalsification(t, planId, u, auth.admin!);
  });
  afterAll(() => t.close());

  it('should give exactly the server ranking when scored with the shared engine, without the deactivated unit', async () => {
    const ranking = (await get(`/plans/${planId}/ranking?month=2026-06`).expect(200)).body as RankingResponse;
    const body = (await get(`/plans/${planId}/scoring-input?month=2026-06`).expect(200))
      .body as ScoringInputResponse;
    expect(body).toMatchObject({ planId, month: '2026-06', engineVersion: 'pacer-scoring/1' });
    expect(body.input.units.map((x) => x.id)).not.toContain(u.T05);
    expect(body.input.actuals.some((a) => a.unitId === u.T05)).toBe(false);
    // the counters and the manual entry are in it: the browser no longer has to keep those items at official points
    expect(body.input.counters?.length).toBeGreaterThan(0);
    expect(body.input.manual).toEqual([
      expect.objectContaining({ unitId: u.T02, itemCode: 'integrity', counter: 'falsified', count: '1' }),
    ]);
    expect(body.formulas).toEqual([
      { id: ind.DWL, code: 'DWL', formula: { kind: 'ratio', numerator: 'DWZJ', denominator: 'QYZTZ' } },
    ]);

    const result = scorePlan(body.input);
    const scored = new Map(result.units.map((x) => [x.unitId, x]));
    expect(ranking.rows.length).toBe(6);
    for (const row of ranking.rows) {
      const unit = scored.get(row.unitId)!;
      expect([row.unitName, unit.total, unit.rank]).toEqual([row.unitName, row.total, row.rank]);
      expect(unit.items.map((i) => [i.code, i.points])).toEqual(row.items.map((i) => [i.code, i.points]));
    }
    // 32 / 32 / 27.2 / 0.5 and 37.5 / 36.5, as rankings.e2e-spec.ts works them out by hand
    expect(ranking.rows.map((r) => r.total)).toEqual(['32', '32', '27.2', '0.5', '37.5', '36.5']);
  });

  it('should differ from what /progress lists: the deactivated unit is there, but the server does not score it', async () => {
    // the old what-if built its input from /progress and so scored 黄庄镇 (9亿 of 8亿 → first among the towns)
    const progress = (await get(`/plans/${planId}/progress?month=2026-06`).expect(200)).body as {
      units: Array<{ id: number }>;
    };
    expect(progress.units.map((x) => x.id)).toContain(u.T05);
    const ranking = (await get(`/plans/${planId}/ranking?month=2026-06`).expect(200)).body as RankingResponse;
    expect(ranking.rows.map((r) => r.unitId)).not.toContain(u.T05);
  });

  it("should answer with the ranking route's scope and checks: 404 for another county, 400 outside the plan year", async () => {
    await get(`/plans/${planId}/scoring-input?month=2026-06`, 'rep_t01').expect(200);
    const hidden = await get(`/plans/${planId}/scoring-input?month=2026-06`, 'rep_lx01').expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    const outside = await get(`/plans/${planId}/scoring-input?month=2025-12`).expect(400);
    expect(outside.body.details).toEqual([
      expect.objectContaining({ field: 'month', code: 'outsidePlanYear' }),
    ]);
    const malformed = await get(`/plans/${planId}/scoring-input?month=2026-6`).expect(400);
    expect(malformed.body.details[0].field).toBe('month');
  });

  it('should refuse a route month outside the business window with isBusinessMonth on the ranking routes too', async () => {
    // one month pipe (common/pipes): before, the reports copy let 1999-12 through to the plan-year check
    const res = await t.http
      .post(`/api/v1/plans/${planId}/months/1999-12/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'month', code: 'isBusinessMonth' })]);
  });
});
