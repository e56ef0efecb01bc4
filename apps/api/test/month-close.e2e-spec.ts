import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseService } from '../src/modules/month-close/month-close.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  refreshYtd,
} from './factories/ranking.factory';
import { insertIndicators, insertTarget, reportThroughApi } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

// early December 2026: September to November have ended, December has not
const clock = { now: () => new Date('2026-12-03T02:00:00Z') };

interface Row {
  unitId: number;
  unitName: string;
  group: string;
  total: string;
  rank: number;
  previousRank: number | null;
  movement: { kind: string; places: number };
}

describe('month close and frozen rankings (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  const ranking = async (month: string) => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/ranking?month=${month}`)
      .set('Authorization', auth.leader!)
      .expect(200);
    return res.body as { isFrozen: boolean; computedAt: string | null; reason: string | null; rows: Row[] };
  };
  const close = (month: string, body: object = {}, who = 'admin') =>
    t.http.post(`/api/v1/plans/${planId}/months/${month}/close`).set('Authorization', auth[who]!).send(body);
  const snapshots = async () =>
    (await t.dataSource.query(
      `SELECT month, computed_at AS "computedAt", reason, version FROM ranking_snapshot WHERE plan_id = $1 ORDER BY month`,
      [planId],
    )) as Array<{ month: string; computedAt: Date; reason: string | null; version: number }>;
  const townRows = (rows: Row[]) => rows.filter((r) => r.group === 'towns');

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    // four eyes: what one administrator enters from a paper form, a second one approves
    await insertUser(t.dataSource, {
      username: 'admin_review',
      roles: ['admin'],
      displayName: '招商局审核员',
    });
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    for (const town of ['T01', 'T02', 'T03', 'T04'])
      await insertTarget(t.dataSource, planId, u[town]!, ind.DWZJ!, '100000');
    for (const dept of ['D01', 'D02']) await insertTarget(t.dataSource, planId, u[dept]!, ind.DWZJ!, '50000');
    // September: 城关镇 5亿, 青山镇 4亿, 白云镇 3亿 of 10亿 each; 石桥镇 nothing yet
    const september: Array<[string, string]> = [
      ['T01', '50000'],
      ['T02', '40000'],
      ['T03', '30000'],
      ['D01', '20000'],
      ['D02', '10000'],
    ];
    for (const [unit, value] of september) {
      await insertApprovedReport(t.dataSource, {
        planId,
        unitId: u[unit]!,
        month: '2026-09',
        values: { [ind.DWZJ!]: value },
      });
    }
    await refreshYtd(t, planId);
    for (const name of ['admin', 'admin_review', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_t02'])
      auth[name] = await bearer(t.http, name);
  });
  // the draft 通报 of each close is written in the background: let it finish before the next test
  afterEach(() => t.app.get(MonthCloseHooks).idle());
  afterAll(() => t.close());

  it('should freeze September: computed on approved figures, read back from the snapshot, audited', async () => {
    const live = await ranking('2026-09');
    expect(live.isFrozen).toBe(false);
    const res = await close('2026-09').expect(200);
    expect(res.body).toEqual({
      planId,
      month: '2026-09',
      computedAt: '2026-12-03T02:00:00.000Z',
      isReclose: false,
    });
    const frozen = await ranking('2026-09');
    expect(frozen).toMatchObject({ isFrozen: true, computedAt: '2026-12-03T02:00:00.000Z', reason: null });
    expect(frozen.rows).toEqual(live.rows);
    expect(townRows(frozen.rows).map((r) => [r.unitName, r.total, r.rank])).toEqual([
      ['城关镇', '15.5', 1],
      ['青山镇', '12.5', 2],
      ['白云镇', '9.5', 3],
      ['石桥镇', '0.5', 4],
    ]);
    const audit = await t.dataSource.query(
      `SELECT username, object_type AS "objectType", after, detail FROM audit_event WHERE action = 'ranking.close'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      username: 'admin',
      objectType: 'ranking_snapshot',
      detail: { planId, month: '2026-09' },
    });
    expect(audit[0].after.groups[0].entries[0]).toEqual({ unitId: u.T01, rank: 1, total: '15.5' });
  });

  it('should show movement against the frozen previous month: ↑2, ↓1, same, and new for a unit added since', async () => {
    // a town set up after September closed: not in September's snapshot
    const added = await insertUnits(t.dataSource, [
      { code: 'T05', name: '新城街道', category: 'town', sortOrder: 5 },
    ]);
    await t.dataSource.query('UPDATE unit SET parent_id = $1 WHERE id = $2', [u.XIAN, added.T05]);
    await t.dataSource.query(
      'INSERT INTO unit_closure (ancestor_id, descendant_id, depth) VALUES ($1, $2, 1)',
      [u.XIAN, added.T05],
    );
    u.T05 = added.T05!;
    await insertTarget(t.dataSource, planId, u.T05, ind.DWZJ!, '100000');
    // October: 白云镇 +4亿 (7亿) overtakes 城关镇 (5亿) and 青山镇 (4亿); 新城街道 1亿
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u.T03!,
      month: '2026-10',
      values: { [ind.DWZJ!]: '40000' },
    });
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u.T05,
      month: '2026-10',
      values: { [ind.DWZJ!]: '10000' },
    });
    await refreshYtd(t, planId);
    await close('2026-10').expect(200);
    const october = await ranking('2026-10');
    expect(october.isFrozen).toBe(true);
    expect(townRows(october.rows).map((r) => [r.unitName, r.rank, r.previousRank, r.movement])).toEqual([
      ['白云镇', 1, 3, { kind: 'up', places: 2 }],
      ['城关镇', 2, 1, { kind: 'down', places: 1 }],
      ['青山镇', 3, 2, { kind: 'down', places: 1 }],
      ['新城街道', 4, null, { kind: 'new', places: 0 }],
      ['石桥镇', 5, 4, { kind: 'down', places: 1 }],
    ]);
    expect(
      october.rows.filter((r) => r.group === 'departments').map((r) => [r.unitName, r.movement]),
    ).toEqual([
      ['县发展和改革局', { kind: 'same', places: 0 }],
      ['县商务局', { kind: 'same', places: 0 }],
    ]);
    // the frozen September does not gain the new town
    expect((await ranking('2026-09')).rows.some((r) => r.unitId === u.T05)).toBe(false);
  });

  it('should never change a frozen month when a late report of that month or a later one is approved', async () => {
    const octoberBefore = await ranking('2026-10');
    const novemberBefore = await ranking('2026-11');
    expect(novemberBefore.isFrozen).toBe(false);
    // 石桥镇's October report arrives after the close (a clerk enters the paper form), then 青山镇 reports November
    await reportThroughApi(
      t.http,
      { reporter: auth.admin!, admin: auth.admin_review! },
      { planId, unitId: u.T04!, month: '2026-10', values: { [ind.DWZJ!]: '90000' }, approve: true },
    );
    await reportThroughApi(
      t.http,
      { reporter: auth.rep_t02!, admin: auth.admin! },
      { planId, unitId: u.T02!, month: '2026-11', values: { [ind.DWZJ!]: '50000' }, approve: true },
    );
    const progress = await t.http
      .get(`/api/v1/plans/${planId}/progress?month=2026-10`)
      .set('Authorization', auth.leader!)
      .expect(200);
    const t04 = progress.body.cells.find(
      (c: { unitId: number; indicatorId: number }) => c.unitId === u.T04 && c.indicatorId === ind.DWZJ,
    );
    expect(t04.actual).toBe('90000');

    expect(await ranking('2026-10')).toEqual(octoberBefore);
    const scorecard = await t.http
      .get(`/api/v1/plans/${planId}/units/${u.T04}/scorecard?month=2026-10`)
      .set('Authorization', auth.leader!)
      .expect(200);
    expect(scorecard.body).toMatchObject({ isFrozen: true, total: '0.5' });

    const novemberAfter = await ranking('2026-11');
    const byName = (rows: Row[], name: string) => rows.find((r) => r.unitName === name)!;
    // 石桥镇 9亿 of 10亿 → 27 + 0.5; 青山镇 9亿 → 27.5 too
    expect(byName(novemberAfter.rows, '石桥镇').total).toBe('27.5');
    expect(byName(novemberAfter.rows, '青山镇').total).toBe('27.5');
    expect(byName(novemberBefore.rows, '石桥镇').total).toBe('0.5');
    // against the frozen October (石桥镇 5th): tied first now
    expect(byName(novemberAfter.rows, '石桥镇')).toMatchObject({
      rank: 1,
      movement: { kind: 'up', places: 4 },
    });
    expect(byName(novemberAfter.rows, '白云镇')).toMatchObject({
      rank: 3,
      movement: { kind: 'down', places: 2 },
    });
  });

  it('should refuse to close a frozen month again without a reason (422) and replace it with one, auditing the old', async () => {
    const [before] = (await snapshots()).filter((s) => s.month === '2026-10');
    const refused = await close('2026-10').expect(422);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    await close('2026-10', { reason: '   ' }).expect(422);
    expect((await snapshots()).find((s) => s.month === '2026-10')).toEqual(before);

    const reason = '石桥镇10月纸质月报补录并审核，重新计算10月排名';
    const res = await close('2026-10', { reason }).expect(200);
    expect(res.body).toMatchObject({ planId, month: '2026-10', isReclose: true });
    const october = await ranking('2026-10');
    expect(october).toMatchObject({ isFrozen: true, reason });
    expect(october.rows.find((r) => r.unitId === u.T04)!.total).toBe('27.5');
    expect((await snapshots()).find((s) => s.month === '2026-10')!.version).toBe(before!.version + 1);

    const [audit] = await t.dataSource.query(
      `SELECT before, after, detail FROM audit_event WHERE action = 'ranking.reclose'`,
    );
    expect(audit.detail).toEqual({ planId, month: '2026-10', reason });
    const oldT04 = audit.before.units.find((x: { unitId: number }) => x.unitId === u.T04);
    expect(oldT04).toMatchObject({ total: '0.5', rank: 5 });
    expect(audit.before).toMatchObject({ month: '2026-10', reason: null, engineVersion: 'pacer-scoring/1' });
    expect(audit.after.groups[0].entries.find((e: { unitId: number }) => e.unitId === u.T04)).toMatchObject({
      total: '27.5',
    });
  });

  it('should refuse a close by reporter and leader (403), of a month not ended or outside the year, and write nothing', async () => {
    const count = async () =>
      Number((await t.dataSource.query('SELECT count(*) AS n FROM ranking_snapshot'))[0].n);
    const n = await count();
    await close('2026-11', {}, 'rep_t01').expect(403);
    await close('2026-11', {}, 'leader').expect(403);
    await close('2026-11', {}, 'sysadmin').expect(403);
    const notEnded = await close('2026-12').expect(422);
    expect(notEnded.body.details[0]).toMatchObject({ field: 'month', code: 'monthNotEnded' });
    const cases: Array<[string, object, string]> = [
      ['2026-13', {}, 'month'],
      ['2026-1', {}, 'month'],
      ['2025-12', {}, 'month'],
      ['2026-11', { reason: 12 }, 'reason'],
      ['2026-11', { reason: 'x'.repeat(501) }, 'reason'],
      ['2026-11', { force: true }, 'force'],
    ];
    for (const [month, body, field] of cases) {
      const res = await close(month, body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    await t.http
      .post(`/api/v1/plans/999999/months/2026-11/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(404);
    expect(await count()).toBe(n);
  });

  it('should refuse to close a month of a draft plan (422), a request without a body being a first close', async () => {
    const draftId = await insertRankingPlan(t.dataSource, {
      rootUnitId: u.XIAN!,
      year: 2025,
      status: 'draft',
    });
    const res = await t.http
      .post(`/api/v1/plans/${draftId}/months/2025-06/close`)
      .set('Authorization', auth.admin!)
      .expect(422);
    expect(res.body.details[0]).toMatchObject({ code: 'planNotPublished' });
  });

  it('should close a month through the service as the scheduled job does (no principal)', async () => {
    const service = t.app.get(MonthCloseService);
    const system = { principal: null, ip: null, requestId: null, userAgent: null };
    expect(await service.closeMonth(system, planId, '2026-11')).toEqual({
      planId,
      month: '2026-11',
      computedAt: '2026-12-03T02:00:00.000Z',
      isReclose: false,
    });
    const [row] = await t.dataSource.query(
      `SELECT computed_by AS "computedBy" FROM ranking_snapshot WHERE plan_id = $1 AND month = '2026-11'`,
      [planId],
    );
    expect(row.computedBy).toBeNull();
    expect(await service.isFrozen(planId, '2026-11')).toBe(true);
  });
});
