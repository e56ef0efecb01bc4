import type { PendingShareRow, ProjectDetail, ProjectShareRow } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { PlansService } from '../src/modules/plans/plans.service';
import { RankingsRepository } from '../src/modules/rankings/rankings.repository';
import { createTestApp, type TestApp } from './create-test-app';
import { INVESTORS, projectPayload } from './factories/project.factory';
import { insertIndicators, insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { diffYtd, ytdFromScratch, ytdMaintained } from './support/ytd-from-scratch';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

type Who = 'admin' | 'leader' | 'rep_t01' | 'rep_t02';

/**
 * 分成确认 (issue 10): a share credited to a unit the writer does not report for counts for that unit only once its
 * reporter (or an admin) confirms it; until then, and after a refusal, it counts for the responsible unit.
 * 青山镇 (T02) is the responsible unit; 城关镇 (T01) is asked to take a share.
 */
describe('project shares wait for the credited unit to confirm them (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let planId: number;
  let ind: Record<string, number>;
  const auth = {} as Record<Who, string>;
  let serial = 0;

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object) =>
      t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    patch: (path: string, body: object) =>
      t.http.patch(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });

  /** A signed project of 青山镇 (or `unit`) crediting `shares`; answers the saved project. */
  const createProject = async (
    who: Who,
    shares: Array<{ unitId: number; sharePct: string }>,
    agreedInvestmentWan = '150000',
    unit = 'T02',
  ): Promise<ProjectDetail> => {
    serial += 1;
    const res = await api(who).post(
      '/projects',
      projectPayload(u[unit]!, {
        name: `青山镇合作项目第${serial}期`,
        investorName: `${INVESTORS.catl.name}第${serial}子公司`,
        investorCreditCode: null,
        agreedInvestmentWan,
        shares,
        stage: 'signed',
        stageDate: '2026-06-10',
      }),
    );
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.project;
  };

  /** 签约总投资 (sum of agreed investment signed in the year, by share) of a unit, year to date at July. */
  const signedWan = async (unit: string): Promise<string> => {
    const rows = await t.dataSource.query(
      `SELECT trim_scale(value)::text AS v FROM ytd_summary
        WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 7`,
      [planId, u[unit], ind.QYZTZ],
    );
    return rows[0]?.v ?? '0';
  };
  /** What the progress route answers for the unit (read through the data-version cache). */
  const progressWan = async (unit: string): Promise<string> => {
    const res = await api('leader').get(`/plans/${planId}/progress?month=2026-07`).expect(200);
    return res.body.cells.find(
      (c: { unitId: number; indicatorId: number }) => c.unitId === u[unit] && c.indicatorId === ind.QYZTZ,
    ).actual;
  };
  const dataVersion = async () =>
    BigInt((await t.dataSource.query('SELECT version::text AS v FROM scoring_data_version'))[0].v);
  const shareOf = (project: ProjectDetail, unit: string): ProjectShareRow =>
    project.shares.find((s) => s.unitId === u[unit])!;
  const inbox = async (who: Who, kind: string) =>
    (await api(who).get('/notifications').expect(200)).body.items.filter(
      (n: { kind: string }) => n.kind === kind,
    ) as Array<{ title: string; body: string; unitId: number | null }>;
  const expectDeltaEqualsRebuild = async () => {
    const [maintained, scratch] = await Promise.all([
      ytdMaintained(t.dataSource, planId),
      ytdFromScratch(t.dataSource, planId),
    ]);
    expect(diffYtd(maintained, scratch)).toEqual([]);
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, u);
    planId = await insertPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02'] as const)
      auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  describe('a 青山镇 reporter credits 99% to 城关镇', () => {
    let project: ProjectDetail;

    it("should leave 城关镇's figures unchanged while the share is pending, counting it for 青山镇", async () => {
      const before = { t01: await signedWan('T01'), progress: await progressWan('T01') };
      project = await createProject('rep_t02', [{ unitId: u.T01!, sharePct: '99' }]);

      expect(shareOf(project, 'T01')).toMatchObject({
        sharePct: '99',
        status: 'pending',
        proposedByName: '青山镇填报员',
        decidedAt: null,
      });
      expect(shareOf(project, 'T02')).toMatchObject({ sharePct: '1', status: 'confirmed' });
      expect(await signedWan('T01')).toBe(before.t01);
      expect(await progressWan('T01')).toBe(before.progress);
      // counted once, in full, for the responsible unit: the county's total is the project's amount
      expect(await signedWan('T02')).toBe('150000');
      expect(await signedWan('XIAN')).toBe('150000');
      await expectDeltaEqualsRebuild();
    });

    it("should list the share as 待确认 for 城关镇's reporter and the admin, and tell 城关镇's reporter", async () => {
      const mine = (await api('rep_t01').get('/projects/pending-shares').expect(200)).body
        .items as PendingShareRow[];
      expect(mine).toEqual([
        expect.objectContaining({
          projectId: project.id,
          projectName: project.name,
          responsibleUnitName: '青山镇',
          unitId: u.T01,
          unitName: '城关镇',
          sharePct: '99',
          proposedByName: '青山镇填报员',
        }),
      ]);
      const all = (await api('admin').get('/projects/pending-shares').expect(200)).body.items;
      expect(all.map((s: PendingShareRow) => s.projectId)).toContain(project.id);
      // the proposing unit has nothing to confirm
      expect((await api('rep_t02').get('/projects/pending-shares').expect(200)).body.items).toEqual([]);

      const notices = await inbox('rep_t01', 'project.share.proposed');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ title: '分成待确认', unitId: u.T01 });
      expect(notices[0]!.body).toContain('99% 分成计入城关镇');
      // 城关镇's reporter may read the project (a credited unit) and sees the share's state
      const seen = (await api('rep_t01').get(`/projects/${project.id}`).expect(200)).body as ProjectDetail;
      expect(shareOf(seen, 'T01').status).toBe('pending');
    });

    it('should refuse the decision to the proposing unit, another unit and a leader, changing nothing', async () => {
      const decide = (who: Who) =>
        api(who).post(`/projects/${project.id}/shares/${u.T01}/decision`, {
          decision: 'confirmed',
          sharePct: '99',
        });
      expect((await decide('rep_t02')).status).toBe(404);
      expect((await decide('leader')).status).toBe(403);
      // 城关镇's reporter cannot decide for 青山镇's own share either
      const own = await api('rep_t01').post(`/projects/${project.id}/shares/${u.T02}/decision`, {
        decision: 'confirmed',
        sharePct: '1',
      });
      expect(own.status).toBe(404);
      const [row] = await t.dataSource.query(
        'SELECT status FROM project_share WHERE project_id = $1 AND unit_id = $2',
        [project.id, u.T01],
      );
      expect(row.status).toBe('pending');
      expect(await signedWan('T01')).toBe('0');
    });

    it('should answer 409 when the share the reporter saw has changed', async () => {
      const res = await api('rep_t01').post(`/projects/${project.id}/shares/${u.T01}/decision`, {
        decision: 'confirmed',
        sharePct: '50',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
    });

    it('should move the figures to 城关镇 once its reporter confirms, audited, the version moved, 青山镇 told', async () => {
      const version = await dataVersion();
      const res = await api('rep_t01')
        .post(`/projects/${project.id}/shares/${u.T01}/decision`, { decision: 'confirmed', sharePct: '99' })
        .expect(200);
      expect(shareOf(res.body, 'T01')).toMatchObject({ status: 'confirmed', decidedByName: '城关镇填报员' });
      expect(await signedWan('T01')).toBe('148500');
      expect(await signedWan('T02')).toBe('1500');
      expect(await signedWan('XIAN')).toBe('150000');
      expect(await dataVersion()).toBeGreaterThan(version);
      expect(await progressWan('T01')).toBe('148500');
      await expectDeltaEqualsRebuild();

      const audit = await t.dataSource.query(
        `SELECT user_id AS "userId", before, after, detail FROM audit_event
          WHERE action = 'project.share.confirm' AND object_id = $1`,
        [String(project.id)],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        userId: users.reporterT01,
        before: { share: { status: 'pending', sharePct: '99' } },
        after: { share: { status: 'confirmed' } },
      });
      const told = await inbox('rep_t02', 'project.share.confirmed');
      expect(told).toHaveLength(1);
      expect(told[0]!.body).toContain('城关镇已确认');
      // decided once: a second decision is refused
      const again = await api('rep_t01').post(`/projects/${project.id}/shares/${u.T01}/decision`, {
        decision: 'declined',
        sharePct: '99',
        reason: '重复处理',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SHARE_NOT_PENDING');
    });

    it('should keep a confirmed share through an edit of other fields and put a changed share back to pending', async () => {
      const current = (await api('rep_t02').get(`/projects/${project.id}`).expect(200)).body as ProjectDetail;
      const renamed = await api('rep_t02')
        .patch(`/projects/${project.id}`, {
          version: current.version,
          name: `${current.name}（一期）`,
          shares: [{ unitId: u.T01, sharePct: '99' }],
        })
        .expect(200);
      expect(shareOf(renamed.body.project, 'T01').status).toBe('confirmed');
      expect(await signedWan('T01')).toBe('148500');

      const changed = await api('rep_t02')
        .patch(`/projects/${project.id}`, {
          version: renamed.body.project.version,
          shares: [{ unitId: u.T01, sharePct: '60' }],
        })
        .expect(200);
      expect(shareOf(changed.body.project, 'T01')).toMatchObject({ sharePct: '60', status: 'pending' });
      expect(await signedWan('T01')).toBe('0');
      expect(await signedWan('T02')).toBe('150000');
      expect(await inbox('rep_t01', 'project.share.proposed')).toHaveLength(2);
      await expectDeltaEqualsRebuild();
    });
  });

  it("should keep 城关镇's figures unchanged when its reporter declines (a reason is required), and tell 青山镇", async () => {
    const project = await createProject('rep_t02', [{ unitId: u.T01!, sharePct: '40' }], '80000');
    const t01 = await signedWan('T01');
    const t02 = await signedWan('T02');
    const path = `/projects/${project.id}/shares/${u.T01}/decision`;
    const noReason = await api('rep_t01').post(path, { decision: 'declined', sharePct: '40' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');

    const res = await api('rep_t01')
      .post(path, {
        decision: 'declined',
        sharePct: '40',
        reason: '该项目由青山镇独立引进，城关镇未参与洽谈',
      })
      .expect(200);
    expect(shareOf(res.body, 'T01')).toMatchObject({
      status: 'declined',
      declineReason: '该项目由青山镇独立引进，城关镇未参与洽谈',
    });
    expect(await signedWan('T01')).toBe(t01);
    expect(await signedWan('T02')).toBe(t02);
    const told = await inbox('rep_t02', 'project.share.declined');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('城关镇未参与洽谈');
    expect(
      await t.dataSource.query(
        `SELECT 1 FROM audit_event WHERE action = 'project.share.decline' AND object_id = $1`,
        [String(project.id)],
      ),
    ).toHaveLength(1);
    await expectDeltaEqualsRebuild();
  });

  it('should count shares written by an admin at once', async () => {
    const t01 = Number(await signedWan('T01'));
    const project = await createProject('admin', [{ unitId: u.T01!, sharePct: '40' }], '50000');
    expect(shareOf(project, 'T01')).toMatchObject({ status: 'confirmed', decidedByName: '招商局管理员' });
    expect(Number(await signedWan('T01'))).toBe(t01 + 20000);
    expect((await api('rep_t01').get('/projects/pending-shares').expect(200)).body.items).not.toContainEqual(
      expect.objectContaining({ projectId: project.id }),
    );
    await expectDeltaEqualsRebuild();
  });

  it('should let an admin confirm a pending share of any unit', async () => {
    const project = await createProject('rep_t02', [{ unitId: u.D01!, sharePct: '30' }], '10000');
    const res = await api('admin')
      .post(`/projects/${project.id}/shares/${u.D01}/decision`, { decision: 'confirmed', sharePct: '30' })
      .expect(200);
    expect(shareOf(res.body, 'D01')).toMatchObject({ status: 'confirmed', decidedByName: '招商局管理员' });
    await expectDeltaEqualsRebuild();
  });

  it("should credit counts by share in the ranking's project list only once confirmed", async () => {
    await t.dataSource.query(`UPDATE plan SET count_credit = 'share' WHERE id = $1`, [planId]);
    const project = await createProject('rep_t02', [{ unitId: u.T01!, sharePct: '25' }], '120000');
    const rankings = t.app.get(RankingsRepository);
    const plan = (await t.app.get(PlansService).findById(planId))!;
    const creditOf = async (unit: string) =>
      (await rankings.listSignedProjects(plan, 7)).find(
        (r) => r.projectId === project.id && r.unitId === u[unit],
      )?.share;
    expect(await creditOf('T01')).toBeUndefined();
    expect(await creditOf('T02')).toBe('1');
    await api('rep_t01')
      .post(`/projects/${project.id}/shares/${u.T01}/decision`, { decision: 'confirmed', sharePct: '25' })
      .expect(200);
    expect(await creditOf('T01')).toBe('0.25');
    expect(await creditOf('T02')).toBe('0.75');
    await t.dataSource.query(`UPDATE plan SET count_credit = 'responsible' WHERE id = $1`, [planId]);
  });
});
