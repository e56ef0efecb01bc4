import { Logger } from '@nestjs/common';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  refreshYtd,
} from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { diffYtd, ytdFromScratch, ytdMaintained } from './support/ytd-from-scratch';

// early December 2026: September to November have ended
const clock = { now: () => new Date('2026-12-03T02:00:00Z') };

interface DriftDetail {
  planId: number;
  month: string;
  total: number;
  listed: number;
  rows: Array<{
    unitId: number;
    unitName: string;
    indicatorCode: string;
    month: string;
    maintained: { value: string; numerator: string | null; denominator: string | null } | null;
    rebuilt: { value: string; numerator: string | null; denominator: string | null } | null;
  }>;
}

/**
 * The month close compares the maintained year-to-date summary with a rebuild (docs/data-model.md): a drift — a bug of
 * the delta path — is logged, audited with both figures and told to every administrator before the rebuilt figures
 * replace it; a close without drift writes neither.
 */
describe('month close: the year-to-date summary drift check (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  let admins: number[];
  const auth: Record<string, string> = {};

  const close = (month: string, body: object = {}) =>
    t.http.post(`/api/v1/plans/${planId}/months/${month}/close`).set('Authorization', auth.admin!).send(body);
  const driftEvents = async () =>
    (await t.dataSource.query(
      `SELECT username, object_type AS "objectType", object_id AS "objectId", detail
         FROM audit_event WHERE action = 'ytd_summary.drift' ORDER BY id`,
    )) as Array<{ username: string; objectType: string; objectId: string; detail: DriftDetail }>;
  const driftNotices = async () =>
    (await t.dataSource.query(
      `SELECT user_id AS "userId", title, body, link, plan_id AS "planId", month
         FROM notification WHERE kind = 'summary.drift' ORDER BY id`,
    )) as Array<{ userId: number; title: string; body: string; link: string; planId: number; month: string }>;
  const summaryIsTheRebuild = async () =>
    diffYtd(await ytdMaintained(t.dataSource, planId), await ytdFromScratch(t.dataSource, planId));
  /** A figure of the maintained summary, as the owner sees it. */
  const figure = async (unitId: number, indicatorId: number, monthNo: number) =>
    (
      await t.ownerDataSource.query(
        `SELECT trim_scale(value)::text AS value, trim_scale(numerator)::text AS numerator,
              trim_scale(denominator)::text AS denominator
         FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = $4`,
        [planId, unitId, indicatorId, monthNo],
      )
    )[0] as { value: string; numerator: string | null; denominator: string | null } | undefined;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, {
      username: 'admin_review',
      roles: ['admin'],
      displayName: '招商局审核员',
    });
    // an administrator who left: no notice for them
    const left = await insertUser(t.dataSource, {
      username: 'admin_left',
      roles: ['admin'],
      displayName: '原招商局管理员',
    });
    await t.dataSource.query('UPDATE app_user SET is_active = false WHERE id = $1', [left]);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, [
      ...RANKING_INDICATORS,
      {
        code: 'ZJDWL',
        name: '资金到位率',
        measure: '%',
        kind: 'ratio',
        source: 'formula',
        formula: { kind: 'ratio', numerator: 'DWZJ', denominator: 'QYZTZ' },
      },
    ]);
    const september: Array<[string, string]> = [
      ['T01', '50000'],
      ['T02', '40000'],
      ['T03', '30000'],
      ['D01', '20000'],
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
    admins = (
      await t.dataSource.query(`SELECT id FROM app_user WHERE is_active AND 'admin' = ANY(roles) ORDER BY id`)
    ).map((r: { id: number }) => r.id);
    auth.admin = await bearer(t.http, 'admin');
  });
  /** What CloseSummaryCheck logged at this level since the spy was set. */
  const logged = (spy: jest.SpyInstance) =>
    spy.mock.calls.filter(
      (_, i) => (spy.mock.contexts[i] as { context?: string }).context === 'CloseSummaryCheck',
    );
  let warn: jest.SpyInstance;
  let debug: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    debug = jest.spyOn(Logger.prototype, 'debug');
  });
  afterEach(() => {
    warn.mockRestore();
    debug.mockRestore();
    return t.app.get(MonthCloseHooks).idle();
  });
  afterAll(() => t.close());

  it('should close a month whose summary did not drift without a drift event or notice', async () => {
    await close('2026-09').expect(200);
    expect(logged(warn)).toEqual([]);
    expect(logged(debug)).toEqual([
      [
        { planId, month: '2026-09', ms: expect.any(Number) },
        'ytd_summary matches its rebuild at the month close',
      ],
    ]);
    expect(await driftEvents()).toEqual([]);
    expect(await driftNotices()).toEqual([]);
    expect(await summaryIsTheRebuild()).toEqual([]);
  });

  it('should report a planted drift (a changed figure, a missing row, a formula part) with both figures, then use the rebuild', async () => {
    // what a bug of the delta path would leave: 城关镇's 到位资金 for October off by 1亿, 青山镇's November row gone,
    // 白云镇's 资金到位率 in October with another denominator (the same value: only a part differs)
    expect(await figure(u.T01!, ind.DWZJ!, 10)).toEqual({
      value: '50000',
      numerator: null,
      denominator: null,
    });
    expect(await figure(u.T02!, ind.DWZJ!, 11)).toEqual({
      value: '40000',
      numerator: null,
      denominator: null,
    });
    expect(await figure(u.T03!, ind.ZJDWL!, 10)).toEqual({
      value: '0',
      numerator: '30000',
      denominator: '0',
    });
    await t.ownerDataSource.query(
      `UPDATE ytd_summary SET value = 60000 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 10`,
      [planId, u.T01, ind.DWZJ],
    );
    await t.ownerDataSource.query(
      'DELETE FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 11',
      [planId, u.T02, ind.DWZJ],
    );
    await t.ownerDataSource.query(
      `UPDATE ytd_summary SET denominator = 1 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 10`,
      [planId, u.T03, ind.ZJDWL],
    );
    expect(await summaryIsTheRebuild()).toHaveLength(3);

    await close('2026-10').expect(200);

    // one structured warn line: the count and the first rows
    expect(logged(warn)).toEqual([
      [
        expect.objectContaining({
          planId,
          month: '2026-10',
          drifted: 3,
          firstRows: expect.arrayContaining([
            expect.objectContaining({ unitName: '城关镇', indicatorCode: 'DWZJ' }),
          ]),
        }),
        expect.stringContaining('ytd_summary drift at the month close: 3 row(s)'),
      ],
    ]);
    const events = await driftEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ username: 'admin', objectType: 'plan', objectId: String(planId) });
    const byUnit = [...events[0]!.detail.rows].sort((a, b) => a.unitId - b.unitId);
    expect(events[0]!.detail).toMatchObject({ planId, month: '2026-10', total: 3, listed: 3 });
    expect(byUnit).toEqual([
      {
        unitId: u.T01,
        unitName: '城关镇',
        indicatorCode: 'DWZJ',
        month: '2026-10',
        maintained: { value: '60000', numerator: null, denominator: null },
        rebuilt: { value: '50000', numerator: null, denominator: null },
      },
      {
        unitId: u.T02,
        unitName: '青山镇',
        indicatorCode: 'DWZJ',
        month: '2026-11',
        maintained: null,
        rebuilt: { value: '40000', numerator: null, denominator: null },
      },
      {
        unitId: u.T03,
        unitName: '白云镇',
        indicatorCode: 'ZJDWL',
        month: '2026-10',
        maintained: { value: '0', numerator: '30000', denominator: '1' },
        rebuilt: { value: '0', numerator: '30000', denominator: '0' },
      },
    ]);

    const notices = await driftNotices();
    expect(notices.map((n) => n.userId)).toEqual(admins);
    expect(admins).toHaveLength(2);
    for (const notice of notices) {
      expect(notice).toMatchObject({
        title: '累计汇总数据偏差',
        link: `/months?planId=${planId}`,
        planId,
        month: '2026-10',
      });
      expect(notice.body).toContain('有 3 个数与按原始数据重算的结果不一致');
      expect(notice.body).toContain('本次关账已采用重算后的数据');
    }

    // the close scored on, and left, the rebuilt figures
    expect(await summaryIsTheRebuild()).toEqual([]);
    expect(await figure(u.T01!, ind.DWZJ!, 10)).toEqual({
      value: '50000',
      numerator: null,
      denominator: null,
    });
    expect(await figure(u.T02!, ind.DWZJ!, 11)).toEqual({
      value: '40000',
      numerator: null,
      denominator: null,
    });
  });

  it('should find nothing on a re-close after the drift was replaced', async () => {
    await close('2026-10', { reason: '核对后重新关账' }).expect(200);
    expect(await driftEvents()).toHaveLength(1);
    expect(await driftNotices()).toHaveLength(2);
  });

  it('should report a drift found by the month-close job too, as the job', async () => {
    await t.ownerDataSource.query('UPDATE plan SET month_close_day = 1 WHERE id = $1', [planId]);
    await t.ownerDataSource.query(
      'UPDATE ytd_summary SET value = value + 2 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 11',
      [planId, u.XIAN, ind.WBQ],
    );
    const [result] = await t.app.get(MonthCloseJobsService).runCloseMonth(clock.now());
    expect(result).toMatchObject({ status: 'done', result: { closed: true, month: '2026-11' } });
    const events = await driftEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ username: 'system', objectType: 'plan', objectId: String(planId) });
    expect(events[1]!.detail).toMatchObject({
      month: '2026-11',
      total: 1,
      rows: [
        {
          unitId: u.XIAN,
          indicatorCode: 'WBQ',
          month: '2026-11',
          maintained: { value: '2', numerator: null, denominator: null },
          rebuilt: { value: '0', numerator: null, denominator: null },
        },
      ],
    });
    expect(await driftNotices()).toHaveLength(4);
    expect(await summaryIsTheRebuild()).toEqual([]);
  });
});
