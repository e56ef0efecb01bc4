import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan, insertTarget, reportThroughApi } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

// the deadline check must hold with the server process in UTC (DATA-4), whatever this machine's zone
process.env.TZ = 'UTC';

/** A clock the tests move: the process runs in UTC, business dates are Asia/Shanghai. */
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };

describe('monthly reports (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  let otherPlanIndicator: number;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, [
      ...SMALL_COUNTY,
      { code: 'T03', name: '旧城镇（已撤并）', category: 'town', parent: 'XIAN' },
      { code: 'OTHER', name: '邻县', category: 'county' },
    ]);
    await t.dataSource.query('UPDATE unit SET is_active = false WHERE id = $1', [units.T03]);
    await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, {
      username: 'rep_p01',
      roles: ['reporter'],
      unitIds: [units.P01!],
      displayName: '开发区填报员',
    });
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    await insertTarget(t.dataSource, planId, units.T01!, ind.XSLS!, '40');
    const otherPlan = await insertPlan(t.dataSource, { rootUnitId: units.OTHER! });
    otherPlanIndicator = (
      await insertIndicators(t.dataSource, otherPlan, [
        { code: 'XSLS', name: '项目线索', measure: '条', kind: 'count', source: 'reported' },
      ])
    ).XSLS!;
    for (const user of ['admin', 'leader', 'sysadmin', 'rep_t01', 'rep_t02', 'rep_p01'])
      auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const allValues = (xsls: string, dwzj: string, wcpc: string) => [
    { indicatorId: ind.XSLS!, value: xsls },
    { indicatorId: ind.DWZJ!, value: dwzj },
    { indicatorId: ind.WCPC!, value: wcpc },
  ];
  const reportRow = async (id: number) =>
    (
      await t.dataSource.query(
        'SELECT status, version, is_late, returned_reason, progress_text FROM monthly_report WHERE id = $1',
        [id],
      )
    )[0];
  const valuesOf = async (id: number) =>
    t.dataSource.query(
      'SELECT indicator_id, value::text FROM report_value WHERE report_id = $1 ORDER BY indicator_id',
      [id],
    );
  const ytdOf = async (unitId: number, indicatorId: number, monthNo: number) =>
    (
      await t.dataSource.query(
        'SELECT coalesce(sum(value), 0)::text AS v FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = $4',
        [planId, unitId, indicatorId, monthNo],
      )
    )[0].v as string;
  const auditCount = async () =>
    Number((await t.dataSource.query('SELECT count(*) FROM audit_event'))[0].count);
  const reportOf = async (unit: string, month: string) =>
    (
      await t.dataSource.query(
        'SELECT id FROM monthly_report WHERE plan_id = $1 AND unit_id = $2 AND month = $3',
        [planId, units[unit], month],
      )
    )[0]?.id as number | undefined;

  describe('opening a month', () => {
    it('should create a draft for every active unit under the root, once, with history and audit', async () => {
      const first = await t.http
        .post(`/api/v1/plans/${planId}/months/2026-10/open`)
        .set('Authorization', auth.admin!)
        .expect(200);
      expect(first.body).toEqual({ planId, month: '2026-10', created: 5, reportingUnits: 5 });
      const again = await t.http
        .post(`/api/v1/plans/${planId}/months/2026-10/open`)
        .set('Authorization', auth.admin!)
        .expect(200);
      expect(again.body.created).toBe(0);
      const rows = await t.dataSource.query(
        `SELECT u.code, r.status FROM monthly_report r JOIN unit u ON u.id = r.unit_id WHERE r.plan_id = $1 AND r.month = '2026-10' ORDER BY u.code`,
        [planId],
      );
      // neither the county itself nor the inactive 旧城镇 reports
      expect(rows).toEqual(['D01', 'P01', 'P01A', 'T01', 'T02'].map((code) => ({ code, status: 'draft' })));
      const history = await t.dataSource.query(
        `SELECT h.action, h.from_status, h.to_status FROM report_status_history h JOIN monthly_report r ON r.id = h.report_id
          WHERE r.plan_id = $1 AND r.month = '2026-10'`,
        [planId],
      );
      expect(history).toHaveLength(5);
      expect(
        history.every(
          (h: { action: string; from_status: null; to_status: string }) =>
            h.action === 'create' && h.to_status === 'draft',
        ),
      ).toBe(true);
      const audit = await t.dataSource.query(
        `SELECT detail FROM audit_event WHERE action = 'report.open_month' ORDER BY id`,
      );
      expect(audit.map((a: { detail: { created: number } }) => a.detail.created)).toEqual([5, 0]);
    });

    it('should refuse a future month, a month outside the plan year and a malformed month', async () => {
      const future = await t.http
        .post(`/api/v1/plans/${planId}/months/2026-12/open`)
        .set('Authorization', auth.admin!)
        .expect(422);
      expect(future.body.details[0].field).toBe('month');
      const lastYear = await t.http
        .post(`/api/v1/plans/${planId}/months/2025-10/open`)
        .set('Authorization', auth.admin!)
        .expect(400);
      expect(lastYear.body.details[0].field).toBe('month');
      const bad = await t.http
        .post(`/api/v1/plans/${planId}/months/2026-13/open`)
        .set('Authorization', auth.admin!)
        .expect(400);
      expect(bad.body.details[0].field).toBe('month');
      const count = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM monthly_report WHERE month IN ('2026-12', '2025-10')`,
      );
      expect(count[0].n).toBe(0);
    });

    it('should let only an admin open a month', async () => {
      await t.http
        .post(`/api/v1/plans/${planId}/months/2026-09/open`)
        .set('Authorization', auth.leader!)
        .expect(403);
      await t.http
        .post(`/api/v1/plans/${planId}/months/2026-09/open`)
        .set('Authorization', auth.rep_t01!)
        .expect(403);
      expect(await reportOf('T01', '2026-09')).toBeUndefined();
    });
  });

  describe('the month list', () => {
    it('should list every report with status and the reporting units without one', async () => {
      const res = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-10`)
        .set('Authorization', auth.leader!)
        .expect(200);
      expect(res.body.deadline).toBe('2026-11-05');
      expect(res.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual([
        'T01',
        'T02',
        'D01',
        'P01',
        'P01A',
      ]);
      expect(res.body.items[0]).toMatchObject({
        planId,
        unitName: '城关镇',
        unitCategory: 'town',
        status: 'draft',
        isLate: false,
        version: 1,
      });
      expect(res.body.missingUnitIds).toEqual([]);
      const sept = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-09`)
        .set('Authorization', auth.admin!)
        .expect(200);
      expect(sept.body.items).toEqual([]);
      expect(sept.body.missingUnitIds).toEqual([units.T01, units.T02, units.D01, units.P01, units.P01A]);
    });

    it("should show a reporter only its own units' rows", async () => {
      const res = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-10`)
        .set('Authorization', auth.rep_t01!)
        .expect(200);
      expect(res.body.items.map((r: { unitId: number }) => r.unitId)).toEqual([units.T01]);
      const sept = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-09`)
        .set('Authorization', auth.rep_t01!)
        .expect(200);
      expect(sept.body.missingUnitIds).toEqual([units.T01]);
    });

    it('should validate the month and the plan', async () => {
      for (const month of ['2026-13', '2026-1', '', 'abc']) {
        const res = await t.http
          .get(`/api/v1/plans/${planId}/reports?month=${month}`)
          .set('Authorization', auth.admin!)
          .expect(400);
        expect(res.body.details[0].field).toBe('month');
      }
      const outside = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2027-01`)
        .set('Authorization', auth.admin!)
        .expect(400);
      expect(outside.body.details[0].field).toBe('month');
      await t.http
        .get('/api/v1/plans/99999/reports?month=2026-10')
        .set('Authorization', auth.admin!)
        .expect(404);
      await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-10`)
        .set('Authorization', auth.sysadmin!)
        .expect(403);
    });
  });

  describe('get-or-create a draft', () => {
    it("should create a reporter's own draft once and answer the same report afterwards", async () => {
      const first = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.rep_t01!)
        .send({ unitId: units.T01, month: '2026-09' })
        .expect(201);
      expect(first.body).toMatchObject({
        unitId: units.T01,
        month: '2026-09',
        status: 'draft',
        version: 1,
        canEdit: true,
      });
      expect(first.body.history).toEqual([
        expect.objectContaining({ action: 'create', toStatus: 'draft', userName: '城关镇填报员' }),
      ]);
      const second = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.rep_t01!)
        .send({ unitId: units.T01, month: '2026-09' })
        .expect(201);
      expect(second.body.id).toBe(first.body.id);
      const audits = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'report.create' AND object_id = $1`,
        [String(first.body.id)],
      );
      expect(audits[0].n).toBe(1);
    });

    it('should answer 404 for another unit and 422 for the root or an inactive unit, creating nothing', async () => {
      await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.rep_t01!)
        .send({ unitId: units.T02, month: '2026-09' })
        .expect(404);
      expect(await reportOf('T02', '2026-09')).toBeUndefined();
      for (const unit of ['XIAN', 'T03', 'OTHER']) {
        const res = await t.http
          .post(`/api/v1/plans/${planId}/reports`)
          .set('Authorization', auth.admin!)
          .send({ unitId: units[unit], month: '2026-09' })
          .expect(422);
        expect(res.body.details[0].field).toBe('unitId');
      }
      const bad = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.rep_t01!)
        .send({ unitId: units.T01, month: '2026-13' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('month');
      await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.leader!)
        .send({ unitId: units.T01, month: '2026-08' })
        .expect(403);
      expect(await reportOf('T01', '2026-08')).toBeUndefined();
    });
  });

  describe('the workflow', () => {
    it('should go draft → submitted → returned → resubmitted → approved → locked → unlocked → editable', async () => {
      const id = (await reportOf('T01', '2026-10'))!;
      const saved = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({
          version: 1,
          values: allValues('3', '1200.5', '2'),
          progressText: '新增项目线索3条，赴深圳招商2批次。',
          problemsText: '',
          nextPlanText: '跟进电池材料项目。',
        })
        .expect(200);
      expect(saved.body).toMatchObject({
        status: 'draft',
        version: 2,
        progressText: '新增项目线索3条，赴深圳招商2批次。',
      });
      expect(saved.body.values).toEqual(allValues('3', '1200.5', '2'));
      const line = saved.body.lines.find((l: { code: string }) => l.code === 'XSLS');
      expect(line).toMatchObject({ value: '3', approvedYtdBefore: '0', target: '40', name: '项目线索' });
      expect(saved.body.lines.map((l: { code: string }) => l.code)).toEqual(['XSLS', 'DWZJ', 'WCPC']);

      const submitted = await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 2 })
        .expect(200);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        version: 3,
        isLate: false,
        canEdit: false,
      });

      const noReason = await t.http
        .post(`/api/v1/reports/${id}/return`)
        .set('Authorization', auth.admin!)
        .send({ version: 3, reason: '  ' })
        .expect(400);
      expect(noReason.body.details[0].field).toBe('reason');
      const returned = await t.http
        .post(`/api/v1/reports/${id}/return`)
        .set('Authorization', auth.admin!)
        .send({ version: 3, reason: '实际到位资金缺少银行进账单佐证' })
        .expect(200);
      expect(returned.body).toMatchObject({
        status: 'returned',
        returnedReason: '实际到位资金缺少银行进账单佐证',
        version: 4,
      });

      const mine = await t.http.get(`/api/v1/reports/${id}`).set('Authorization', auth.rep_t01!).expect(200);
      expect(mine.body.canEdit).toBe(true);
      const fixed = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 4, values: allValues('3', '1300', '2') })
        .expect(200);
      // a returned report is edited like a draft and keeps its reason until resubmitted; texts left out are kept
      expect(fixed.body).toMatchObject({
        status: 'returned',
        version: 5,
        progressText: '新增项目线索3条，赴深圳招商2批次。',
      });
      const resubmitted = await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 5 })
        .expect(200);
      expect(resubmitted.body).toMatchObject({ status: 'submitted', returnedReason: null });

      const approved = await t.http
        .post(`/api/v1/reports/${id}/approve`)
        .set('Authorization', auth.admin!)
        .send({ version: 6 })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', version: 7, canEdit: false });
      expect(approved.body.approvedAt).toBe(clock.instant.toISOString());
      const ytd = await t.dataSource.query(
        `SELECT value::text FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 10`,
        [planId, units.XIAN, ind.DWZJ],
      );
      expect(ytd).toEqual([{ value: '1300.00000000' }]);

      const locked = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 7, values: allValues('9', '9', '9') })
        .expect(422);
      expect(locked.body.code).toBe('REPORT_NOT_EDITABLE');
      await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.admin!)
        .send({ version: 7, values: allValues('9', '9', '9') })
        .expect(422);
      await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 7 })
        .expect(422);
      expect(await valuesOf(id)).toEqual([
        { indicator_id: ind.XSLS, value: '3.0000' },
        { indicator_id: ind.DWZJ, value: '1300.0000' },
        { indicator_id: ind.WCPC, value: '2.0000' },
      ]);

      await t.http
        .post(`/api/v1/reports/${id}/unlock`)
        .set('Authorization', auth.admin!)
        .send({ version: 7 })
        .expect(400);
      await t.http
        .post(`/api/v1/reports/${id}/unlock`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 7, reason: '数据有误' })
        .expect(403);
      const unlocked = await t.http
        .post(`/api/v1/reports/${id}/unlock`)
        .set('Authorization', auth.admin!)
        .send({ version: 7, reason: '县统计局核定到位资金为1250万元，需更正' })
        .expect(200);
      expect(unlocked.body).toMatchObject({ status: 'draft', canEdit: true, version: 8, approvedAt: null });
      const after = await t.dataSource.query(
        `SELECT value::text FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 10`,
        [planId, units.XIAN, ind.DWZJ],
      );
      expect(after).toEqual([{ value: '0.00000000' }]);
      await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 8, values: allValues('3', '1250', '2') })
        .expect(200);

      const history = (
        await t.http.get(`/api/v1/reports/${id}`).set('Authorization', auth.admin!).expect(200)
      ).body.history;
      expect(
        history.map((h: { action: string; fromStatus: string | null; toStatus: string }) => [
          h.action,
          h.fromStatus,
          h.toStatus,
        ]),
      ).toEqual([
        ['create', null, 'draft'],
        ['submit', 'draft', 'submitted'],
        ['return', 'submitted', 'returned'],
        ['submit', 'returned', 'submitted'],
        ['approve', 'submitted', 'approved'],
        ['unlock', 'approved', 'draft'],
      ]);
      expect(history[5]).toMatchObject({
        reason: '县统计局核定到位资金为1250万元，需更正',
        userName: '招商局管理员',
      });

      const audit = await t.dataSource.query(
        `SELECT action, username, before->>'status' AS before, after->>'status' AS after, detail->>'reason' AS reason
           FROM audit_event WHERE object_type = 'report' AND object_id = $1 ORDER BY id`,
        [String(id)],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'report.update',
        'report.submit',
        'report.return',
        'report.update',
        'report.submit',
        'report.approve',
        'report.unlock',
        'report.update',
      ]);
      expect(audit[2]).toMatchObject({
        username: 'admin',
        before: 'submitted',
        after: 'returned',
        reason: '实际到位资金缺少银行进账单佐证',
      });
      expect(audit[6]).toMatchObject({
        before: 'approved',
        after: 'draft',
        reason: '县统计局核定到位资金为1250万元，需更正',
      });
    });

    it('should refuse a submission with missing values, listing them, and change nothing', async () => {
      const id = (await reportOf('T02', '2026-10'))!;
      await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: 1, values: [{ indicatorId: ind.XSLS, value: '0' }] })
        .expect(200);
      const res = await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: 2 })
        .expect(422);
      expect(res.body.code).toBe('REPORT_INCOMPLETE');
      expect(res.body.message).toContain('DWZJ 实际到位资金');
      expect(res.body.message).toContain('WCPC 外出招商批次');
      expect(res.body.message).not.toContain('XSLS');
      expect(res.body.details).toHaveLength(2);
      expect(await reportRow(id)).toMatchObject({ status: 'draft', version: 2 });
      // no skipped steps: a draft cannot be approved or returned
      const skip = await t.http
        .post(`/api/v1/reports/${id}/approve`)
        .set('Authorization', auth.admin!)
        .send({ version: 2 })
        .expect(422);
      expect(skip.body.code).toBe('REPORT_WRONG_STATUS');
      await t.http
        .post(`/api/v1/reports/${id}/return`)
        .set('Authorization', auth.admin!)
        .send({ version: 2, reason: '退回' })
        .expect(422);
      expect(await reportRow(id)).toMatchObject({ status: 'draft', version: 2 });
    });

    it('should roll the whole approval back when its audit event cannot be written', async () => {
      const id = await reportThroughApi(
        t.http,
        { reporter: auth.rep_t02!, admin: auth.admin! },
        {
          planId,
          unitId: units.T02!,
          month: '2026-08',
          values: { [ind.XSLS!]: '6', [ind.DWZJ!]: '500', [ind.WCPC!]: '1' },
        },
      );
      const before = await reportRow(id);
      expect(before.status).toBe('submitted');
      const ytdBefore = await ytdOf(units.T02!, ind.XSLS!, 8);
      const history = async () =>
        (
          await t.dataSource.query(
            'SELECT count(*)::int AS n FROM report_status_history WHERE report_id = $1',
            [id],
          )
        )[0].n;
      const historyBefore = await history();
      await t.ownerDataSource.query(`
        CREATE FUNCTION fail_approve_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
      await t.ownerDataSource.query(`
        CREATE TRIGGER fail_approve_audit BEFORE INSERT ON audit_event
        FOR EACH ROW WHEN (NEW.action = 'report.approve') EXECUTE FUNCTION fail_approve_audit()`);
      try {
        await t.http
          .post(`/api/v1/reports/${id}/approve`)
          .set('Authorization', auth.admin!)
          .send({ version: before.version })
          .expect(500);
      } finally {
        await t.ownerDataSource.query('DROP TRIGGER fail_approve_audit ON audit_event');
        await t.ownerDataSource.query('DROP FUNCTION fail_approve_audit()');
      }
      expect(await reportRow(id)).toEqual(before);
      expect(await history()).toBe(historyBefore);
      // the summary was not refreshed with August's 6 leads either
      expect(await ytdOf(units.T02!, ind.XSLS!, 8)).toBe(ytdBefore);
    });

    it('should never let a reporter approve or return, not even its own report; a leader reads only', async () => {
      const own = (await reportOf('T01', '2026-09'))!;
      await t.http
        .put(`/api/v1/reports/${own}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 1, values: allValues('1', '0', '0') })
        .expect(200);
      await t.http
        .post(`/api/v1/reports/${own}/submit`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 2 })
        .expect(200);
      const before = await reportRow(own);
      expect(before.status).toBe('submitted');
      const deniedBefore = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE result = 'denied'`,
      );
      await t.http
        .post(`/api/v1/reports/${own}/approve`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 3 })
        .expect(403);
      await t.http
        .post(`/api/v1/reports/${own}/return`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: 3, reason: '自己退回' })
        .expect(403);
      await t.http
        .post(`/api/v1/reports/${own}/approve`)
        .set('Authorization', auth.leader!)
        .send({ version: 3 })
        .expect(403);
      expect(await reportRow(own)).toEqual(before);
      // each refusal is audited as denied
      const deniedAfter = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE result = 'denied'`,
      );
      expect(deniedAfter[0].n).toBe(deniedBefore[0].n + 3);

      const d01 = (await reportOf('D01', '2026-10'))!;
      const read = await t.http.get(`/api/v1/reports/${d01}`).set('Authorization', auth.leader!).expect(200);
      expect(read.body.canEdit).toBe(false);
      await t.http
        .put(`/api/v1/reports/${d01}`)
        .set('Authorization', auth.leader!)
        .send({ version: 1, values: [] })
        .expect(403);
      await t.http
        .post(`/api/v1/reports/${d01}/submit`)
        .set('Authorization', auth.leader!)
        .send({ version: 1 })
        .expect(403);
      expect((await reportRow(d01)).version).toBe(1);
    });

    it("should answer 404 for another unit's report on every route and leave it unchanged", async () => {
      const id = (await reportOf('T02', '2026-10'))!;
      const before = await reportRow(id);
      const values = await valuesOf(id);
      await t.http.get(`/api/v1/reports/${id}`).set('Authorization', auth.rep_t01!).expect(404);
      await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: before.version, values: allValues('9', '9', '9') })
        .expect(404);
      await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: before.version })
        .expect(404);
      expect(await reportRow(id)).toEqual(before);
      expect(await valuesOf(id)).toEqual(values);
      await t.http.get('/api/v1/reports/abc').set('Authorization', auth.admin!).expect(400);
      await t.http.get('/api/v1/reports/999999').set('Authorization', auth.admin!).expect(404);
    });

    it('should answer 409 to a stale version and change nothing', async () => {
      const id = (await reportOf('T02', '2026-10'))!;
      const before = await reportRow(id);
      const values = await valuesOf(id);
      const res = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: before.version - 1, values: allValues('5', '5', '5'), progressText: '覆盖' })
        .expect(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
      await t.http
        .post(`/api/v1/reports/${id}/submit`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: before.version + 1 })
        .expect(409);
      expect(await reportRow(id)).toEqual(before);
      expect(await valuesOf(id)).toEqual(values);
    });

    it('should let exactly one of two parallel saves win', async () => {
      const id = (await reportOf('P01A', '2026-10'))!;
      const admin = auth.admin!;
      const results = await Promise.all(
        ['12', '34'].map((v) =>
          t.http
            .put(`/api/v1/reports/${id}`)
            .set('Authorization', admin)
            .send({ version: 1, values: allValues(v, '0', '0') }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await reportRow(id)).version).toBe(2);
    });
  });

  describe('bad input to PUT /reports/:id', () => {
    const base = () => ({ version: 1, values: [{ indicatorId: ind.XSLS!, value: '1' }] });
    const cases: Array<[string, () => unknown, string]> = [
      [
        'NaN as text',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: 'NaN' }] }),
        'values.0.value',
      ],
      [
        'NaN as a number (null in JSON)',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: Number.NaN }] }),
        'values.0.value',
      ],
      [
        'a negative number',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: -1 }] }),
        'values.0.value',
      ],
      [
        'a negative text',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: '-1' }] }),
        'values.0.value',
      ],
      ['1e309', () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: '1e309' }] }), 'values.0.value'],
      [
        'thousands separators',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: '1,000' }] }),
        'values.0.value',
      ],
      [
        'five decimals',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: '0.00001' }] }),
        'values.0.value',
      ],
      ['an unknown top-level field', () => ({ ...base(), status: 'approved' }), 'status'],
      [
        'an unknown field in a value',
        () => ({ ...base(), values: [{ indicatorId: ind.XSLS, value: '1', unitId: 3 }] }),
        'values.0.unitId',
      ],
      [
        'an indicator of another plan',
        () => ({ ...base(), values: [{ indicatorId: otherPlanIndicator, value: '1' }] }),
        'values.0.indicatorId',
      ],
      [
        'a ledger indicator of this plan',
        () => ({ ...base(), values: [{ indicatorId: ind.QYGS, value: '1' }] }),
        'values.0.indicatorId',
      ],
      [
        'a duplicate indicator',
        () => ({
          ...base(),
          values: [
            { indicatorId: ind.XSLS, value: '1' },
            { indicatorId: ind.XSLS, value: '2' },
          ],
        }),
        'values.1.indicatorId',
      ],
      [
        'a text id',
        () => ({ ...base(), values: [{ indicatorId: '5', value: '1' }] }),
        'values.0.indicatorId',
      ],
      ['no version', () => ({ values: [] }), 'version'],
      ['a text version', () => ({ ...base(), version: '1' }), 'version'],
      ['values not a list', () => ({ ...base(), values: { indicatorId: ind.XSLS, value: '1' } }), 'values'],
      ['no values', () => ({ version: 1 }), 'values'],
      ['a text over 5000 characters', () => ({ ...base(), problemsText: '问'.repeat(5001) }), 'problemsText'],
    ];

    it.each(cases)(
      'should refuse %s with 400 naming the field, and write nothing',
      async (_name, body, field) => {
        const id = (await reportOf('D01', '2026-10'))!;
        const before = await reportRow(id);
        const audits = await auditCount();
        const res = await t.http
          .put(`/api/v1/reports/${id}`)
          .set('Authorization', auth.admin!)
          .send(body() as object)
          .expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
        expect(await reportRow(id)).toEqual(before);
        expect(await valuesOf(id)).toEqual([]);
        expect(await auditCount()).toBe(audits);
      },
    );
  });

  describe('late submission (the server in UTC, the deadline in Asia/Shanghai)', () => {
    it('should be on time at 23:59:59 on the deadline day in Shanghai and late one second later', async () => {
      const submitOctober = async (unit: string, reporter: string, values?: ReturnType<typeof allValues>) => {
        const id = (await reportOf(unit, '2026-10'))!;
        let version = (await reportRow(id)).version as number;
        if (values) {
          version = (
            await t.http
              .put(`/api/v1/reports/${id}`)
              .set('Authorization', reporter)
              .send({ version, values })
              .expect(200)
          ).body.version;
        }
        return (
          await t.http
            .post(`/api/v1/reports/${id}/submit`)
            .set('Authorization', reporter)
            .send({ version })
            .expect(200)
        ).body;
      };
      clock.instant = new Date('2026-11-05T15:59:59Z'); // Nov 5, 23:59:59 in Shanghai
      expect((await submitOctober('P01', auth.rep_p01!, allValues('2', '800', '1'))).isLate).toBe(false);

      clock.instant = new Date('2026-11-05T16:00:00Z'); // Nov 6, 00:00:00 in Shanghai
      expect((await submitOctober('T02', auth.rep_t02!, allValues('1', '0', '1'))).isLate).toBe(true);
      // T01 first submitted on Nov 3, then returned, approved and unlocked: lateness stays that of the first submission
      expect((await submitOctober('T01', auth.rep_t01!)).isLate).toBe(false);

      const list = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-10`)
        .set('Authorization', auth.admin!)
        .expect(200);
      const lateness = Object.fromEntries(
        list.body.items.map((r: { unitCode: string; isLate: boolean }) => [r.unitCode, r.isLate]),
      );
      expect(lateness).toEqual({ T01: false, T02: true, D01: false, P01: false, P01A: false });
      const stored = await t.dataSource.query(`SELECT submitted_at FROM monthly_report WHERE id = $1`, [
        await reportOf('T02', '2026-10'),
      ]);
      expect(new Date(stored[0].submitted_at).toISOString()).toBe('2026-11-05T16:00:00.000Z');
    });
  });

  describe('the lines of a report', () => {
    it("should carry the unit's approved year-to-date before the month, not submitted figures", async () => {
      clock.instant = new Date('2026-11-20T02:00:00Z');
      const reporter = { reporter: auth.rep_t02!, admin: auth.admin! };
      const values = (x: string) => ({ [ind.XSLS!]: x, [ind.DWZJ!]: '100', [ind.WCPC!]: '1' });
      await reportThroughApi(t.http, reporter, {
        planId,
        unitId: units.T02!,
        month: '2026-01',
        values: values('3'),
        approve: true,
      });
      await reportThroughApi(t.http, reporter, {
        planId,
        unitId: units.T02!,
        month: '2026-02',
        values: values('2'),
        approve: true,
      });
      await reportThroughApi(t.http, reporter, {
        planId,
        unitId: units.T02!,
        month: '2026-03',
        values: values('4'),
      });
      const april = await t.http
        .post(`/api/v1/plans/${planId}/reports`)
        .set('Authorization', auth.rep_t02!)
        .send({ unitId: units.T02, month: '2026-04' })
        .expect(201);
      const lines = Object.fromEntries(
        april.body.lines.map((l: { code: string; approvedYtdBefore: string; value: string | null }) => [
          l.code,
          l,
        ]),
      );
      expect(lines.XSLS).toMatchObject({ approvedYtdBefore: '5', value: null, target: null });
      expect(lines.DWZJ.approvedYtdBefore).toBe('200');
    });
  });
});
