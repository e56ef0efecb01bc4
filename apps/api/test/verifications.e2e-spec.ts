import type { ProjectDetail, VerificationRow, VerificationsResponse } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { creditCode, projectPayload } from './factories/project.factory';
import { insertIndicators, insertPlan, insertTarget, STANDARD_INDICATORS } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { readDocx } from './support/docx-reader';
import { download, readXlsx } from './support/xlsx-fixtures';
import { diffYtd, ytdFromScratch, ytdMaintained } from './support/ytd-from-scratch';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

type Who = 'admin' | 'leader' | 'rep_t01' | 'rep_t02';

/**
 * 认定 (issue 15 parts 2–3): every counting event of a project is pending until the office verifies or rejects it;
 * indicators marked 仅计已认定 count only verified events; a rejection is appealed once; a re-signing is caught.
 * 青山镇 (T02) reports the projects; 城关镇 (T01) is another unit.
 */
describe('认定 of counting events (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth = {} as Record<Who, string>;

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });

  const createProject = async (
    who: Who,
    unit: string,
    overrides: Record<string, unknown>,
  ): Promise<ProjectDetail> => {
    const res = await api(who).post('/projects', projectPayload(u[unit]!, { stage: 'signed', ...overrides }));
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.project;
  };
  const queue = async (who: Who, query: string): Promise<VerificationsResponse> =>
    (await api(who).get(`/verifications?${query}`).expect(200)).body;
  const eventOf = async (projectId: number, kind: string): Promise<VerificationRow> => {
    const found = (await queue('admin', `projectId=${projectId}`)).items.find((v) => v.kind === kind);
    if (!found) throw new Error(`no ${kind} verification of project ${projectId}`);
    return found;
  };
  /** YTD actual of an indicator for 青山镇 at July, as the progress route answers it. */
  const actual = async (code: string, unit = 'T02'): Promise<string> => {
    const res = await api('leader').get(`/plans/${planId}/progress?month=2026-07`).expect(200);
    return res.body.cells.find(
      (c: { unitId: number; indicatorId: number }) => c.unitId === u[unit] && c.indicatorId === ind[code],
    ).actual;
  };
  /** 青山镇's total in the live ranking of July. */
  const totalOfT02 = async (): Promise<string> => {
    const res = await api('leader').get(`/plans/${planId}/ranking?month=2026-07`).expect(200);
    return res.body.rows.find((r: { unitName: string }) => r.unitName === '青山镇').total;
  };
  const inbox = async (who: Who) =>
    (await api(who).get('/notifications').expect(200)).body.items.filter(
      (n: { kind: string }) => n.kind === 'verification.decided',
    ) as Array<{ title: string; body: string; link: string }>;
  const expectDeltaEqualsRebuild = async () => {
    expect(diffYtd(await ytdMaintained(t.dataSource, planId), await ytdFromScratch(t.dataSource, planId))).toEqual([]);
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, [
      ...STANDARD_INDICATORS,
      {
        code: 'RDQY',
        name: '已认定签约项目',
        measure: '个',
        kind: 'count',
        source: 'ledger',
        ledgerRule: { measure: 'count', event: 'signed', verifiedOnly: true },
      },
      {
        code: 'RDDW',
        name: '已认定到位资金',
        measure: '万元',
        kind: 'amount',
        source: 'ledger',
        ledgerRule: { measure: 'sum_funds', verifiedOnly: true },
      },
    ]);
    // the ranking scores 已认定签约项目 by completion (weight 10): a verification moves 青山镇's total
    await t.dataSource.query(`UPDATE plan SET scoring = $2::jsonb, ranking_groups = $3::jsonb WHERE id = $1`, [
      planId,
      JSON.stringify({
        items: [{ code: 'C_RDQY', name: '已认定签约项目完成率', method: 'completion', indicator: 'RDQY', weight: '10', cap: '1.2' }],
      }),
      JSON.stringify([{ code: 'towns', name: '乡镇', categories: ['town'] }]),
    ]);
    for (const unit of ['T01', 'T02'] as const) await insertTarget(t.dataSource, planId, u[unit]!, ind.RDQY!, '2');
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02'] as const) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  describe('a 青山镇 project signed in June', () => {
    let project: ProjectDetail;
    let signed: VerificationRow;

    beforeAll(async () => {
      project = await createProject('rep_t02', 'T02', {
        name: '青山镇年产5万吨竹木精深加工项目',
        investorName: '福建竹源新材料科技有限公司',
        investorCreditCode: creditCode(501),
        agreedInvestmentWan: '52000',
        fortune500Kind: null,
        stageDate: '2026-06-10',
      });
      signed = await eventOf(project.id, 'signed');
    });

    it('should be pending in the queue with the figures of the event beside the project', async () => {
      expect(signed).toMatchObject({
        status: 'pending',
        eventDate: '2026-06-10',
        amountWan: '52000',
        unitName: '青山镇',
        project: { agreedInvestmentWan: '52000', signedDate: '2026-06-10', stage: 'signed' },
        canAppeal: false,
        suggestedDecision: null,
      });
      const pending = await queue('admin', 'status=pending&kind=signed&month=2026-06');
      expect(pending.items.map((v) => v.id)).toContain(signed.id);
      expect(pending.reasons).toEqual(['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准']);
      // the reported count counts it at once; the 仅计已认定 one does not yet
      expect(await actual('QYGS')).toBe('1');
      expect(await actual('RDQY')).toBe('0');
      expect(await totalOfT02()).toBe('0');
    });

    it("should keep the event from another unit's reporter and let no reporter decide", async () => {
      expect((await queue('rep_t01', `projectId=${project.id}`)).items).toEqual([]);
      expect((await queue('rep_t02', `projectId=${project.id}`)).items).toHaveLength(1);
      await api('rep_t02')
        .post(`/verifications/${signed.id}/decision`, { decision: 'verified', version: signed.version })
        .expect(403);
      await api('leader')
        .post(`/verifications/${signed.id}/decision`, { decision: 'verified', version: signed.version })
        .expect(403);
      await api('rep_t01').post(`/verifications/${signed.id}/appeal`, { note: '申诉', version: 1 }).expect(404);
      expect((await eventOf(project.id, 'signed')).version).toBe(signed.version);
    });

    it('should refuse a rejection without a reason, or with one not in the plan', async () => {
      const none = await api('admin')
        .post(`/verifications/${signed.id}/decision`, { decision: 'rejected', version: signed.version })
        .expect(422);
      expect(none.body.details[0]).toMatchObject({ field: 'reason' });
      await api('admin')
        .post(`/verifications/${signed.id}/decision`, { decision: 'rejected', reason: '领导不满意', version: signed.version })
        .expect(422);
      await api('admin')
        .post(`/verifications/${signed.id}/decision`, { decision: 'verified', reason: '佐证不足', version: signed.version })
        .expect(422);
      expect((await eventOf(project.id, 'signed')).status).toBe('pending');
    });

    it('should answer 409 to a stale version and write nothing', async () => {
      const res = await api('admin')
        .post(`/verifications/${signed.id}/decision`, { decision: 'verified', version: signed.version + 1 })
        .expect(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
      expect((await eventOf(project.id, 'signed')).status).toBe('pending');
    });

    it('should verify: the 仅计已认定 indicator counts it, audited with before/after, the unit told', async () => {
      const res = await api('admin')
        .post(`/verifications/${signed.id}/decision`, {
          decision: 'verified',
          note: '合同、营业执照齐全',
          version: signed.version,
        })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'verified', note: '合同、营业执照齐全', decidedBy: '招商局管理员' });
      expect(await actual('RDQY')).toBe('1');
      expect(await actual('QYGS')).toBe('1');
      // the ranking counts it now: 1 of 2 → 50% × 10 points
      expect(await totalOfT02()).toBe('5');
      await expectDeltaEqualsRebuild();

      const audit = await t.dataSource.query(
        `SELECT action, before, after FROM audit_event
          WHERE object_type = 'verification' AND object_id = $1 AND action LIKE 'verification.%'`,
        [String(signed.id)],
      );
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'verification.verify',
          before: expect.objectContaining({ status: 'pending', note: null }),
          after: expect.objectContaining({ status: 'verified', note: '合同、营业执照齐全' }),
        }),
      ]);
      const notices = await inbox('rep_t02');
      expect(notices[0]).toMatchObject({ title: '认定结果', link: `/projects?projectId=${project.id}` });
      expect(notices[0]!.body).toContain('青山镇年产5万吨竹木精深加工项目」的签约（2026-06-10）已认定');
      expect(await inbox('rep_t01')).toEqual([]);

      const again = await api('admin')
        .post(`/verifications/${signed.id}/decision`, { decision: 'rejected', reason: '佐证不足', version: res.body.version })
        .expect(409);
      expect(again.body.code).toBe('VERIFICATION_NOT_PENDING');
    });

    it('should put the event back to pending when its figures are corrected after 认定', async () => {
      const current = (await api('rep_t02').get(`/projects/${project.id}`).expect(200)).body as ProjectDetail;
      await api('rep_t02')
        .patch(`/projects/${project.id}`, { version: current.version, agreedInvestmentWan: '58000' })
        .expect(200);
      expect(await eventOf(project.id, 'signed')).toMatchObject({
        status: 'pending',
        amountWan: '58000',
        previousStatus: 'verified',
        reopenedAt: expect.any(String),
        decidedBy: null,
      });
      expect(await actual('RDQY')).toBe('0');
      await expectDeltaEqualsRebuild();
    });

    it('should count a fund entry only once verified', async () => {
      await api('rep_t02').put(`/projects/${project.id}/funds/2026-07`, { amountWan: '3000' }).expect(200);
      const fund = await eventOf(project.id, 'fund');
      expect(fund).toMatchObject({ fundMonth: '2026-07', amountWan: '3000', status: 'pending' });
      expect(await actual('RDDW')).toBe('0');
      await api('admin')
        .post(`/verifications/${fund.id}/decision`, { decision: 'verified', version: fund.version })
        .expect(200);
      expect(await actual('RDDW')).toBe('3000');
    });
  });

  describe('a rejection and its one appeal', () => {
    let row: VerificationRow;

    beforeAll(async () => {
      const project = await createProject('rep_t02', 'T02', {
        name: '青山镇冷链物流仓储中心项目',
        investorName: '厦门海联冷链物流有限公司',
        investorCreditCode: creditCode(502),
        agreedInvestmentWan: '12000',
        fortune500Kind: null,
        stageDate: '2026-07-15',
      });
      row = await eventOf(project.id, 'signed');
      const res = await api('admin')
        .post(`/verifications/${row.id}/decision`, {
          decision: 'rejected',
          reason: '突击上报',
          note: '考核节点前五日集中签约，未见履约保证金',
          version: row.version,
        })
        .expect(200);
      row = res.body;
    });

    it('should tell the unit the reason and that it may appeal once', async () => {
      expect(row).toMatchObject({ status: 'rejected', reason: '突击上报', canAppeal: true });
      const notice = (await inbox('rep_t02')).find((n) => n.body.includes('冷链物流'))!;
      expect(notice.body).toContain('不予认定，原因：突击上报');
      expect(notice.body).toContain('可在项目页面申诉一次');
    });

    it('should take the appeal from the unit only, at the current version', async () => {
      await api('admin').post(`/verifications/${row.id}/appeal`, { note: '已补充', version: row.version }).expect(403);
      await api('rep_t02').post(`/verifications/${row.id}/appeal`, { note: '已补充', version: row.version - 1 }).expect(409);
      await api('rep_t02').post(`/verifications/${row.id}/appeal`, { note: '  ', version: row.version }).expect(400);
      const res = await api('rep_t02')
        .post(`/verifications/${row.id}/appeal`, {
          note: '已补充履约保证金缴款凭证，项目系年初洽谈、七月正式签约',
          version: row.version,
        })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'pending', isAppealed: true, reason: '突击上报', canAppeal: false });
      const appealed = await queue('admin', 'status=appealed');
      expect(appealed.items.map((v) => v.id)).toEqual([row.id]);
      // appeals come first in the pending queue
      expect((await queue('admin', 'status=pending')).items[0]!.id).toBe(row.id);
      row = res.body;
    });

    it('should make the decision on the appeal final', async () => {
      const again = await api('rep_t02').post(`/verifications/${row.id}/appeal`, { note: '再次申诉', version: row.version });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('VERIFICATION_APPEAL_NOT_ALLOWED');
      const res = await api('admin')
        .post(`/verifications/${row.id}/decision`, { decision: 'rejected', reason: '突击上报', version: row.version })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'rejected', isAppealed: true, canAppeal: false });
      const third = await api('rep_t02').post(`/verifications/${row.id}/appeal`, { note: '第三次', version: res.body.version });
      expect(third.status).toBe(409);
      expect(third.body.code).toBe('VERIFICATION_APPEAL_NOT_ALLOWED');
      const notice = (await inbox('rep_t02')).find((n) => n.body.includes('申诉复核结论'));
      expect(notice).toBeDefined();
      const actions = await t.dataSource.query(
        `SELECT action FROM audit_event
          WHERE object_type = 'verification' AND object_id = $1 AND action LIKE 'verification.%' ORDER BY id`,
        [String(row.id)],
      );
      expect(actions.map((a: { action: string }) => a.action)).toEqual([
        'verification.reject',
        'verification.appeal',
        'verification.reject',
      ]);
    });
  });

  describe('counted once across units and years', () => {
    it('should catch a re-signing of last year\'s project by another unit and pre-fill 跨年重签', async () => {
      const code = creditCode(503);
      await createProject('rep_t01', 'T01', {
        name: '城关镇高端装备制造产业园项目',
        investorName: '江苏恒力重工装备有限公司',
        investorCreditCode: code,
        agreedInvestmentWan: '80000',
        fortune500Kind: null,
        stageDate: '2025-09-12',
      });
      const again = await createProject('rep_t02', 'T02', {
        name: '高端装备制造产业园项目（二期）',
        investorName: '江苏恒力重工装备有限公司',
        investorCreditCode: code,
        agreedInvestmentWan: '80000',
        fortune500Kind: null,
        stageDate: '2026-07-01',
      });
      const row = await eventOf(again.id, 'signed');
      expect(row).toMatchObject({ suggestedDecision: 'rejected', suggestedReason: '跨年重签' });
      expect(row.duplicates).toEqual([
        expect.objectContaining({
          unitName: '城关镇',
          signedDate: '2025-09-12',
          reason: 'same_credit_code',
          rules: ['other_unit', 'resigned_cross_year'],
        }),
      ]);
      // the project page shows the same candidates with their rules
      const detail = (await api('rep_t02').get(`/projects/${again.id}`).expect(200)).body as ProjectDetail;
      expect(detail.duplicates[0]!.rules).toEqual(['other_unit', 'resigned_cross_year']);
    });
  });

  describe("a plan's reasons", () => {
    it('should be configurable and validated, and a rejection takes only them', async () => {
      const plan = (await api('admin').get(`/plans/${planId}`).expect(200)).body;
      expect(plan.verificationReasons).toContain('跨年重签');
      const bad = await api('admin')
        .patch(`/plans/${planId}`, { version: plan.version, verificationReasons: ['佐证不足', '佐证不足'] })
        .expect(400);
      expect(bad.body.details[0].field).toContain('verificationReasons');
      await api('admin')
        .patch(`/plans/${planId}`, { version: plan.version, verificationReasons: ['佐证不足', '重复统计'] })
        .expect(200);
      const project = await createProject('rep_t02', 'T02', {
        name: '青山镇生态康养旅游综合体项目',
        investorName: '浙江云栖文旅发展有限公司',
        investorCreditCode: creditCode(504),
        agreedInvestmentWan: '30000',
        fortune500Kind: null,
        stageDate: '2026-05-20',
      });
      const row = await eventOf(project.id, 'signed');
      await api('admin')
        .post(`/verifications/${row.id}/decision`, { decision: 'rejected', reason: '突击上报', version: row.version })
        .expect(422);
      await api('admin')
        .post(`/verifications/${row.id}/decision`, { decision: 'rejected', reason: '重复统计', version: row.version })
        .expect(200);
    });
  });

  describe('an indicator switched to 仅计已认定', () => {
    it('should validate the setting and count only the verified signings from then on', async () => {
      const indicator = (await api('admin').get(`/plans/${planId}/indicators`).expect(200)).body.items.find(
        (i: { code: string }) => i.code === 'QYGS',
      );
      const bad = await api('admin')
        .patch(`/indicators/${indicator.id}`, {
          version: indicator.version,
          ledgerRule: { measure: 'count', event: 'signed', verifiedOnly: 'yes' },
        })
        .expect(400);
      expect(JSON.stringify(bad.body.details)).toContain('verifiedOnly');
      // 青山镇 has signed four in 2026 and none is 已认定 now: the first was corrected back to pending, 冷链 and
      // 生态康养 were refused, the re-signing waits — so none counts once the switch is on
      expect(await actual('QYGS')).toBe('4');
      await api('admin')
        .patch(`/indicators/${indicator.id}`, {
          version: indicator.version,
          ledgerRule: { measure: 'count', event: 'signed', verifiedOnly: true },
        })
        .expect(200);
      expect(await actual('QYGS')).toBe('0');
      await expectDeltaEqualsRebuild();
    });
  });

  describe('the 通报 of a plan that counts only verified events', () => {
    it('should split the events 已认定/待认定/不予认定 and list the 不予认定 ones with their reasons', async () => {
      await api('admin').post(`/plans/${planId}/months/2026-06/close`, {}).expect(200);
      await t.app.get(MonthCloseHooks).idle();
      const generated = await api('admin').post(`/plans/${planId}/months/2026-06/briefing`, {});
      expect([200, 201]).toContain(generated.status);
      const doc = await readDocx((await download(t.http, auth.admin, `/plans/${planId}/months/2026-06/briefing.docx`)).body);
      const text = doc.paragraphs.join('\n');
      expect(text).toContain('（三）项目认定情况');
      expect(text).toContain('签约项目个数、已认定签约项目、已认定到位资金仅计已认定的项目事项');
      // June: 青山镇's 5.80亿元 signing (pending again after its correction) and 生态康养 3.00亿元 (不予认定);
      // 城关镇's 2025 signing is another year
      expect(text).toContain('签约项目：已认定0个、0.00亿元；待认定1个、5.80亿元；不予认定1个、3.00亿元。');
      expect(text).toContain('2. 不予认定项目清单');
      const annex = doc.tables.find((tb) => tb[0]?.[0] === '单位' && tb[0]?.[6] === '不予认定原因')!;
      expect(annex.slice(1)).toEqual([
        ['青山镇', expect.any(String), '青山镇生态康养旅游综合体项目', '签约', '2026-05-20', '3.00', '重复统计', ''],
      ]);
      const book = await readXlsx(
        (await download(t.http, auth.admin, `/plans/${planId}/months/2026-06/briefing.xlsx`)).body,
      );
      const sheet = book.getWorksheet('不予认定项目')!;
      const values = (sheet.getRow(3).values as unknown[]).slice(1);
      expect(values).toEqual(expect.arrayContaining(['青山镇', '青山镇生态康养旅游综合体项目', '重复统计']));
      expect(book.getWorksheet('项目认定情况')).toBeDefined();
    });
  });
});
