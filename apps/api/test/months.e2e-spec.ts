import type { PlanMonthRow, PlanMonthsResponse } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import { type BriefingCounty, insertBriefingCounty } from './factories/briefing.factory';
import { insertRankingPlan } from './factories/ranking.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer } from './factories/user.factory';

// mid-July 2026: January to June have ended, July has not
const clock = { now: () => new Date('2026-07-15T02:00:00Z') };
type Who = 'admin' | 'leader' | 'sysadmin' | 'auditor' | 'rep_t01';

describe('GET /plans/:id/months: the month-close list (e2e)', () => {
  let t: TestApp;
  let c: BriefingCounty;
  const auth = {} as Record<Who, string>;
  const months = async (who: Who = 'admin', planId = c.planId): Promise<PlanMonthsResponse> =>
    (await t.http.get(`/api/v1/plans/${planId}/months`).set('Authorization', auth[who]).expect(200)).body;
  const monthOf = async (month: string, who: Who = 'admin'): Promise<PlanMonthRow> =>
    (await months(who)).items.find((m) => m.month === month)!;
  const close = (month: string, body: object = {}) =>
    t.http
      .post(`/api/v1/plans/${c.planId}/months/${month}/close`)
      .set('Authorization', auth.admin)
      .send(body);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    // 示范县: 4 towns and 2 departments; March approved for all six, June for 城关镇, 青山镇 and 县发展和改革局
    c = await insertBriefingCounty(t);
    for (const who of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01'] as Who[])
      auth[who] = await bearer(t.http, who);
  });
  // the draft 通报 of a close is written in the background: let it finish before the next step
  afterEach(() => t.app.get(MonthCloseHooks).idle());
  afterAll(() => t.close());

  it('should list the twelve months of the year, those before July ended, none closed yet', async () => {
    // 白云镇 has submitted June and waits for review; 石桥镇's June draft counts for nothing yet
    await t.dataSource.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month, status, submitted_at)
       VALUES ($1, $2, '2026-06', 'submitted', now()), ($1, $3, '2026-06', 'draft', NULL)`,
      [c.planId, c.u.T03, c.u.T04],
    );
    const res = await months();
    expect(res).toMatchObject({ planId: c.planId, year: 2026 });
    expect(res.items.map((m) => [m.month, m.isOver])).toEqual([
      ['2026-01', true],
      ['2026-02', true],
      ['2026-03', true],
      ['2026-04', true],
      ['2026-05', true],
      ['2026-06', true],
      ['2026-07', false],
      ['2026-08', false],
      ['2026-09', false],
      ['2026-10', false],
      ['2026-11', false],
      ['2026-12', false],
    ]);
    expect(
      res.items.every((m) => m.closedAt === null && m.snapshotVersion === null && m.briefing === null),
    ).toBe(true);
    const byMonth = new Map(res.items.map((m) => [m.month, m.reports]));
    expect(byMonth.get('2026-03')).toEqual({ approved: 6, submitted: 0, expected: 6 });
    expect(byMonth.get('2026-06')).toEqual({ approved: 3, submitted: 1, expected: 6 });
    expect(byMonth.get('2026-07')).toEqual({ approved: 0, submitted: 0, expected: 6 });
  });

  it('should show who closed a month and when, and its draft 通报 once written', async () => {
    await close('2026-06').expect(200);
    await t.app.get(MonthCloseHooks).idle();
    expect(await monthOf('2026-06')).toEqual({
      month: '2026-06',
      isOver: true,
      closedAt: '2026-07-15T02:00:00.000Z',
      closedBy: '招商局管理员',
      reason: null,
      snapshotVersion: 1,
      reports: { approved: 3, submitted: 1, expected: 6 },
      briefing: { draftVersion: 1, publishedVersion: null },
    });
  });

  it('should name no one for a month the month-close job froze', async () => {
    // 12 June, two days after May's close day: the job closes May
    await t.app.get(MonthCloseJobsService).runCloseMonth(new Date('2026-06-12T02:00:00Z'));
    await t.app.get(MonthCloseHooks).idle();
    expect(await monthOf('2026-05')).toMatchObject({
      closedAt: '2026-06-12T02:00:00.000Z',
      closedBy: null,
      snapshotVersion: 1,
      briefing: { draftVersion: 1, publishedVersion: null },
    });
  });

  it('should show the re-close reason, the new snapshot version, the published and the new draft 通报', async () => {
    await t.http
      .post(`/api/v1/plans/${c.planId}/months/2026-06/briefing/publish`)
      .set('Authorization', auth.admin)
      .send({ version: 1 })
      .expect(200);
    expect((await monthOf('2026-06')).briefing).toEqual({ draftVersion: null, publishedVersion: 1 });
    const reason = '白云镇6月月报经核实后补充审核，重新计算排名';
    await close('2026-06', { reason }).expect(200);
    await t.app.get(MonthCloseHooks).idle();
    expect(await monthOf('2026-06')).toMatchObject({
      closedBy: '招商局管理员',
      reason,
      snapshotVersion: 2,
      briefing: { draftVersion: 2, publishedVersion: 1 },
    });
    // a leader reads the same list, drafts included
    expect((await monthOf('2026-06', 'leader')).briefing).toEqual({ draftVersion: 2, publishedVersion: 1 });
  });

  it("should give a reporter its own unit's reports and the published 通报 only", async () => {
    const res = await months('rep_t01');
    const june = res.items.find((m) => m.month === '2026-06')!;
    expect(june.reports).toEqual({ approved: 1, submitted: 0, expected: 1 });
    expect(june.briefing).toEqual({ draftVersion: null, publishedVersion: 1 });
    // May has a draft only: nothing the reporter may read
    expect(res.items.find((m) => m.month === '2026-05')!.briefing).toBeNull();
    expect(june.snapshotVersion).toBe(2);
  });

  it('should refuse the roles without progress.read, and hide a plan the caller cannot see', async () => {
    for (const who of ['sysadmin', 'auditor'] as Who[]) {
      const res = await t.http.get(`/api/v1/plans/${c.planId}/months`).set('Authorization', auth[who]);
      expect(res.status).toBe(403);
    }
    const other = await insertUnits(t.dataSource, [{ code: 'HXX', name: '河西县', category: 'county' }]);
    const otherPlan = await insertRankingPlan(t.dataSource, { rootUnitId: other.HXX! });
    expect((await months('admin', otherPlan)).items).toHaveLength(12);
    const hidden = await t.http.get(`/api/v1/plans/${otherPlan}/months`).set('Authorization', auth.rep_t01);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'NOT_FOUND', message: '计划不存在' });
    const bad = await t.http.get('/api/v1/plans/abc/months').set('Authorization', auth.admin);
    expect(bad.status).toBe(400);
  });
});
