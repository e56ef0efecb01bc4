import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan, insertTarget, reportThroughApi } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

process.env.TZ = 'UTC';
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };

/**
 * Entering a month's figures as a county office does (issue 14 points 7, 14–16, 6): plausibility on entry, the plan's
 * entry settings, PUT by unit and month, the paper report entered and approved in one call, batch approval.
 */
describe('entering and approving the month (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, { username: 'admin2', roles: ['admin'], displayName: '招商局审核员' });
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    // 实际到位资金 in 万元: 城关镇's year is 2亿元
    await insertTarget(t.dataSource, planId, units.T01!, ind.DWZJ!, '20000');
    for (const user of ['admin', 'admin2', 'leader', 'rep_t01', 'rep_t02'])
      auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const unitReport = (unit: string, month: string) =>
    `/api/v1/plans/${planId}/units/${units[unit]}/reports/${month}`;
  const values = (xsls: string, dwzj: string, wcpc: string) => [
    { indicatorId: ind.XSLS!, value: xsls },
    { indicatorId: ind.DWZJ!, value: dwzj },
    { indicatorId: ind.WCPC!, value: wcpc },
  ];
  const reportCount = async () =>
    Number((await t.dataSource.query('SELECT count(*) FROM monthly_report'))[0].count);
  const auditOf = (id: number) =>
    t.dataSource.query(
      `SELECT action FROM audit_event WHERE object_type = 'report' AND object_id = $1 ORDER BY id`,
      [String(id)],
    );
  const setPlan = (column: string, value: unknown) =>
    t.ownerDataSource.query(`UPDATE plan SET ${column} = $2 WHERE id = $1`, [planId, value]);

  describe('PUT by unit and month', () => {
    it('should create the draft when the unit has none, then save with the version like PUT /reports/:id', async () => {
      const first = await t.http
        .put(unitReport('T01', '2026-07'))
        .set('Authorization', auth.rep_t01!)
        .send({ values: values('3', '1200', '2'), progressText: '7月接洽客商5批次。' })
        .expect(200);
      expect(first.body).toMatchObject({ unitId: units.T01, month: '2026-07', status: 'draft', version: 2 });
      expect(first.body.values).toEqual(values('3', '1200', '2'));
      expect((await auditOf(first.body.id)).map((a: { action: string }) => a.action)).toEqual([
        'report.create',
        'report.update',
      ]);
      // the report exists now: a save without its version is refused, a stale one is a conflict
      const noVersion = await t.http
        .put(unitReport('T01', '2026-07'))
        .set('Authorization', auth.rep_t01!)
        .send({ values: values('4', '1200', '2') })
        .expect(400);
      expect(noVersion.body.details[0]).toMatchObject({ field: 'version', code: 'isDefined' });
      await t.http
        .put(unitReport('T01', '2026-07'))
        .set('Authorization', auth.rep_t01!)
        .send({ version: 1, values: values('4', '1200', '2') })
        .expect(409);
      const again = await t.http
        .put(unitReport('T01', '2026-07'))
        .set('Authorization', auth.rep_t01!)
        .send({ version: 2, values: values('4', '1200', '2') })
        .expect(200);
      expect(again.body.version).toBe(3);
    });

    it("should answer 404 for a unit outside the reporter's scope and write nothing", async () => {
      const n = await reportCount();
      await t.http
        .put(unitReport('T02', '2026-07'))
        .set('Authorization', auth.rep_t01!)
        .send({ values: values('1', '0', '0') })
        .expect(404);
      expect(await reportCount()).toBe(n);
    });
  });

  describe('plausibility on entry', () => {
    it('should refuse 1.5 条 for a count, naming the value (counts are whole numbers)', async () => {
      const res = await t.http
        .put(unitReport('T02', '2026-07'))
        .set('Authorization', auth.rep_t02!)
        .send({ values: values('1.5', '10', '1') })
        .expect(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'values.0.value', code: 'wholeNumber' }),
      ]);
    });

    it('should read full-width digits (３、１２．５) as the figures they are', async () => {
      const res = await t.http
        .put(unitReport('T02', '2026-07'))
        .set('Authorization', auth.rep_t02!)
        .send({ values: values('３', '１２．５', '１') })
        .expect(200);
      expect(res.body.values).toEqual(values('3', '12.5', '1'));
    });

    it('should ask to confirm a month above the annual target, then save it flagged for the reviewer', async () => {
      const id = (
        await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-07`).set('Authorization', auth.rep_t01!)
      ).body.items[0].id as number;
      const current = await t.http
        .get(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .expect(200);
      const refused = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: current.body.version, values: values('4', '25000', '2') })
        .expect(422);
      expect(refused.body.code).toBe('REPORT_NEEDS_CONFIRMATION');
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'values.1.value', code: 'aboveAnnualTarget' }),
      ]);
      expect(refused.body.details[0].message).toContain('实际到位资金');
      const confirmed = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: current.body.version, values: values('4', '25000', '2'), confirmWarnings: true })
        .expect(200);
      expect(confirmed.body.flags).toEqual([
        { indicatorId: ind.DWZJ, code: 'aboveAnnualTarget', value: '25000', reference: '20000' },
      ]);
      const list = await t.http
        .get(`/api/v1/plans/${planId}/reports?month=2026-07`)
        .set('Authorization', auth.admin!)
        .expect(200);
      expect(list.body.items.find((r: { id: number }) => r.id === id).flags).toHaveLength(1);
      // corrected: the flag goes with the figure
      const corrected = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t01!)
        .send({ version: confirmed.body.version, values: values('4', '2500', '2') })
        .expect(200);
      expect(corrected.body.flags).toEqual([]);
    });

    it("should ask to confirm a month far above the unit's usual month (the plan's spikeFactor, 0 = off)", async () => {
      for (const month of ['2026-05', '2026-06']) {
        await reportThroughApi(
          t.http,
          { reporter: auth.rep_t02!, admin: auth.admin! },
          {
            planId,
            unitId: units.T02!,
            month,
            values: { [ind.XSLS!]: '2', [ind.DWZJ!]: '100', [ind.WCPC!]: '1' },
            approve: true,
          },
        );
      }
      const id = (
        await t.http.get(`/api/v1/plans/${planId}/reports?month=2026-07`).set('Authorization', auth.rep_t02!)
      ).body.items[0].id as number;
      const current = await t.http
        .get(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t02!)
        .expect(200);
      const refused = await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: current.body.version, values: values('2', '1000', '1') })
        .expect(422);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'values.1.value', code: 'farAboveUsual' }),
      ]);
      await setPlan('spike_factor', '0');
      await t.http
        .put(`/api/v1/reports/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: current.body.version, values: values('2', '1000', '1') })
        .expect(200);
      await setPlan('spike_factor', '3');
    });

    it('should require 工作进展 on submission where the plan says so', async () => {
      await setPlan('require_progress_text', true);
      const draft = await t.http
        .put(unitReport('D01', '2026-07'))
        .set('Authorization', auth.admin!)
        .send({ values: values('1', '0', '0') })
        .expect(200);
      const refused = await t.http
        .post(`/api/v1/reports/${draft.body.id}/submit`)
        .set('Authorization', auth.admin!)
        .send({ version: draft.body.version })
        .expect(422);
      expect(refused.body.details[0]).toMatchObject({ field: 'progressText', code: 'required' });
      await setPlan('require_progress_text', false);
    });
  });

  describe('the paper report, entered and approved in one call', () => {
    const paper = (unit: string, month: string) => `${unitReport(unit, month)}/paper`;
    const body = () => ({
      values: values('2', '800', '1'),
      progressText: '城关镇10月纸质报表：新签约项目1个。',
    });

    it('should refuse it where the plan requires four-eyes (one person would submit and approve), writing nothing', async () => {
      const n = await reportCount();
      const res = await t.http
        .post(paper('T01', '2026-10'))
        .set('Authorization', auth.admin!)
        .send(body())
        .expect(409);
      expect(res.body.code).toBe('FOUR_EYES_REQUIRED');
      expect(await reportCount()).toBe(n);
      const denied = await t.dataSource.query(
        `SELECT object_type, result FROM audit_event WHERE action = 'report.approve' AND result = 'denied'`,
      );
      expect(denied).toEqual([{ object_type: 'plan', result: 'denied' }]);
    });

    it('should create, save, submit and approve where four-eyes is off, each step audited, the reporters told', async () => {
      await setPlan('require_four_eyes', false);
      await t.http.post(paper('T01', '2026-10')).set('Authorization', auth.leader!).send(body()).expect(403);
      await t.http.post(paper('T01', '2026-10')).set('Authorization', auth.rep_t01!).send(body()).expect(403);
      const res = await t.http
        .post(paper('T01', '2026-10'))
        .set('Authorization', auth.admin!)
        .send(body())
        .expect(200);
      expect(res.body).toMatchObject({
        unitId: units.T01,
        month: '2026-10',
        status: 'approved',
        isLate: false,
      });
      expect(res.body.values).toEqual(values('2', '800', '1'));
      expect((await auditOf(res.body.id)).map((a: { action: string }) => a.action)).toEqual([
        'report.create',
        'report.update',
        'report.submit',
        'report.approve',
      ]);
      const notices = await t.dataSource.query(
        `SELECT n.kind FROM notification n JOIN app_user a ON a.id = n.user_id
          WHERE a.username = 'rep_t01' AND n.month = '2026-10' ORDER BY n.id`,
      );
      expect(notices.length).toBeGreaterThan(0);
      // an approved month is not entered twice
      const again = await t.http
        .post(paper('T01', '2026-10'))
        .set('Authorization', auth.admin!)
        .send({ ...body(), version: res.body.version })
        .expect(422);
      expect(again.body.code).toBe('REPORT_NOT_EDITABLE');
      await setPlan('require_four_eyes', true);
    });

    it('should roll the whole call back when a figure is refused', async () => {
      await setPlan('require_four_eyes', false);
      const n = await reportCount();
      await t.http
        .post(paper('T02', '2026-10'))
        .set('Authorization', auth.admin!)
        .send({ values: values('1.5', '0', '0') })
        .expect(400);
      expect(await reportCount()).toBe(n);
      await setPlan('require_four_eyes', true);
    });
  });

  describe('batch approval', () => {
    const submitted: Record<string, { id: number; version: number }> = {};
    const approve = (items: Array<{ id: number; version: number }>, who = 'admin') =>
      t.http.post(`/api/v1/plans/${planId}/reports/approve`).set('Authorization', auth[who]!).send({ items });
    const statusOf = async (id: number) =>
      (await t.dataSource.query('SELECT status FROM monthly_report WHERE id = $1', [id]))[0].status as string;

    beforeAll(async () => {
      for (const [unit, who] of [
        ['T01', 'rep_t01'],
        ['T02', 'rep_t02'],
        ['D01', 'admin'],
      ] as const) {
        const id = await reportThroughApi(
          t.http,
          { reporter: auth[who]!, admin: auth.admin! },
          {
            planId,
            unitId: units[unit]!,
            month: '2026-09',
            values: { [ind.XSLS!]: '1', [ind.DWZJ!]: '300', [ind.WCPC!]: '1' },
          },
        );
        const r = await t.http.get(`/api/v1/reports/${id}`).set('Authorization', auth.admin!).expect(200);
        submitted[unit] = { id, version: r.body.version };
      }
    });

    it('should approve nothing when one report is stale, naming it (all or nothing)', async () => {
      const res = await approve([
        submitted.T01!,
        { ...submitted.T02!, version: submitted.T02!.version - 1 },
      ]).expect(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
      expect(res.body.details[0].field).toBe('items.1');
      expect(res.body.message).toContain('青山镇');
      expect(await statusOf(submitted.T01!.id)).toBe('submitted');
    });

    it('should refuse under four-eyes when the caller submitted one of them, and audit the refusal', async () => {
      const res = await approve([submitted.T01!, submitted.D01!]).expect(409);
      expect(res.body.code).toBe('FOUR_EYES_REQUIRED');
      expect(res.body.details[0].field).toBe('items.1');
      expect(await statusOf(submitted.T01!.id)).toBe('submitted');
      const denied = await t.dataSource.query(
        `SELECT result FROM audit_event WHERE action = 'report.approve' AND object_id = $1`,
        [String(submitted.D01!.id)],
      );
      expect(denied).toEqual([{ result: 'denied' }]);
    });

    it('should refuse a reporter, an empty batch and a report twice', async () => {
      await approve([submitted.T01!], 'rep_t01').expect(403);
      await approve([]).expect(400);
      const dup = await approve([submitted.T01!, submitted.T01!]).expect(400);
      expect(dup.body.details[0].field).toBe('items.1.id');
    });

    it('should approve several in one call, each audited and notified on its own', async () => {
      const res = await approve([submitted.T01!, submitted.T02!, submitted.D01!], 'admin2').expect(200);
      expect(
        res.body.items.map((r: { unitName: string; status: string }) => `${r.unitName} ${r.status}`),
      ).toEqual(['城关镇 approved', '青山镇 approved', '县发展和改革局 approved']);
      for (const unit of ['T01', 'T02', 'D01']) {
        const actions = (await auditOf(submitted[unit]!.id)).map((a: { action: string }) => a.action);
        expect(actions.filter((a: string) => a === 'report.approve').length).toBeGreaterThanOrEqual(1);
      }
      const notices = await t.dataSource.query(
        `SELECT a.username FROM notification n JOIN app_user a ON a.id = n.user_id
          WHERE n.month = '2026-09' AND n.kind = 'report.approved' ORDER BY a.username`,
      );
      expect(notices.map((n: { username: string }) => n.username)).toEqual(['rep_t01', 'rep_t02']);
    });
  });

  describe('plan settings of the 考核办法', () => {
    it('should keep lateStartMonths, requireProgressText and spikeFactor, with defaults, and refuse bad ones', async () => {
      const plan = await t.http.get(`/api/v1/plans/${planId}`).set('Authorization', auth.admin!).expect(200);
      expect(plan.body).toMatchObject({ lateStartMonths: 6, requireProgressText: false, spikeFactor: '3' });
      const updated = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({
          version: plan.body.version,
          lateStartMonths: 12,
          requireProgressText: true,
          spikeFactor: '5',
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        lateStartMonths: 12,
        requireProgressText: true,
        spikeFactor: '5',
      });
      for (const bad of [{ lateStartMonths: 0 }, { lateStartMonths: 40 }, { spikeFactor: '-1' }]) {
        const res = await t.http
          .patch(`/api/v1/plans/${planId}`)
          .set('Authorization', auth.admin!)
          .send({ version: updated.body.version, ...bad })
          .expect(400);
        expect(res.body.details[0].field).toBe(Object.keys(bad)[0]);
      }
      await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({
          version: updated.body.version,
          lateStartMonths: 6,
          requireProgressText: false,
          spikeFactor: '3',
        })
        .expect(200);
    });

    it('should keep readScreensMonth (latestClosed by default, live when chosen) and refuse another value', async () => {
      const plan = await t.http.get(`/api/v1/plans/${planId}`).set('Authorization', auth.admin!).expect(200);
      expect(plan.body.readScreensMonth).toBe('latestClosed');
      const bad = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version: plan.body.version, readScreensMonth: 'calendar' })
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details[0]).toMatchObject({ field: 'readScreensMonth', code: 'isIn' });
      expect(bad.body.details[0].message).toContain('取值不在允许范围内');
      const live = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version: plan.body.version, readScreensMonth: 'live' })
        .expect(200);
      expect(live.body.readScreensMonth).toBe('live');
      const listed = await t.http.get('/api/v1/plans').set('Authorization', auth.admin!).expect(200);
      expect(listed.body.items.find((p: { id: number }) => p.id === planId).readScreensMonth).toBe('live');
      await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version: live.body.version, readScreensMonth: 'latestClosed' })
        .expect(200);
    });

    it('should accept the count measures 家, 批次 and 人次', async () => {
      for (const [code, name, measure] of [
        ['XYQY', '新引进企业', '家'],
        ['WCZS', '外出招商', '批次'],
        ['JDKS', '接待客商', '人次'],
      ]) {
        const res = await t.http
          .post(`/api/v1/plans/${planId}/indicators`)
          .set('Authorization', auth.admin!)
          .send({ code, name, measure, kind: 'count', source: 'reported' });
        expect([res.status, res.body.measure]).toEqual([201, measure]);
      }
      const amount = await t.http
        .post(`/api/v1/plans/${planId}/indicators`)
        .set('Authorization', auth.admin!)
        .send({ code: 'XYZJ', name: '新引进资金', measure: '家', kind: 'amount', source: 'reported' })
        .expect(400);
      expect(amount.body.details[0]).toMatchObject({ field: 'measure', code: 'measureOfKind' });
      await t.ownerDataSource.query(
        `DELETE FROM indicator WHERE plan_id = $1 AND code IN ('XYQY','WCZS','JDKS')`,
        [planId],
      );
    });
  });
});
