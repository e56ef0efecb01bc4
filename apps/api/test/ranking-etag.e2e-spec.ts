import type { Response } from 'supertest';

import { Clock } from '../src/common/clock/clock.service';
import { systemActor } from '../src/common/jobs/system-actor';
import { RankingsService } from '../src/modules/rankings/rankings.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators, reportThroughApi } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

interface Row {
  unitId: number;
  total: string;
  items: Array<{ code: string; points: string }>;
}

/**
 * The ranking (and the dashboard) are sent as kept JSON bytes under an entity tag naming what they were computed
 * from (docs/benchmarks.md): equal bytes and tags while nothing changed, 304 for a matching If-None-Match, a new
 * tag as soon as an approval, a manual entry or a re-close changes the content. Figures as in rankings.e2e-spec.ts.
 */
describe('ranking and dashboard entity tags (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  const get = (path: string, who = 'leader') => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]!);
  // the bytes as kept: supertest asks for gzip by default, and answers of 1 KiB or more are compressed when asked
  const ranking = (query = 'month=2026-06', who = 'leader') =>
    get(`/plans/${planId}/ranking?${query}`, who).set('Accept-Encoding', 'identity').expect(200);
  const points = (res: Response, unit: string, item: string) =>
    (res.body.rows as Row[]).find((r) => r.unitId === u[unit])!.items.find((i) => i.code === item)!.points;
  const expectedRanking = async (month: string, group?: string) =>
    JSON.stringify(
      await t.app.get(RankingsService).getRanking(systemActor('test', month), planId, month, group),
    );

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    const other = await insertUnits(t.dataSource, [
      { code: 'LINXIAN', name: '邻县', category: 'county' },
      { code: 'LX01', name: '邻县城南镇', category: 'town', parent: 'LINXIAN' },
    ]);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, { username: 'rep_lx01', roles: ['reporter'], unitIds: [other.LX01!] });
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    for (const name of ['admin', 'leader', 'rep_lx01', 'rep_t02']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it('should answer the same bytes under the same tag twice, exactly what the ranking view serializes', async () => {
    const first = await ranking();
    const second = await ranking();
    expect(first.headers.etag).toMatch(
      /^W\/"ranking\/1:pacer-scoring\/1:plan-\d+:2026-06:live-2026-07-20-v\d+:previous-none:all-groups"$/,
    );
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    expect(first.text).toBe(await expectedRanking('2026-06'));
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(first.text));
    // what every API answer carries (SES-3: no-store stays; the request id)
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['x-request-id']).toBeTruthy();
    expect(points(first, 'T01', 'funds')).toBe('19.5');
  });

  it('should answer 304 with no body for a matching If-None-Match, from any reader who may see the plan', async () => {
    const { headers } = await ranking();
    const again = await get(`/plans/${planId}/ranking?month=2026-06`)
      .set('If-None-Match', headers.etag!)
      .expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(headers.etag);
    expect(again.headers['content-length']).toBeUndefined();
    // one of several tags the client holds
    await get(`/plans/${planId}/ranking?month=2026-06`, 'admin')
      .set('If-None-Match', `W/"ranking/1:older", ${headers.etag}`)
      .expect(304);
    // another tag: the whole answer
    const other = await get(`/plans/${planId}/ranking?month=2026-06`)
      .set('If-None-Match', 'W/"ranking/1:older"')
      .expect(200);
    expect(other.text.length).toBeGreaterThan(0);
    // a reporter of another county learns nothing from a tag
    const refused = await get(`/plans/${planId}/ranking?month=2026-06`, 'rep_lx01')
      .set('If-None-Match', headers.etag!)
      .expect(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND', messageEn: 'Plan not found' });
  });

  it('should tag each group apart, with its own bytes', async () => {
    const all = await ranking();
    const towns = await ranking('month=2026-06&group=towns');
    const departments = await ranking('month=2026-06&group=departments');
    expect(towns.headers.etag).toMatch(/:group-towns"$/);
    expect(new Set([all.headers.etag, towns.headers.etag, departments.headers.etag]).size).toBe(3);
    expect(towns.text).toBe(await expectedRanking('2026-06', 'towns'));
    expect(departments.body.rows.map((r: Row) => r.unitId)).toEqual([u.D02, u.D01]);
    // a tag of one group does not stand for another
    await get(`/plans/${planId}/ranking?month=2026-06&group=departments`)
      .set('If-None-Match', towns.headers.etag!)
      .expect(200);
  });

  it('should still answer errors in the JSON error format', async () => {
    const res = await get(`/plans/${planId}/ranking?month=2026-06&group=parks`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // Express's own tag of the error body, not a ranking's
    expect(res.headers.etag ?? '').not.toContain('ranking/');
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '本计划没有编码为 parks 的考核分组',
      requestId: res.headers['x-request-id'],
      details: [{ field: 'group', code: 'unknownGroup', messageEn: 'no ranking group parks in this plan' }],
    });
    const missing = await get(`/plans/999999/ranking?month=2026-06`).expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: '计划不存在' });
    await get(`/plans/${planId}/dashboard?month=2025-12`).expect(400);
  });

  it('should document the answer and its 304 in the OpenAPI description', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    const routes: Array<[string, string]> = [
      ['/api/v1/plans/{id}/ranking', 'RankingResponse'],
      ['/api/v1/plans/{id}/dashboard', 'DashboardResponse'],
    ];
    for (const [path, type] of routes) {
      const operation = res.body.paths[path].get;
      expect(operation.responses['200'].description).toContain(type);
      expect(operation.responses['304'].description).toContain('If-None-Match');
    }
  });

  it('should answer the same tag and bytes from another replica on the same database', async () => {
    const replica = await createTestApp({
      databaseUrl: t.databaseUrl,
      overrides: [{ provide: Clock, useValue: clock }],
    });
    try {
      for (const path of [
        `ranking?month=2026-06`,
        `ranking?month=2026-06&group=towns`,
        `dashboard?month=2026-06`,
      ]) {
        const here = await get(`/plans/${planId}/${path}`).expect(200);
        const there = await replica.http
          .get(`/api/v1/plans/${planId}/${path}`)
          .set('Authorization', auth.leader!)
          .expect(200);
        expect(there.headers.etag).toBe(here.headers.etag);
        expect(there.text).toBe(here.text);
      }
    } finally {
      await replica.close();
    }
  });

  it('should change the tag when an approval moves a figure, and when the office records a deduction', async () => {
    const before = await ranking();
    // 青山镇 reports 2亿 到位资金 for June: 6亿 of 10亿 → 18 points instead of 12
    await reportThroughApi(
      t.http,
      // 青山镇's reporter submits, the office approves (four eyes)
      { reporter: auth.rep_t02!, admin: auth.admin! },
      { planId, unitId: u.T02!, month: '2026-06', values: { [ind.DWZJ!]: '20000' }, approve: true },
    );
    const approved = await ranking();
    expect(approved.headers.etag).not.toBe(before.headers.etag);
    expect(points(before, 'T02', 'funds')).toBe('12');
    expect(points(approved, 'T02', 'funds')).toBe('18');
    expect(approved.text).toBe(await expectedRanking('2026-06'));
    // the old tag is not fresh any more: the whole new answer
    const revalidated = await get(`/plans/${planId}/ranking?month=2026-06`)
      .set('If-None-Match', before.headers.etag!)
      .expect(200);
    expect(points(revalidated, 'T02', 'funds')).toBe('18');

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
    const deducted = await ranking();
    expect(deducted.headers.etag).not.toBe(approved.headers.etag);
    expect(points(deducted, 'T01', 'integrity')).toBe('0.3');
  });

  it('should tag a frozen month by its snapshot, anew after a re-close, and the next month by it too', async () => {
    const live = await ranking();
    const july = await ranking('month=2026-07');
    expect(july.headers.etag).toMatch(/:previous-none:/);
    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-06/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(200);
    const frozen = await ranking();
    expect(frozen.body.isFrozen).toBe(true);
    expect(frozen.headers.etag).toMatch(/:snapshot-\d+-v1:previous-none:all-groups"$/);
    expect(frozen.headers.etag).not.toBe(live.headers.etag);
    expect(frozen.text).toBe(await expectedRanking('2026-06'));
    await get(`/plans/${planId}/ranking?month=2026-06`)
      .set('If-None-Match', frozen.headers.etag!)
      .expect(304);
    const julyAfterClose = await ranking('month=2026-07');
    expect(julyAfterClose.headers.etag).toMatch(/:previous-snapshot-\d+-v1:all-groups"$/);

    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-06/close`)
      .set('Authorization', auth.admin!)
      .send({ reason: '青山镇6月到位资金经核实后重新计算排名' })
      .expect(200);
    const reclosed = await ranking();
    expect(reclosed.headers.etag).toMatch(/:snapshot-\d+-v2:/);
    expect(reclosed.body.reason).toBe('青山镇6月到位资金经核实后重新计算排名');
    await get(`/plans/${planId}/ranking?month=2026-06`)
      .set('If-None-Match', frozen.headers.etag!)
      .expect(200);
    // July's movement is against the re-closed June: its tag moves with it
    const julyAfterReclose = await ranking('month=2026-07');
    expect(julyAfterReclose.headers.etag).toMatch(/:previous-snapshot-\d+-v2:all-groups"$/);
  });

  it('should send the dashboard as the same bytes under one tag, 304 when unchanged, a new tag when a report moves', async () => {
    const dashboard = () => get(`/plans/${planId}/dashboard?month=2026-07`).expect(200);
    const first = await dashboard();
    const second = await dashboard();
    expect(first.headers.etag).toMatch(
      /^W\/"dashboard\/2:pacer-scoring\/1:plan-\d+:2026-07:live-2026-07-20-v\d+:[\w-]{27}"$/,
    );
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    // exactly JSON.stringify's text, fields in DashboardResponse's order
    expect(JSON.stringify(JSON.parse(first.text))).toBe(first.text);
    expect(Object.keys(first.body)).toEqual([
      'planId',
      'planName',
      'month',
      'isFrozen',
      'computedAt',
      'expected',
      'yellowBand',
      'headlines',
      'series',
      'ranking',
      'matrix',
      'lateReports',
      'missingReports',
      'atRisk',
    ]);
    expect(first.body.matrix.units).toHaveLength(6);
    await get(`/plans/${planId}/dashboard?month=2026-07`)
      .set('If-None-Match', first.headers.etag!)
      .expect(304);

    // 白云镇 submits July (not approved yet): no longer missing, though no figure moved
    const missingBefore = first.body.missingReports.map((r: { unitId: number }) => r.unitId);
    expect(missingBefore).toContain(u.T03);
    await reportThroughApi(
      t.http,
      { reporter: auth.admin!, admin: auth.admin! },
      { planId, unitId: u.T03!, month: '2026-07', values: { [ind.DWZJ!]: '10000' } },
    );
    const submitted = await dashboard();
    expect(submitted.headers.etag).not.toBe(first.headers.etag);
    expect(submitted.body.missingReports.map((r: { unitId: number }) => r.unitId)).not.toContain(u.T03);
    expect(submitted.body.matrix).toEqual(first.body.matrix);
  });
});
