import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { type JobsCounty, seedJobsCounty, sharedClock } from './factories/jobs.factory';
import { insertPlan, reportThroughApi } from './factories/report.factory';
import { bearer } from './factories/user.factory';

process.env.TZ = 'UTC';

const clock = sharedClock('2026-12-03T10:00');

describe('notifications inbox and the remind action (e2e)', () => {
  let t: TestApp;
  let county: JobsCounty;
  const auth: Record<string, string> = {};

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  /** Inserts inbox rows directly (the inbox routes do not care who wrote them); answers their ids. */
  const deliver = async (userId: number, titles: string[], readTitles: string[] = []) => {
    const ids: number[] = [];
    for (const title of titles) {
      const rows = await t.dataSource.query(
        `INSERT INTO notification (user_id, kind, title, body, link, plan_id, month, read_at)
         VALUES ($1, 'report.remind', $2, $3, '/reports', $4, '2026-11', $5) RETURNING id`,
        [
          userId,
          title,
          `${title}：请及时报送。`,
          county.planId,
          readTitles.includes(title) ? new Date() : null,
        ],
      );
      ids.push(Number(rows[0].id));
    }
    return ids;
  };
  const readAtOf = async (id: number) =>
    (await t.dataSource.query('SELECT read_at FROM notification WHERE id = $1', [id]))[0]
      .read_at as Date | null;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    county = await seedJobsCounty(t.dataSource);
    for (const user of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_t02', 'rep_p01'])
      auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  describe('the inbox', () => {
    let t01: number[];
    let t02: number[];

    beforeAll(async () => {
      t01 = await deliver(county.users.reporterT01!, ['一月提醒', '二月提醒', '三月提醒'], ['一月提醒']);
      t02 = await deliver(county.users.reporterT02!, ['青山镇提醒']);
      await deliver(county.users.auditor!, ['审计提醒']);
    });

    it('should list only the caller’s messages, newest first, with the unread count', async () => {
      const res = await t.http.get('/api/v1/notifications').set('Authorization', auth.rep_t01!).expect(200);
      expect(res.body.items.map((n: { title: string }) => n.title)).toEqual([
        '三月提醒',
        '二月提醒',
        '一月提醒',
      ]);
      expect(res.body).toMatchObject({ total: 3, unread: 2, page: 1, pageSize: 50 });
      expect(res.body.items[0]).toMatchObject({
        kind: 'report.remind',
        body: '三月提醒：请及时报送。',
        planId: county.planId,
        month: '2026-11',
        readAt: null,
      });
      const unread = await t.http
        .get('/api/v1/notifications?unreadOnly=true&pageSize=1&page=2')
        .set('Authorization', auth.rep_t01!)
        .expect(200);
      expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['二月提醒']);
      expect(unread.body).toMatchObject({ total: 2, unread: 2, page: 2, pageSize: 1 });
    });

    it('should give every signed-in role an inbox (the auditor too) and refuse an anonymous caller', async () => {
      for (const user of ['admin', 'leader', 'sysadmin', 'auditor']) {
        const res = await t.http.get('/api/v1/notifications').set('Authorization', auth[user]!).expect(200);
        expect(res.body.items.every((n: { id: number }) => !t01.includes(n.id) && !t02.includes(n.id))).toBe(
          true,
        );
      }
      await t.http.get('/api/v1/notifications').expect(401);
      await t.http.get('/api/v1/notifications/unread-count').expect(401);
      await t.http.post(`/api/v1/notifications/${t01[1]}/read`).expect(401);
      expect(await readAtOf(t01[1]!)).toBeNull();
    });

    it.each([
      ['unreadOnly=maybe', 'unreadOnly'],
      ['page=0', 'page'],
      ['page=1e3', 'page'],
      ['page=1e309', 'page'],
      ['pageSize=2.5', 'pageSize'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=-1', 'pageSize'],
      ['userId=5', 'userId'],
    ])('should refuse ?%s with 400 naming %s', async (query, field) => {
      const res = await t.http
        .get(`/api/v1/notifications?${query}`)
        .set('Authorization', auth.rep_t01!)
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('should mark one of the caller’s messages read once, and answer 404 for another user’s', async () => {
      await t.http
        .post(`/api/v1/notifications/${t01[2]}/read`)
        .set('Authorization', auth.rep_t01!)
        .expect(200, { marked: 1 });
      expect(await readAtOf(t01[2]!)).toEqual(clock.now());
      await t.http
        .post(`/api/v1/notifications/${t01[2]}/read`)
        .set('Authorization', auth.rep_t01!)
        .expect(200, { marked: 0 });

      // 青山镇's reporter with 城关镇's id: as if it did not exist, and it stays unread
      await t.http
        .post(`/api/v1/notifications/${t01[1]}/read`)
        .set('Authorization', auth.rep_t02!)
        .expect(404);
      await t.http.post(`/api/v1/notifications/${t01[1]}/read`).set('Authorization', auth.admin!).expect(404);
      expect(await readAtOf(t01[1]!)).toBeNull();
      await t.http.post('/api/v1/notifications/999999/read').set('Authorization', auth.rep_t01!).expect(404);
      const bad = await t.http
        .post('/api/v1/notifications/abc/read')
        .set('Authorization', auth.rep_t01!)
        .expect(400);
      expect(bad.body.details[0].field).toBe('id');
    });

    it('should mark all of the caller’s messages read and no one else’s', async () => {
      await t.http
        .get('/api/v1/notifications/unread-count')
        .set('Authorization', auth.rep_t01!)
        .expect(200, { unread: 1 });
      await t.http
        .post('/api/v1/notifications/read-all')
        .set('Authorization', auth.rep_t01!)
        .expect(200, { marked: 1 });
      await t.http
        .get('/api/v1/notifications/unread-count')
        .set('Authorization', auth.rep_t01!)
        .expect(200, { unread: 0 });
      expect(await readAtOf(t02[0]!)).toBeNull();
      await t.http
        .get('/api/v1/notifications/unread-count')
        .set('Authorization', auth.rep_t02!)
        .expect(200, { unread: 1 });
    });
  });

  describe('POST /plans/:id/months/:month/remind', () => {
    const remind = (planId: number, month: string, user: string) =>
      t.http.post(`/api/v1/plans/${planId}/months/${month}/remind`).set('Authorization', auth[user]!);
    const reminders = () =>
      t.dataSource.query(
        `SELECT a.username, u.code, n.body FROM notification n JOIN app_user a ON a.id = n.user_id
           JOIN unit u ON u.id = n.unit_id WHERE n.kind = 'report.remind' AND n.unit_id IS NOT NULL
          ORDER BY n.id`,
      );

    it('should notify the reporters of the units not in (no report, draft or returned), and audit it', async () => {
      await t.http
        .post(`/api/v1/plans/${county.planId}/months/2026-11/open`)
        .set('Authorization', auth.admin!)
        .expect(200);
      // 青山镇 submitted and was returned; 开发区 submitted and waits for review
      const values = {
        [county.indicators.XSLS!]: '2',
        [county.indicators.DWZJ!]: '8000',
        [county.indicators.WCPC!]: '1',
      };
      const t02 = await reportThroughApi(
        t.http,
        { reporter: auth.rep_t02!, admin: auth.admin! },
        { planId: county.planId, unitId: county.units.T02!, month: '2026-11', values },
      );
      const version = (await t.dataSource.query('SELECT version FROM monthly_report WHERE id = $1', [t02]))[0]
        .version;
      await t.http
        .post(`/api/v1/reports/${t02}/return`)
        .set('Authorization', auth.admin!)
        .send({ version, reason: '到位资金缺少银行进账单' })
        .expect(200);
      await reportThroughApi(
        t.http,
        { reporter: auth.rep_p01!, admin: auth.admin! },
        { planId: county.planId, unitId: county.units.P01!, month: '2026-11', values },
      );

      const res = await remind(county.planId, '2026-11', 'admin').expect(200);
      // 城关镇, 青山镇 (returned), 县发展和改革局 (no reporter), 开发区东区; not 开发区 itself
      expect(res.body).toEqual({ planId: county.planId, month: '2026-11', units: 4, notified: 3 });
      expect(await reminders()).toEqual([
        {
          username: 'rep_t01',
          code: 'T01',
          body: '示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05。',
        },
        {
          username: 'rep_t02',
          code: 'T02',
          body: '示范县2026年度招商引资目标考核：青山镇 2026年11月月报已退回，请修改后重新报送，截止日期 2026-12-05。',
        },
        {
          username: 'rep_p01',
          code: 'P01A',
          body: '示范县2026年度招商引资目标考核：开发区东区管委会 2026年11月月报尚未报送，截止日期 2026-12-05。',
        },
      ]);
      const audit = await t.dataSource.query(
        `SELECT username, object_id AS "objectId", detail FROM audit_event WHERE action = 'report.remind'`,
      );
      expect(audit).toEqual([
        {
          username: 'admin',
          objectId: String(county.planId),
          detail: expect.objectContaining({ month: '2026-11', trigger: 'manual', notified: 3 }),
        },
      ]);
      // the approvals screen may remind again: each press notifies again (only the jobs are once per month)
      clock.set('2026-12-08T10:00');
      await remind(county.planId, '2026-11', 'admin').expect(200);
      const again = await reminders();
      expect(again).toHaveLength(6);
      expect(again[3].body).toBe(
        '示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05 已过，请尽快报送。',
      );
    });

    it('should refuse the roles that do not review, and write nothing', async () => {
      const before = await count('notification');
      for (const user of ['rep_t01', 'leader', 'sysadmin', 'auditor']) {
        await remind(county.planId, '2026-11', user).expect(403);
      }
      await t.http.post(`/api/v1/plans/${county.planId}/months/2026-11/remind`).expect(401);
      expect(await count('notification')).toBe(before);
    });

    it('should refuse a bad plan or month and write nothing', async () => {
      const draftPlan = await insertPlan(t.dataSource, {
        rootUnitId: county.units.XIAN!,
        year: 2027,
        status: 'draft',
        name: '示范县2027年度招商引资目标考核',
      });
      const before = await count('notification');
      await remind(999999, '2026-11', 'admin').expect(404);
      expect((await remind(county.planId, '2026-13', 'admin').expect(400)).body.details[0].field).toBe(
        'month',
      );
      expect((await remind(county.planId, '2025-11', 'admin').expect(400)).body.details[0].field).toBe(
        'month',
      );
      clock.set('2026-11-20T10:00');
      const future = await remind(county.planId, '2026-12', 'admin').expect(422);
      expect(future.body.details[0]).toMatchObject({ field: 'month', code: 'futureMonth' });
      clock.set('2027-02-03T10:00');
      const draft = await remind(draftPlan, '2027-01', 'admin').expect(422);
      expect(draft.body.code).toBe('PLAN_NOT_PUBLISHED');
      await remind(0, '2026-11', 'admin').expect(400);
      expect(await count('notification')).toBe(before);
    });
  });
});
