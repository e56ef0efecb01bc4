import { SchedulerRegistry } from '@nestjs/schedule';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { ReportsJobsService } from '../src/modules/reports/reports-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  type JobsCounty,
  seedJobsCounty,
  sharedClock,
  startReplicas,
  stopReplicas,
} from './factories/jobs.factory';
import { bearer } from './factories/user.factory';

// REL-4 when things go wrong: a failing job leaves nothing behind and the next run does the work; a replica that
// dies mid-job releases its lock with its connection; an administrator's own close is never repeated by the job.
process.env.TZ = 'UTC';

const clock = sharedClock('2026-11-01T00:10');

describe('scheduled jobs when things go wrong (e2e)', () => {
  let replicas: TestApp[];
  let county: JobsCounty;

  const db = () => replicas[0]!.dataSource;
  /** The schema owner: test triggers are DDL, which the app's runtime role may not do. */
  const owner = () => replicas[0]!.ownerDataSource;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db().query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const jobsOf = (i: number) => replicas[i]!.app.get(ReportsJobsService);
  const jobRun = (job: string, planId: number, period: string) =>
    count(`job_run WHERE job = $1 AND plan_id = $2 AND period = $3`, [job, planId, period]);

  beforeAll(async () => {
    replicas = await startReplicas(2, clock);
    county = await seedJobsCounty(db());
  }, 60_000);
  afterAll(() => stopReplicas(replicas));

  it('should leave no job_run row and no partial effect when the work fails, and complete on the next run', async () => {
    // the audit store refuses the open-month event of 示范县's plan: its drafts were already inserted by then
    await owner().query(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await owner().query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW
      WHEN (NEW.action = 'report.open_month' AND NEW.object_id = '${county.planId}') EXECUTE FUNCTION test_refuse_audit()`);
    clock.set('2026-11-01T00:10');
    const failed = await jobsOf(0).runOpenMonth();
    expect(failed.map((r) => [r.planId, r.status])).toEqual([
      [county.planId, 'failed'],
      [county.otherPlanId, 'done'], // one plan's failure does not stop the others
    ]);
    expect(await count(`monthly_report WHERE plan_id = $1`, [county.planId])).toBe(0);
    expect(await count('report_status_history')).toBe(1); // 邻县's one draft
    expect(await jobRun('reports.open-month', county.planId, '2026-10')).toBe(0);
    expect(await jobRun('reports.open-month', county.otherPlanId, '2026-10')).toBe(1);

    await owner().query('DROP TRIGGER test_refuse_audit ON audit_event');
    clock.set('2026-11-02T00:10'); // the next day's tick, on the other replica
    const resumed = await jobsOf(1).runOpenMonth();
    expect(resumed.map((r) => [r.planId, r.status, r.reason])).toEqual([
      [county.planId, 'done', undefined],
      [county.otherPlanId, 'skipped', 'done-before'],
    ]);
    expect(await count(`monthly_report WHERE plan_id = $1 AND month = '2026-10'`, [county.planId])).toBe(5);
    expect(await jobRun('reports.open-month', county.planId, '2026-10')).toBe(1);
    expect(await count(`audit_event WHERE action = 'report.open_month'`)).toBe(2);
  });

  it('should hold the lock while a replica works, release it when that replica dies, and let the next run finish', async () => {
    // 示范县's reminders stall inside the job's transaction, as a replica that hangs and is then killed
    await owner().query(`CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$`);
    await owner().query(`CREATE TRIGGER test_stall BEFORE INSERT ON notification FOR EACH ROW
      WHEN (NEW.plan_id = ${county.planId}) EXECUTE FUNCTION test_stall()`);
    clock.set('2026-11-03T09:00');
    const dying = jobsOf(0).runRemind();
    let stalled: Array<{ pid: number }> = [];
    for (let i = 0; i < 100 && stalled.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stalled = await db().query(
        `SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`,
      );
    }
    expect(stalled).toHaveLength(1);

    // meanwhile the other replica skips 示范县 (locked: not waiting) and does 邻县
    const meanwhile = await jobsOf(1).runRemind();
    expect(meanwhile.map((r) => [r.planId, r.status, r.reason])).toEqual([
      [county.planId, 'skipped', 'locked'],
      [county.otherPlanId, 'done', undefined],
    ]);
    expect(await jobRun('reports.remind', county.planId, '2026-10')).toBe(0); // not committed: invisible

    await owner().query('SELECT pg_terminate_backend($1)', [stalled[0]!.pid]);
    const died = await dying;
    expect(died.map((r) => [r.planId, r.status])).toEqual([
      [county.planId, 'failed'],
      [county.otherPlanId, 'skipped'],
    ]);
    expect(await count(`notification WHERE plan_id = $1`, [county.planId])).toBe(0);
    expect(await jobRun('reports.remind', county.planId, '2026-10')).toBe(0);
    expect(
      await count(`audit_event WHERE action = 'report.remind' AND object_id = $1`, [String(county.planId)]),
    ).toBe(0);

    await owner().query('DROP TRIGGER test_stall ON notification');
    clock.set('2026-11-04T09:00');
    const resumed = await jobsOf(0).runRemind(); // the same replica, its pool healed
    expect(resumed.map((r) => [r.planId, r.status, r.reason])).toEqual([
      [county.planId, 'done', undefined],
      [county.otherPlanId, 'skipped', 'done-before'],
    ]);
    const notified = await db().query(
      `SELECT a.username, count(*)::int AS n FROM notification n JOIN app_user a ON a.id = n.user_id
        WHERE n.plan_id = $1 AND n.month = '2026-10' GROUP BY a.username ORDER BY a.username`,
      [county.planId],
    );
    expect(notified).toEqual([
      { username: 'rep_p01', n: 2 },
      { username: 'rep_t01', n: 1 },
      { username: 'rep_t02', n: 1 },
    ]);
  });

  it('should record the run but never re-close a month an administrator closed first', async () => {
    clock.set('2026-11-05T10:00');
    const admin = await bearer(replicas[0]!.http, 'admin');
    await replicas[0]!.http
      .post(`/api/v1/plans/${county.planId}/months/2026-10/close`)
      .set('Authorization', admin)
      .send({})
      .expect(200);
    const frozen = await db().query(
      'SELECT id, version, computed_at FROM ranking_snapshot WHERE plan_id = $1',
      [county.planId],
    );

    clock.set('2026-11-10T01:00');
    const runs = await Promise.all(replicas.map((r) => r.app.get(MonthCloseJobsService).runCloseMonth()));
    const done = runs.flat().filter((r) => r.status === 'done');
    expect(done.map((r) => [r.planId, r.result])).toEqual(
      expect.arrayContaining([
        [county.planId, { closed: false, planId: county.planId, month: '2026-10', reason: 'frozenBefore' }],
        [county.otherPlanId, expect.objectContaining({ closed: true, isReclose: false })],
      ]),
    );
    expect(done).toHaveLength(2);
    expect(
      await db().query('SELECT id, version, computed_at FROM ranking_snapshot WHERE plan_id = $1', [
        county.planId,
      ]),
    ).toEqual(frozen);
    expect(await count(`audit_event WHERE action = 'ranking.reclose'`)).toBe(0);
    expect(await jobRun('rankings.close-month', county.planId, '2026-10')).toBe(1);
  });

  it('should register the six crons (with the leads’ reminder) in Asia/Shanghai, stopped in tests, and tick them through the job lock', async () => {
    const registry = replicas[0]!.app.get(SchedulerRegistry);
    const crons = [...registry.getCronJobs().entries()].map(([name, job]) => ({
      name,
      expression: job.cronTime.source,
      timeZone: job.cronTime.timeZone,
      isActive: job.isActive,
    }));
    expect(crons.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'audit.retention', expression: '30 3 * * *', timeZone: 'Asia/Shanghai', isActive: false },
      { name: 'leads.remind-next-steps', expression: '30 8 * * *', timeZone: 'Asia/Shanghai', isActive: false },
      { name: 'rankings.close-month', expression: '0 1 * * *', timeZone: 'Asia/Shanghai', isActive: false },
      { name: 'reports.mark-late', expression: '20 0 * * *', timeZone: 'Asia/Shanghai', isActive: false },
      { name: 'reports.open-month', expression: '10 0 * * *', timeZone: 'Asia/Shanghai', isActive: false },
      { name: 'reports.remind', expression: '0 9 * * *', timeZone: 'Asia/Shanghai', isActive: false },
    ]);
    // a tick as cron delivers it (with its own callback as the argument): opens November at the pinned instant
    clock.set('2026-12-01T00:10');
    await Promise.all(
      replicas.map((r) => r.app.get(SchedulerRegistry).getCronJob('reports.open-month').fireOnTick()),
    );
    expect(await count(`monthly_report WHERE month = '2026-11'`)).toBe(6);
    expect(await count(`job_run WHERE job = 'reports.open-month' AND period = '2026-11'`)).toBe(2);
    // the audit retention is off unless PACER_AUDIT_RETENTION_DAYS is set: its tick purges nothing
    const events = await count('audit_event');
    await replicas[0]!.app.get(SchedulerRegistry).getCronJob('audit.retention').fireOnTick();
    expect(await count('audit_event')).toBe(events);
    expect(await count(`audit_event WHERE action = 'audit.purge'`)).toBe(0);
  });

  it('should register no cron at all where PACER_JOBS is off', async () => {
    process.env.PACER_JOBS = '0';
    let app: TestApp | undefined;
    try {
      app = await createTestApp({
        overrides: [{ provide: Clock, useValue: clock }],
        databaseUrl: replicas[0]!.databaseUrl,
      });
    } finally {
      delete process.env.PACER_JOBS;
    }
    expect(app.app.get(SchedulerRegistry).getCronJobs().size).toBe(0);
    await app.close();
  });
});
