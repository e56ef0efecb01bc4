import { Clock } from '../src/common/clock/clock.service';
import type { PlanJobResult } from '../src/common/jobs/job-lock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { ReportsJobsService } from '../src/modules/reports/reports-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  type JobsCounty,
  seedJobsCounty,
  sharedClock,
  startReplicas,
  startWebhookSink,
  stopReplicas,
  type WebhookSink,
} from './factories/jobs.factory';
import { reportThroughApi } from './factories/report.factory';
import { bearer } from './factories/user.factory';

// REL-4: three API instances on one database tick every job at the same instant; each effect happens exactly once.
// The process runs in UTC; the clock is set in Asia/Shanghai wall-clock time.
process.env.TZ = 'UTC';

const clock = sharedClock('2026-12-01T00:10');

describe('scheduled jobs on three replicas (e2e)', () => {
  let replicas: TestApp[];
  let county: JobsCounty;
  let sink: WebhookSink;
  const auth: Record<string, string> = {};

  const db = () => replicas[0]!.dataSource;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db().query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const reports = () => replicas.map((r) => r.app.get(ReportsJobsService));
  const rankings = () => replicas.map((r) => r.app.get(MonthCloseJobsService));
  /** Per plan: the sorted statuses the replicas answered. */
  const statuses = (runs: PlanJobResult[][], planId: number) =>
    runs.map((results) => results.find((r) => r.planId === planId)?.status).sort();
  const jobRuns = (job: string) =>
    db().query(
      `SELECT plan_id AS "planId", period, finished_at IS NOT NULL AS finished FROM job_run WHERE job = $1 ORDER BY plan_id`,
      [job],
    );
  const auditRows = (action: string) =>
    db().query(
      `SELECT username, user_id AS "userId", request_id AS "requestId", object_type AS "objectType", detail
         FROM audit_event WHERE action = $1 ORDER BY id`,
      [action],
    );

  beforeAll(async () => {
    sink = await startWebhookSink();
    process.env.PACER_WEBHOOK_URL = sink.url; // read once by each instance as it starts
    try {
      replicas = await startReplicas(3, clock);
    } finally {
      delete process.env.PACER_WEBHOOK_URL;
    }
    county = await seedJobsCounty(db());
    for (const user of ['admin', 'rep_t01', 'rep_t02', 'rep_p01'])
      auth[user] = await bearer(replicas[0]!.http, user);
  }, 60_000);
  afterAll(async () => {
    await stopReplicas(replicas);
    await sink.close();
  });

  it('should open the month once: the drafts, their history, the audit event and one job_run row', async () => {
    clock.set('2026-12-01T00:10');
    const runs = await Promise.all(reports().map((jobs) => jobs.runOpenMonth()));

    for (const planId of [county.planId, county.otherPlanId]) {
      expect(statuses(runs, planId)).toEqual(['done', 'skipped', 'skipped']);
    }
    expect(await count(`monthly_report WHERE plan_id = $1 AND month = '2026-11'`, [county.planId])).toBe(5);
    expect(await count(`monthly_report WHERE plan_id = $1 AND month = '2026-11'`, [county.otherPlanId])).toBe(
      1,
    );
    expect(await count(`report_status_history WHERE action = 'create'`)).toBe(6);
    const audit = await auditRows('report.open_month');
    expect(audit).toHaveLength(2);
    expect(audit.map((a: { detail: { created: number } }) => a.detail.created).sort()).toEqual([1, 5]);
    for (const row of audit) {
      expect(row).toMatchObject({
        username: 'system',
        userId: null,
        requestId: 'job:reports.open-month:2026-11',
      });
    }
    expect(await jobRuns('reports.open-month')).toEqual([
      { planId: county.planId, period: '2026-11', finished: true },
      { planId: county.otherPlanId, period: '2026-11', finished: true },
    ]);
  });

  it('should remind only when due, once, each reporter of a unit not in, and push each reminder once', async () => {
    // 青山镇 reports on 2 December and is approved
    clock.set('2026-12-02T10:00');
    await reportThroughApi(
      replicas[1]!.http,
      { reporter: auth.rep_t02!, admin: auth.admin! },
      {
        planId: county.planId,
        unitId: county.units.T02!,
        month: '2026-11',
        values: {
          [county.indicators.XSLS!]: '3',
          [county.indicators.DWZJ!]: '12000',
          [county.indicators.WCPC!]: '2',
        },
        approve: true,
      },
    );
    // the submission (to the office) and the approval (to 青山镇) are pushed as they happen (issue 13); the reminders
    // are counted from here
    expect(sink.received.map((r) => r.body.notification.kind).sort()).toEqual(['report.approved', 'report.submitted']);
    sink.received.splice(0);

    clock.set('2026-12-02T23:59'); // three days before the deadline of 2026-12-05: not yet
    const early = await Promise.all(reports().map((jobs) => jobs.runRemind()));
    expect(early.flat().every((r) => r.status === 'not-due')).toBe(true);
    expect(await jobRuns('reports.remind')).toEqual([]);

    clock.set('2026-12-03T09:00');
    const runs = await Promise.all(reports().map((jobs) => jobs.runRemind()));
    expect(statuses(runs, county.planId)).toEqual(['done', 'skipped', 'skipped']);

    const sent: Array<{ username: string; unit: string; title: string; body: string; link: string }> =
      await db().query(
        `SELECT a.username, u.code AS unit, n.title, n.body, n.link FROM notification n
           JOIN app_user a ON a.id = n.user_id JOIN unit u ON u.id = n.unit_id
          WHERE n.kind = 'report.remind' AND n.month = '2026-11' ORDER BY a.username, u.code`,
      );
    // 青山镇 is in; 县发展和改革局 has no reporter; the park's reporter covers its 东区 too; 邻县's own plan
    expect(sent.map((s) => [s.username, s.unit])).toEqual([
      ['rep_lx01', 'LX01'],
      ['rep_p01', 'P01'],
      ['rep_p01', 'P01A'],
      ['rep_t01', 'T01'],
    ]);
    const t01 = sent.find((s) => s.unit === 'T01')!;
    expect(t01.title).toBe('月报提醒');
    expect(t01.body).toBe(
      '示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05。',
    );
    expect(t01.link).toBe(`/reports?planId=${county.planId}&month=2026-11&unitId=${county.units.T01}`);

    const audit = await auditRows('report.remind');
    expect(audit).toHaveLength(2);
    expect(audit.every((a: { username: string }) => a.username === 'system')).toBe(true);
    expect(await jobRuns('reports.remind')).toHaveLength(2);

    const ids: number[] = (
      await db().query(`SELECT id FROM notification WHERE kind = 'report.remind' ORDER BY id`)
    ).map((r: { id: string }) => Number(r.id));
    expect(sink.received.map((r) => r.body.notification.id).sort((a, b) => a - b)).toEqual(ids);
    expect(sink.received.map((r) => r.headers['x-pacer-notification-id']).sort()).toEqual(
      ids.map(String).sort(),
    );
  });

  it('should show each user only their own reminders, on whichever replica, and mark them read', async () => {
    const inbox = await replicas[2]!.http
      .get('/api/v1/notifications')
      .set('Authorization', auth.rep_p01!)
      .expect(200);
    expect(inbox.body.items.map((n: { unitId: number }) => n.unitId).sort()).toEqual(
      [county.units.P01!, county.units.P01A!].sort(),
    );
    expect(inbox.body.unread).toBe(2);
    await replicas[1]!.http
      .post(`/api/v1/notifications/${inbox.body.items[0].id}/read`)
      .set('Authorization', auth.rep_p01!)
      .expect(200, { marked: 1 });
    await replicas[0]!.http
      .get('/api/v1/notifications/unread-count')
      .set('Authorization', auth.rep_p01!)
      .expect(200, { unread: 1 });
  });

  it('should flag the never-submitted drafts late once after the deadline and tell the administrator once', async () => {
    const versionsBefore = await db().query(
      `SELECT id, version FROM monthly_report WHERE month = '2026-11' ORDER BY id`,
    );
    clock.set('2026-12-05T23:59'); // the deadline day is still on time
    const onTime = await Promise.all(reports().map((jobs) => jobs.runMarkLate()));
    expect(onTime.flat().every((r) => r.status === 'not-due')).toBe(true);

    clock.set('2026-12-06T00:20');
    const runs = await Promise.all(reports().map((jobs) => jobs.runMarkLate()));
    expect(statuses(runs, county.planId)).toEqual(['done', 'skipped', 'skipped']);

    const flags = await db().query(
      `SELECT u.code, r.is_late AS "isLate" FROM monthly_report r JOIN unit u ON u.id = r.unit_id
        WHERE r.month = '2026-11' ORDER BY u.code`,
    );
    expect(flags).toEqual([
      { code: 'D01', isLate: true },
      { code: 'LX01', isLate: true },
      { code: 'P01', isLate: true },
      { code: 'P01A', isLate: true },
      { code: 'T01', isLate: true },
      { code: 'T02', isLate: false },
    ]);
    // the system's flag does not bump the version: a reporter saving the draft meanwhile gets no conflict
    expect(
      await db().query(`SELECT id, version FROM monthly_report WHERE month = '2026-11' ORDER BY id`),
    ).toEqual(versionsBefore);

    const late = await db().query(
      `SELECT a.username, n.title, n.body, n.plan_id AS "planId" FROM notification n JOIN app_user a ON a.id = n.user_id
        WHERE n.kind = 'report.late' ORDER BY n.plan_id`,
    );
    expect(late).toEqual([
      {
        username: 'admin',
        title: '月报逾期',
        body: '示范县2026年度招商引资目标考核：2026年11月月报截止日期 2026-12-05 已过，以下 4 个单位尚未报送：城关镇、县发展和改革局、县经济开发区、开发区东区管委会。',
        planId: county.planId,
      },
      {
        username: 'admin',
        title: '月报逾期',
        body: '邻县2026年度招商引资目标考核：2026年11月月报截止日期 2026-12-05 已过，以下 1 个单位尚未报送：东关镇。',
        planId: county.otherPlanId,
      },
    ]);
    const audit = await auditRows('report.mark_late');
    expect(audit).toHaveLength(5);
    expect(
      audit.every(
        (a: { username: string; objectType: string }) => a.username === 'system' && a.objectType === 'report',
      ),
    ).toBe(true);
    expect(await jobRuns('reports.mark-late')).toHaveLength(2);
  });

  it('should close the month once on the close day and freeze one snapshot per plan', async () => {
    clock.set('2026-12-09T23:59');
    const early = await Promise.all(rankings().map((jobs) => jobs.runCloseMonth()));
    expect(early.flat().every((r) => r.status === 'not-due')).toBe(true);

    clock.set('2026-12-10T01:00');
    const runs = await Promise.all(rankings().map((jobs) => jobs.runCloseMonth()));
    expect(statuses(runs, county.planId)).toEqual(['done', 'skipped', 'skipped']);
    const done = runs.flat().find((r) => r.planId === county.planId && r.status === 'done')!;
    expect(done.result).toMatchObject({ closed: true, isReclose: false, month: '2026-11' });

    expect(await count(`ranking_snapshot WHERE month = '2026-11'`)).toBe(2);
    const audit = await auditRows('ranking.close');
    expect(audit).toHaveLength(2);
    for (const row of audit) {
      expect(row).toMatchObject({ username: 'system', requestId: 'job:rankings.close-month:2026-11' });
    }
    expect(await jobRuns('rankings.close-month')).toHaveLength(2);
    const ranking = await replicas[2]!.http
      .get(`/api/v1/plans/${county.planId}/ranking?month=2026-11`)
      .set('Authorization', auth.admin!)
      .expect(200);
    expect(ranking.body.isFrozen).toBe(true);
    // the draft 通报 after each close runs in the background of the replica that closed: it is done before the
    // next test compares every effect
    await Promise.all(replicas.map((r) => r.app.get(MonthCloseHooks).idle()));
    expect(await count(`briefing WHERE month = '2026-11'`)).toBe(2);
  });

  it('should do nothing on a later tick of every job for the same month, after a restart too', async () => {
    // a replica restarts (same database)
    await replicas[2]!.close();
    replicas[2] = await createTestApp({
      overrides: [{ provide: Clock, useValue: clock }],
      databaseUrl: replicas[0]!.databaseUrl,
    });
    const effects = async () => ({
      reports: await count('monthly_report'),
      lateFlags: await count('monthly_report WHERE is_late'),
      notifications: await count('notification'),
      audit: await count('audit_event'),
      snapshots: await db().query('SELECT id, version, computed_at FROM ranking_snapshot ORDER BY id'),
      jobRuns: await count('job_run'),
      pushes: sink.received.length,
    });
    const before = await effects();

    clock.set('2026-12-04T09:00'); // inside the reminder window again
    const remindAgain = await Promise.all(reports().map((jobs) => jobs.runRemind()));
    const openAgain = await Promise.all(reports().map((jobs) => jobs.runOpenMonth()));
    clock.set('2026-12-15T01:00');
    const lateAgain = await Promise.all(reports().map((jobs) => jobs.runMarkLate()));
    const closeAgain = await Promise.all(rankings().map((jobs) => jobs.runCloseMonth()));

    // concurrent replicas skip as 'locked' while one of them looks; nobody works
    for (const results of [remindAgain, openAgain, lateAgain, closeAgain].flat()) {
      for (const r of results) expect(r.status).toBe('skipped');
    }
    // the restarted replica alone: every job finds its committed run
    const restarted = [
      ...(await replicas[2]!.app.get(ReportsJobsService).runOpenMonth()),
      ...(await replicas[2]!.app.get(ReportsJobsService).runMarkLate()),
      ...(await replicas[2]!.app.get(MonthCloseJobsService).runCloseMonth()),
    ];
    expect(restarted.map((r) => r.reason)).toEqual(Array(6).fill('done-before'));
    expect(await effects()).toEqual(before);
  });
});
