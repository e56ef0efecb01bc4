import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const clock = { now: () => new Date('2026-11-03T02:00:00Z') };

/**
 * 四眼原则 (issue 10, AC-4/AC-5): whoever last submitted a monthly report does not approve it, when the plan requires
 * four-eyes approval (the default). A county office often types in a paper report for a unit: its clerk then needs a
 * second reviewer.
 */
describe('four-eyes approval of monthly reports (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let reviewerId: number;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    reviewerId = await insertUser(t.dataSource, {
      username: 'admin_review',
      roles: ['admin'],
      displayName: '招商局审核员',
    });
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    for (const user of ['admin', 'admin_review', 'rep_t01', 'leader'])
      auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[user]!),
    post: (path: string, body: object) =>
      t.http.post(`/api/v1${path}`).set('Authorization', auth[user]!).send(body),
    put: (path: string, body: object) =>
      t.http.put(`/api/v1${path}`).set('Authorization', auth[user]!).send(body),
    patch: (path: string, body: object) =>
      t.http.patch(`/api/v1${path}`).set('Authorization', auth[user]!).send(body),
  });
  const values = [
    { indicatorId: 0, value: '3' },
    { indicatorId: 0, value: '1200' },
    { indicatorId: 0, value: '1' },
  ];
  /** `user` opens the unit's report of the month, fills it in and submits it; answers { id, version }. */
  const enterAndSubmit = async (user: string, unit: string, month: string) => {
    const created = await as(user)
      .post(`/plans/${planId}/reports`, { unitId: units[unit], month })
      .expect(201);
    const saved = await as(user)
      .put(`/reports/${created.body.id}`, {
        version: created.body.version,
        values: [ind.XSLS, ind.DWZJ, ind.WCPC].map((indicatorId, i) => ({ ...values[i]!, indicatorId })),
        progressText: '据乡镇报送的纸质月报录入：本月新增项目线索3条。',
      })
      .expect(200);
    const submitted = await as(user)
      .post(`/reports/${created.body.id}/submit`, { version: saved.body.version })
      .expect(200);
    return { id: created.body.id as number, version: submitted.body.version as number };
  };
  const statusOf = async (id: number) =>
    (await t.dataSource.query('SELECT status, version FROM monthly_report WHERE id = $1', [id]))[0];

  it('should be on by default for a new plan, in the plan contract', async () => {
    const created = await as('admin')
      .post('/plans', { year: 2027, rootUnitId: units.XIAN, name: '示范县2027年度招商引资目标考核' })
      .expect(201);
    expect(created.body.requireFourEyes).toBe(true);
    const plan = await as('leader').get(`/plans/${planId}`).expect(200);
    expect(plan.body.requireFourEyes).toBe(true);
    const bad = await as('admin').patch(`/plans/${planId}`, {
      version: plan.body.version,
      requireFourEyes: '否',
    });
    expect(bad.status).toBe(400);
  });

  it('should refuse an admin approving the report the same admin entered and submitted, audited as denied', async () => {
    const report = await enterAndSubmit('admin', 'T01', '2026-10');
    const seen = await as('admin').get(`/reports/${report.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'submitted', isOwnSubmission: true, requiresFourEyes: true });

    const refused = await as('admin').post(`/reports/${report.id}/approve`, { version: report.version });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'FOUR_EYES_REQUIRED',
      message: expect.stringContaining('提交人不能审核本人提交的月报'),
    });
    expect(await statusOf(report.id)).toEqual({ status: 'submitted', version: report.version });
    const denied = await t.dataSource.query(
      `SELECT user_id AS "userId", result, detail FROM audit_event WHERE action = 'report.approve' AND object_id = $1`,
      [String(report.id)],
    );
    expect(denied).toEqual([
      {
        userId: users.admin,
        result: 'denied',
        detail: expect.objectContaining({ code: 'FOUR_EYES_REQUIRED' }),
      },
    ]);

    // another administrator approves it: the submitter's name is not the approver's
    const other = await as('admin_review').get(`/reports/${report.id}`).expect(200);
    expect(other.body.isOwnSubmission).toBe(false);
    const approved = await as('admin_review')
      .post(`/reports/${report.id}/approve`, { version: report.version })
      .expect(200);
    expect(approved.body.status).toBe('approved');
    const approver = await t.dataSource.query(
      'SELECT approved_by AS "by" FROM monthly_report WHERE id = $1',
      [report.id],
    );
    expect(approver).toEqual([{ by: reviewerId }]);
  });

  it('should judge by who submitted last: after a return and a resubmission by the reviewer, the first submitter may approve and the reviewer may not', async () => {
    const report = await enterAndSubmit('admin', 'T02', '2026-10');
    const returned = await as('admin_review')
      .post(`/reports/${report.id}/return`, { version: report.version, reason: '到位资金缺少银行进账单' })
      .expect(200);
    // 青山镇 has no reporter in the standard cast: the county's reviewer resubmits after the unit's correction
    const resubmitted = await as('admin_review')
      .post(`/reports/${report.id}/submit`, { version: returned.body.version })
      .expect(200);
    await as('admin_review')
      .post(`/reports/${report.id}/approve`, { version: resubmitted.body.version })
      .expect(409);
    await as('admin')
      .post(`/reports/${report.id}/approve`, { version: resubmitted.body.version })
      .expect(200);
  });

  it("should let the admin approve a reporter's report", async () => {
    const report = await enterAndSubmit('rep_t01', 'T01', '2026-09');
    const seen = await as('admin').get(`/reports/${report.id}`).expect(200);
    expect(seen.body.isOwnSubmission).toBe(false);
    await as('admin').post(`/reports/${report.id}/approve`, { version: report.version }).expect(200);
  });

  it('should allow one admin to submit and approve once the plan turns four eyes off, the change audited', async () => {
    const plan = await as('admin').get(`/plans/${planId}`).expect(200);
    const off = await as('admin')
      .patch(`/plans/${planId}`, { version: plan.body.version, requireFourEyes: false })
      .expect(200);
    expect(off.body.requireFourEyes).toBe(false);
    const audit = await t.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'plan.update' AND object_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(planId)],
    );
    expect(audit[0].before.requireFourEyes).toBe(true);
    expect(audit[0].after.requireFourEyes).toBe(false);

    const report = await enterAndSubmit('admin', 'D01', '2026-10');
    const seen = await as('admin').get(`/reports/${report.id}`).expect(200);
    expect(seen.body).toMatchObject({ isOwnSubmission: true, requiresFourEyes: false });
    await as('admin').post(`/reports/${report.id}/approve`, { version: report.version }).expect(200);

    // and back on: the rule holds again
    await as('admin')
      .patch(`/plans/${planId}`, { version: off.body.version, requireFourEyes: true })
      .expect(200);
    const next = await enterAndSubmit('admin', 'P01', '2026-10');
    await as('admin').post(`/reports/${next.id}/approve`, { version: next.version }).expect(409);
  });
});
