import { Clock } from '../src/common/clock/clock.service';
import { MonthScoringService } from '../src/modules/rankings/month-scoring.service';
import { RankingsRepository } from '../src/modules/rankings/rankings.repository';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators, reportThroughApi } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

/**
 * Incremental scoring across replicas (issue 11 part 3, docs/scoring.md "Incremental scoring"): each replica keeps
 * the engine state of the months it scored; after an approval on one replica, another one rescores from its own
 * (older) state only the units whose data changed, and answers exactly the bytes a replica scoring the month whole
 * answers. Figures as in rankings.e2e-spec.ts.
 */
describe('incremental ranking after an approval, on two replicas (e2e)', () => {
  let t: TestApp;
  let replica: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  const ranking = (app: TestApp, month = '2026-06') =>
    app.http
      .get(`/api/v1/plans/${planId}/ranking?month=${month}`)
      .set('Authorization', auth.leader!)
      .expect(200);
  const pathOf = (app: TestApp) => app.app.get(MonthScoringService).lastPath;
  /** What a replica that never scored the month answers: a whole scoring. */
  const scoredWhole = async (month = '2026-06') => {
    const fresh = await createTestApp({
      databaseUrl: t.databaseUrl,
      overrides: [{ provide: Clock, useValue: clock }],
    });
    try {
      const res = await ranking(fresh, month);
      expect(pathOf(fresh)).toEqual({ kind: 'full' });
      return res;
    } finally {
      await fresh.close();
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    replica = await createTestApp({
      databaseUrl: t.databaseUrl,
      overrides: [{ provide: Clock, useValue: clock }],
    });
    for (const name of ['admin', 'leader', 'rep_t02']) auth[name] = await bearer(t.http, name);
  });
  afterAll(async () => {
    await replica.close();
    await t.close();
  });

  it('should rescore on the other replica only the approving town and the county it rolls up to, reading only what changed', async () => {
    // both replicas have scored June whole
    await ranking(t);
    await ranking(replica);
    expect(pathOf(replica)).toEqual({ kind: 'full' });

    // 青山镇 reports 2亿 到位资金 for June on the first replica; the office approves it there
    await reportThroughApi(
      t.http,
      { reporter: auth.rep_t02!, admin: auth.admin! },
      { planId, unitId: u.T02!, month: '2026-06', values: { [ind.DWZJ!]: '20000' }, approve: true },
    );

    // the replica reads again what the approval wrote (the summary, the reports' counters), not the targets or the tree
    const repository = replica.app.get(RankingsRepository);
    const reads = ['listTargets', 'listTreeUnits', 'listActuals', 'listCounters'] as const;
    const spies = reads.map((name) => jest.spyOn(repository, name));
    let there;
    try {
      there = await ranking(replica);
      expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 1, 1]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(pathOf(replica)).toEqual({
      kind: 'partial',
      changedUnitIds: [u.XIAN, u.T02].sort((a, b) => a! - b!),
    });
    const t02 = (
      there.body.rows as Array<{ unitId: number; items: Array<{ code: string; points: string }> }>
    ).find((r) => r.unitId === u.T02)!;
    // 6亿 of 10亿 → 18 points instead of 12 (ranking-etag.e2e-spec.ts)
    expect(t02.items.find((i) => i.code === 'funds')!.points).toBe('18');
    const whole = await scoredWhole();
    expect(there.text).toBe(whole.text);
    expect(there.headers.etag).toBe(whole.headers.etag);
  });

  it('should answer a whole scoring’s bytes after an office deduction and a target change too', async () => {
    await ranking(replica);
    await t.http
      .post(`/api/v1/plans/${planId}/scoring-entries`)
      .set('Authorization', auth.admin!)
      .send({
        unitId: u.T01,
        itemCode: 'integrity',
        month: '2026-06',
        counter: 'falsified',
        count: '1',
        reason: '城关镇6月上报的签约项目经核查系虚报',
      })
      .expect(201);
    await t.ownerDataSource.query(
      `UPDATE target SET value = 150000 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3`,
      [planId, u.D02, ind.QYZTZ],
    );
    const targets = jest.spyOn(replica.app.get(RankingsRepository), 'listTargets');
    let there;
    try {
      there = await ranking(replica);
      expect(targets).toHaveBeenCalledTimes(1);
    } finally {
      targets.mockRestore();
    }
    expect(pathOf(replica)).toEqual({
      kind: 'partial',
      changedUnitIds: [u.T01, u.D02].sort((a, b) => a! - b!),
    });
    expect(there.text).toBe((await scoredWhole()).text);
  });

  it('should freeze the summary’s rebuilt figures at the close, not rows kept from before its drift check', async () => {
    type Row = { unitId: number; total: string; items: Array<{ code: string; points: string }> };
    const totals = (rows: Row[]) => rows.map((r) => [r.unitId, r.total]);
    const honest = (await ranking(t)).body.rows as Row[];
    // a maintained summary row drifted (as a delta bug would): 白云镇's June 到位资金 reads 9亿
    await t.ownerDataSource.query(
      `UPDATE ytd_summary SET value = 90000 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 6`,
      [planId, u.T03, ind.DWZJ],
    );
    const drifted = (await ranking(t)).body.rows as Row[];
    expect(totals(drifted)).not.toEqual(totals(honest));
    // the close rebuilds the summary in its transaction, then scores June on the rebuilt rows
    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-06/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(200);
    const frozen = await ranking(t);
    expect(frozen.body.isFrozen).toBe(true);
    expect(totals(frozen.body.rows as Row[])).toEqual(totals(honest));
  });
});
