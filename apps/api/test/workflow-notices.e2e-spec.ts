import type { ProjectDetail } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { createTestApp, type TestApp } from './create-test-app';
import { projectPayload } from './factories/project.factory';
import { insertRankingPlan, RANKING_COUNTY, RANKING_INDICATORS } from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

// early December 2026: November has ended (its reports are in, it can be closed), December has not
const clock = { now: () => new Date('2026-12-03T02:00:00Z') };

const EVERYONE = [
  'admin',
  'admin2',
  'leader',
  'leader_t02',
  'sysadmin',
  'auditor',
  'rep_t01',
  'rep_t01b',
  'rep_t02',
  'rep_other',
] as const;
type Who = (typeof EVERYONE)[number];

interface Notice {
  username: Who;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  planId: number | null;
  unitId: number | null;
  month: string | null;
}

/**
 * Issue 13 point 2: a notice on every step that concerns someone, written by the owning service in the step's
 * transaction. 示范县's plan; 城关镇 (T01) has two reporters, 青山镇 (T02) a reporter and a leader bound to it; 邻县's
 * reporter reports for another plan and hears nothing of this one.
 */
describe('a notice on every workflow step (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let reported: number[];
  const auth = {} as Record<Who, string>;

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object = {}) =>
      t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });

  /** Every notice of these kinds, with its recipient's name, oldest first. */
  const notices = async (...kinds: string[]): Promise<Notice[]> =>
    t.dataSource.query(
      `SELECT a.username, n.kind, n.title, n.body, n.link, n.plan_id AS "planId", n.unit_id AS "unitId", n.month
         FROM notification n JOIN app_user a ON a.id = n.user_id
        WHERE n.kind = ANY($1) ORDER BY n.id`,
      [kinds],
    );
  const recipients = (rows: Notice[]) => rows.map((r) => r.username).sort();
  /** What the inbox route answers the user, of one kind. */
  const inbox = async (who: Who, kind: string) =>
    ((await api(who).get('/notifications').expect(200)).body.items as Array<{ kind: string }>).filter(
      (n) => n.kind === kind,
    );

  /** The draft of 城关镇's November report with every reported figure; answers { id, version }. */
  const draftT01 = async () => {
    const created = await api('rep_t01').post(`/plans/${planId}/reports`, { unitId: u.T01, month: '2026-11' });
    expect(created.status).toBe(201);
    const saved = await api('rep_t01')
      .put(`/reports/${created.body.id}`, {
        version: created.body.version,
        values: reported.map((indicatorId) => ({ indicatorId, value: '12' })),
        progressText: '本月新签约项目2个，到位资金按计划推进。',
      })
      .expect(200);
    return { id: created.body.id as number, version: saved.body.version as number };
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, [...RANKING_COUNTY, { code: 'OTHER', name: '邻县', category: 'county' }]);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, { username: 'admin2', roles: ['admin'], displayName: '招商局审核员' });
    await insertUser(t.dataSource, {
      username: 'rep_t01b',
      roles: ['reporter'],
      unitIds: [u.T01!],
      displayName: '城关镇招商办联络员',
    });
    await insertUser(t.dataSource, {
      username: 'leader_t02',
      roles: ['leader'],
      unitIds: [u.T02!],
      displayName: '青山镇镇长',
    });
    await insertUser(t.dataSource, {
      username: 'rep_other',
      roles: ['reporter'],
      unitIds: [u.OTHER!],
      displayName: '邻县填报员',
    });
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    reported = (
      await t.dataSource.query(`SELECT id FROM indicator WHERE plan_id = $1 AND source = 'reported' ORDER BY id`, [
        planId,
      ])
    ).map((r: { id: number }) => r.id);
    // 邻县 has a plan of its own
    const otherPlan = await insertRankingPlan(t.dataSource, { rootUnitId: u.OTHER! });
    await insertIndicators(t.dataSource, otherPlan, RANKING_INDICATORS);
    for (const who of EVERYONE) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  describe('the report workflow', () => {
    let report: { id: number; version: number };

    it("should tell the office's reviewers, and nobody else, once, that 城关镇 submitted", async () => {
      report = await draftT01();
      const submitted = await api('rep_t01').post(`/reports/${report.id}/submit`, { version: report.version });
      expect(submitted.status).toBe(200);
      report.version = submitted.body.version;

      const rows = await notices('report.submitted');
      expect(recipients(rows)).toEqual(['admin', 'admin2']);
      for (const row of rows) {
        expect(row).toMatchObject({
          kind: 'report.submitted',
          title: '月报待审核',
          body: '城关镇 2026年11月月报已提交，待审核。',
          link: `/approvals?planId=${planId}&month=2026-11&unitId=${u.T01}&reportId=${report.id}`,
          planId,
          unitId: u.T01,
          month: '2026-11',
        });
      }
      expect(await inbox('admin', 'report.submitted')).toHaveLength(1);
      expect(await inbox('rep_t01', 'report.submitted')).toEqual([]);
    });

    it('should write no notice when the step fails (a stale version, a missing figure)', async () => {
      // 青山镇 submits twice from two tabs: the second hits the version conflict
      const created = await api('rep_t02').post(`/plans/${planId}/reports`, { unitId: u.T02, month: '2026-11' });
      const saved = await api('rep_t02')
        .put(`/reports/${created.body.id}`, {
          version: created.body.version,
          values: reported.map((indicatorId) => ({ indicatorId, value: '8' })),
        })
        .expect(200);
      const stale = await api('rep_t02').post(`/reports/${created.body.id}/submit`, { version: created.body.version });
      expect(stale.status).toBe(409);
      // a report without every figure is refused
      const partial = await api('rep_t02').put(`/reports/${created.body.id}`, {
        version: saved.body.version,
        values: reported.slice(1).map((indicatorId) => ({ indicatorId, value: '8' })),
      });
      expect(partial.status).toBe(200);
      const incomplete = await api('rep_t02').post(`/reports/${created.body.id}/submit`, {
        version: partial.body.version,
      });
      expect(incomplete.status).toBe(422);
      expect((await notices('report.submitted')).filter((n) => n.unitId === u.T02)).toEqual([]);
      // a return without a reason writes nothing either
      const noReason = await api('admin').post(`/reports/${report.id}/return`, { version: report.version });
      expect(noReason.status).toBe(400);
      expect(await notices('report.returned')).toEqual([]);
    });

    it('should take the notice back with the step when the step fails at its commit (one transaction)', async () => {
      // a check the database runs at commit refuses this return: the report, its history and the notice roll back
      await t.ownerDataSource.query(`
        CREATE FUNCTION test_refuse_return() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: return refused at commit'; END $$;
        CREATE CONSTRAINT TRIGGER test_refuse_return AFTER UPDATE ON monthly_report DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW WHEN (NEW.status = 'returned') EXECUTE FUNCTION test_refuse_return();`);
      try {
        const refused = await api('admin').post(`/reports/${report.id}/return`, {
          version: report.version,
          reason: '退回测试',
        });
        expect(refused.status).toBeGreaterThanOrEqual(500);
      } finally {
        await t.ownerDataSource.query(
          'DROP TRIGGER test_refuse_return ON monthly_report; DROP FUNCTION test_refuse_return();',
        );
      }
      const [row] = await t.dataSource.query('SELECT status, version FROM monthly_report WHERE id = $1', [report.id]);
      expect(row).toEqual({ status: 'submitted', version: report.version });
      expect(await notices('report.returned')).toEqual([]);
    });

    it("should tell 城关镇's reporters, and only them, that the report was returned, with the reason", async () => {
      const returned = await api('admin')
        .post(`/reports/${report.id}/return`, { version: report.version, reason: '到位资金与台账不一致，请核实' })
        .expect(200);
      report.version = returned.body.version;

      const rows = await notices('report.returned');
      expect(recipients(rows)).toEqual(['rep_t01', 'rep_t01b']);
      for (const row of rows) {
        expect(row).toMatchObject({
          title: '月报被退回',
          body: '您单位（城关镇）2026年11月月报被退回：到位资金与台账不一致，请核实。请修改后重新提交。',
          link: `/reports?planId=${planId}&month=2026-11&unitId=${u.T01}&reportId=${report.id}`,
          unitId: u.T01,
          month: '2026-11',
        });
      }
      expect(await inbox('rep_t01b', 'report.returned')).toHaveLength(1);
      expect(await inbox('rep_t02', 'report.returned')).toEqual([]);
    });

    it('should tell the reviewers of the resubmission and the reporters of the approval', async () => {
      const again = await api('rep_t01')
        .post(`/reports/${report.id}/submit`, { version: report.version })
        .expect(200);
      // each submission is its own step: the reviewers hold one notice per submission
      expect(recipients(await notices('report.submitted'))).toEqual(['admin', 'admin', 'admin2', 'admin2']);
      const approved = await api('admin2')
        .post(`/reports/${report.id}/approve`, { version: again.body.version })
        .expect(200);
      report.version = approved.body.version;

      const rows = await notices('report.approved');
      expect(recipients(rows)).toEqual(['rep_t01', 'rep_t01b']);
      expect(rows[0]).toMatchObject({
        title: '月报已通过',
        body: '您单位（城关镇）2026年11月月报已审核通过。',
        link: `/reports?planId=${planId}&month=2026-11&unitId=${u.T01}&reportId=${report.id}`,
      });
      // a retried approval (the same version) is refused and tells no one twice
      const retried = await api('admin2').post(`/reports/${report.id}/approve`, { version: again.body.version });
      expect(retried.status).toBe(409);
      expect(await notices('report.approved')).toHaveLength(2);
    });

    it("should tell 城关镇's reporters that the report was unlocked, with the reason", async () => {
      const unlocked = await api('admin')
        .post(`/reports/${report.id}/unlock`, { version: report.version, reason: '统计局反馈11月数据口径调整' })
        .expect(200);
      const rows = await notices('report.unlocked');
      expect(recipients(rows)).toEqual(['rep_t01', 'rep_t01b']);
      expect(rows[0]).toMatchObject({
        title: '月报已解锁',
        body: '您单位（城关镇）2026年11月月报已解锁，可修改后重新提交。原因：统计局反馈11月数据口径调整。',
        link: `/reports?planId=${planId}&month=2026-11&unitId=${u.T01}&reportId=${report.id}`,
      });
      // back in: submitted and approved again for the close below
      const resubmitted = await api('rep_t01')
        .post(`/reports/${report.id}/submit`, { version: unlocked.body.version })
        .expect(200);
      await api('admin').post(`/reports/${report.id}/approve`, { version: resubmitted.body.version }).expect(200);
    });
  });

  describe('the month close and the 通报', () => {
    const audience = ['leader', 'leader_t02', 'rep_t01', 'rep_t01b', 'rep_t02'];

    it("should tell every unit of the plan (its reporters and leaders), once, that November closed", async () => {
      // a close of a month not yet ended is refused and tells no one
      expect((await api('admin').post(`/plans/${planId}/months/2026-12/close`)).status).toBe(422);
      expect(await notices('month.closed')).toEqual([]);

      await api('admin').post(`/plans/${planId}/months/2026-11/close`).expect(200);
      const rows = await notices('month.closed');
      expect(recipients(rows)).toEqual(audience);
      for (const row of rows) {
        expect(row).toMatchObject({
          title: '月度关账',
          body: '「示范县2026年度招商引资目标责任考核」2026年11月已关账，本月排名已冻结，可在赛马榜查看。',
          link: `/ranking?planId=${planId}&month=2026-11`,
          planId,
          month: '2026-11',
        });
      }
      expect(await inbox('rep_other', 'month.closed')).toEqual([]);
      expect(await inbox('admin', 'month.closed')).toEqual([]);
    });

    it('should tell them of a re-close with its reason, once however often it is repeated', async () => {
      // a re-close without a reason is refused and tells no one
      expect((await api('admin').post(`/plans/${planId}/months/2026-11/close`, {})).status).toBe(422);
      expect(await notices('month.closed')).toHaveLength(audience.length);

      const reason = '青山镇11月到位资金更正后重新计算';
      await api('admin').post(`/plans/${planId}/months/2026-11/close`, { reason }).expect(200);
      await api('admin').post(`/plans/${planId}/months/2026-11/close`, { reason }).expect(200);
      const reclosed = (await notices('month.closed')).filter((n) => n.body.includes('重新关账'));
      expect(recipients(reclosed)).toEqual(audience);
      expect(reclosed[0]).toMatchObject({
        body: `「示范县2026年度招商引资目标责任考核」2026年11月已重新关账，排名按最新审核数据重新计算并冻结。原因：${reason}。`,
        link: `/ranking?planId=${planId}&month=2026-11`,
      });
    });

    it("should tell each plan's units when the month-close job closes a month, once however often it runs", async () => {
      const jobs = t.app.get(MonthCloseJobsService);
      // 20 November: the job closes October of both counties' plans
      const runs = await jobs.runCloseMonth(new Date('2026-11-20T02:00:00Z'));
      expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
      await jobs.runCloseMonth(new Date('2026-11-21T02:00:00Z'));
      const october = (await notices('month.closed')).filter((n) => n.month === '2026-10');
      expect(recipients(october.filter((n) => n.planId === planId))).toEqual(audience);
      // 邻县's reporter hears of 邻县's plan only
      expect(recipients(october.filter((n) => n.planId !== planId))).toEqual(['rep_other']);
      expect(october.find((n) => n.username === 'rep_t01')).toMatchObject({
        body: '「示范县2026年度招商引资目标责任考核」2026年10月已关账，本月排名已冻结，可在赛马榜查看。',
        link: `/ranking?planId=${planId}&month=2026-10`,
      });
    });

    it('should tell every unit of the plan, once, that the 通报 was published', async () => {
      await t.app.get(MonthCloseHooks).idle();
      const versions = (await api('admin').get(`/plans/${planId}/months/2026-11/briefings`).expect(200)).body
        .items as Array<{ version: number; status: string }>;
      const draft = versions.find((v) => v.status === 'draft')!;
      await api('admin').post(`/plans/${planId}/months/2026-11/briefing/publish`, { version: draft.version }).expect(200);
      // published twice: refused, no second notice
      const again = await api('admin').post(`/plans/${planId}/months/2026-11/briefing/publish`, {
        version: draft.version,
      });
      expect(again.status).toBe(409);

      const rows = await notices('briefing.published');
      expect(recipients(rows)).toEqual(audience);
      expect(rows[0]).toMatchObject({
        title: '通报已发布',
        body: `「示范县2026年度招商引资目标责任考核」2026年11月通报（第${draft.version}版）已发布，请在“月度关账与通报”中查看下载。`,
        link: `/months?planId=${planId}&month=2026-11`,
        planId,
        month: '2026-11',
      });
      expect(await inbox('rep_other', 'briefing.published')).toEqual([]);
    });
  });

  describe('a project share credited to a unit', () => {
    const create = async (who: Who, name: string, unit: string, shares: Array<{ unitId: number; sharePct: string }>) => {
      const res = await api(who).post(
        '/projects',
        projectPayload(u[unit]!, {
          name,
          investorName: `${name}投资方有限公司`,
          investorCreditCode: null,
          agreedInvestmentWan: '80000',
          shares,
          stage: 'signed',
          stageDate: '2026-11-20',
        }),
      );
      expect(res.status).toBe(201);
      return res.body.project as ProjectDetail;
    };

    it("should tell the credited unit's reporters when an admin credits it a share, nobody else", async () => {
      const project = await create('admin', '青山镇智能装备产业园项目', 'T02', [{ unitId: u.T01!, sharePct: '30' }]);
      const rows = await notices('project.share.credited');
      expect(recipients(rows)).toEqual(['rep_t01', 'rep_t01b']);
      expect(rows[0]).toMatchObject({
        title: '项目分成计入',
        body: `青山镇登记的项目“青山镇智能装备产业园项目”（${project.code}）的 30% 分成已计入城关镇，计入本单位数据。`,
        link: `/projects?projectId=${project.id}`,
        unitId: u.T01,
      });
      expect(await inbox('rep_t02', 'project.share.credited')).toEqual([]);
    });

    it("should tell the credited unit's other reporters when its reporter confirms a proposed share", async () => {
      const project = await create('rep_t02', '青山镇冷链物流中心项目', 'T02', [{ unitId: u.T01!, sharePct: '20' }]);
      // proposed, not credited yet
      expect(await notices('project.share.credited')).toHaveLength(2);
      await api('rep_t01')
        .post(`/projects/${project.id}/shares/${u.T01}/decision`, { decision: 'confirmed', sharePct: '20' })
        .expect(200);
      const rows = (await notices('project.share.credited')).filter((n) => n.link === `/projects?projectId=${project.id}`);
      // the reporter who confirmed it knows; the unit's other reporter is told
      expect(recipients(rows)).toEqual(['rep_t01b']);
    });
  });
});
