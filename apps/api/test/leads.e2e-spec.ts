import { businessDate } from '@pacer/shared';

import { LeadsService } from '../src/modules/leads/leads.service';
import { createTestApp, type TestApp } from './create-test-app';
import { creditCode, insertProject } from './factories/project.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

type Who = 'admin' | 'leader' | 'rep_t01' | 'rep_t02';

/** A date n days before today in Asia/Shanghai (negative: after). */
function daysAgo(n: number): string {
  const [y, m, d] = businessDate(new Date()).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

describe('leads and the 客商库 (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth = {} as Record<Who, string>;
  const HENGRUI = { name: '江苏恒瑞新材料科技有限公司', creditCode: creditCode(17, '320500') };

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });
  const audits = (action: string, id: number | string) =>
    t.dataSource.query('SELECT before, after, detail FROM audit_event WHERE action = $1 AND object_id = $2 ORDER BY id', [
      action,
      String(id),
    ]);
  const lead = (unitId: number, over: Record<string, unknown> = {}) => ({
    title: '恒瑞新材料年产5万吨锂电隔膜项目',
    unitId,
    ownerName: '王建国',
    investor: HENGRUI,
    intendedInvestmentWan: '50000',
    source: 'expo',
    foundOn: daysAgo(40),
    ...over,
  });
  const create = async (who: Who, body: object) => {
    const res = await api(who).post('/leads', body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number; version: number; code: string; investor: { id: number } } & Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, [
      ...SMALL_COUNTY,
      { code: 'ZB01', name: '新能源汽车产业链招商专班', category: 'task_force', parent: 'XIAN' },
    ]);
    users = await insertStandardUsers(t.dataSource, units);
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02'] as const) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should register a lead with a code, its first status, an owner user, a 专班 and the company added once', async () => {
    const body = await create(
      'rep_t01',
      lead(units.T01!, { ownerUserId: users.reporterT01, ownerName: undefined, taskForceUnitId: units.ZB01 }),
    );
    expect(body.code).toBe(`XS${daysAgo(40).slice(0, 4)}-${String(body.id).padStart(6, '0')}`);
    expect(body).toMatchObject({
      status: 'new',
      unitName: '城关镇',
      ownerUserId: users.reporterT01,
      ownerName: '城关镇填报员',
      taskForceUnitName: '新能源汽车产业链招商专班',
      intendedInvestmentWan: '50000',
      investor: { name: HENGRUI.name, creditCode: HENGRUI.creditCode },
      statusChanges: [{ fromStatus: null, toStatus: 'new', changedOn: daysAgo(40) }],
      isDormant: true,
      quietDays: 40,
    });
    expect(await audits('lead.create', body.id)).toHaveLength(1);
    expect(await audits('investor.create', body.investor.id)).toHaveLength(1);
    // the same company by its code under another spelling, then by its name alone: one row of the library
    const again = await create('rep_t02', lead(units.T02!, { investor: { name: '恒瑞新材料（江苏）', creditCode: HENGRUI.creditCode } }));
    const byName = await create('rep_t02', lead(units.T02!, { investor: { name: ' 江苏恒瑞新材料科技有限公司 ' } }));
    expect(again.investor.id).toBe(body.investor.id);
    expect(byName.investor.id).toBe(body.investor.id);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM investor');
    expect(n).toBe(1);
  });

  it.each([
    ['no owner at all', { ownerName: undefined }, 422, 'ownerName'],
    ['an owner of another unit', { ownerUserId: 0 }, 422, 'ownerUserId'],
    ['a 专班 that is a town', { taskForceUnitId: 'T02' }, 422, 'taskForceUnitId'],
    ['an unknown chain link', { chainLinkId: 999999 }, 422, 'chainLinkId'],
    ['a bad credit code', { investor: { name: '某公司', creditCode: '91320500000000017X' } }, 400, 'investor.creditCode'],
    ['a found day in the future', { foundOn: daysAgo(-2) }, 422, 'foundOn'],
    ['a float amount', { intendedInvestmentWan: 5e4 }, 400, 'intendedInvestmentWan'],
  ])('should refuse a lead with %s', async (_what, over, status, field) => {
    const body = lead(units.T01!, over) as Record<string, unknown>;
    if (body.ownerUserId === 0) body.ownerUserId = users.reporterT02;
    if (body.taskForceUnitId === 'T02') body.taskForceUnitId = units.T02;
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM lead');
    const res = await api('rep_t01').post('/leads', body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.details)).toContain(field);
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM lead');
    expect(after).toBe(before);
  });

  it("should refuse a reporter another unit's lead: creating, reading, editing, following up", async () => {
    expect((await api('rep_t01').post('/leads', lead(units.T02!))).status).toBe(403);
    const theirs = await create('rep_t02', lead(units.T02!, { title: '青山镇文旅康养综合体项目', investor: { name: '浙江绿源文旅集团有限公司' } }));
    expect((await api('rep_t01').get(`/leads/${theirs.id}`)).status).toBe(404);
    expect((await api('rep_t01').patch(`/leads/${theirs.id}`, { version: theirs.version, title: '改' })).status).toBe(404);
    const fu = await api('rep_t01').post(`/leads/${theirs.id}/follow-ups`, {
      followedOn: daysAgo(1),
      way: 'call',
      people: '城关镇填报员',
      agreed: '越权跟进',
    });
    expect(fu.status).toBe(404);
    const list = await api('rep_t01').get('/leads').expect(200);
    expect(JSON.stringify(list.body)).not.toContain('青山镇文旅康养综合体项目');
    const all = await api('leader').get('/leads?pageSize=200').expect(200);
    expect(JSON.stringify(all.body)).toContain('青山镇文旅康养综合体项目');
    expect((await api('leader').post('/leads', lead(units.T02!))).status).toBe(403);
  });

  it('should move a follow-up onto the lead: last follow-up, next step, its date; 沉睡 cleared; older ones keep the trail', async () => {
    const l = await create('rep_t01', lead(units.T01!, { title: '城关镇智能装备产业园项目', foundOn: daysAgo(60) }));
    expect(l.isDormant).toBe(true);
    const res = await api('rep_t01')
      .post(`/leads/${l.id}/follow-ups`, {
        followedOn: daysAgo(3),
        way: 'visit',
        people: '王建国、企业投资总监李明',
        agreed: '企业确认来县考察，初步意向选址开发区东区',
        nextStep: '邀请企业高层来县实地考察',
        nextStepDue: daysAgo(-10),
      })
      .expect(201);
    expect(res.body).toMatchObject({
      lastFollowUpOn: daysAgo(3),
      nextStep: '邀请企业高层来县实地考察',
      nextStepDue: daysAgo(-10),
      isDormant: false,
      isOverdue: false,
      quietDays: 3,
      version: l.version + 1,
    });
    expect(res.body.followUps).toHaveLength(1);
    // a follow-up typed in late (older) is kept but does not move the next step back
    const older = await api('rep_t01')
      .post(`/leads/${l.id}/follow-ups`, {
        followedOn: daysAgo(20),
        way: 'call',
        people: '王建国',
        agreed: '电话了解企业扩产计划',
        nextStep: '寄送投资指南',
        nextStepDue: daysAgo(15),
      })
      .expect(201);
    expect(older.body).toMatchObject({ lastFollowUpOn: daysAgo(3), nextStep: '邀请企业高层来县实地考察' });
    expect(older.body.followUps.map((f: { followedOn: string }) => f.followedOn)).toEqual([daysAgo(3), daysAgo(20)]);
    expect(await audits('lead.follow_up', l.id)).toHaveLength(2);
    const listed = await api('rep_t01').get(`/leads/${l.id}/follow-ups`).expect(200);
    expect(listed.body.items).toHaveLength(2);
    // a due date without a step, a future follow-up: refused
    const bad = await api('rep_t01').post(`/leads/${l.id}/follow-ups`, {
      followedOn: daysAgo(-1),
      way: 'call',
      people: '王建国',
      agreed: '明天的跟进',
    });
    expect(bad.status).toBe(422);
  });

  it('should walk 新线索 → 洽谈中 → 已签约 with a project of the unit, each change on the trail with its day', async () => {
    const l = await create('rep_t01', lead(units.T01!, { title: '城关镇冷链物流中心项目' }));
    const moved = await api('rep_t01')
      .patch(`/leads/${l.id}`, { version: l.version, status: 'negotiating', statusChangedOn: daysAgo(10) })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'negotiating', statusChangedOn: daysAgo(10) });
    // signing needs a project; another unit's project is refused; a project of the unit is linked
    const noProject = await api('rep_t01').patch(`/leads/${l.id}`, { version: moved.body.version, status: 'signed' });
    expect(noProject.status).toBe(422);
    expect(noProject.body.details[0].field).toBe('projectId');
    const theirs = await insertProject(t.dataSource, { unitId: units.T02!, name: '青山镇冷链物流项目', stage: 'signed', signedDate: daysAgo(2) });
    const wrong = await api('admin').patch(`/leads/${l.id}`, { version: moved.body.version, status: 'signed', projectId: theirs });
    expect(wrong.status).toBe(422);
    const ours = await insertProject(t.dataSource, { unitId: units.T01!, name: '城关镇冷链物流中心项目', stage: 'signed', signedDate: daysAgo(2) });
    const signed = await api('rep_t01')
      .patch(`/leads/${l.id}`, { version: moved.body.version, status: 'signed', projectId: ours, statusChangedOn: daysAgo(2) })
      .expect(200);
    expect(signed.body).toMatchObject({ status: 'signed', projectId: ours, projectName: '城关镇冷链物流中心项目', isDormant: false });
    // the signed project now names the lead's company (matched by id on the company's page), audited
    const [project] = await t.dataSource.query('SELECT investor_id AS "investorId" FROM project WHERE id = $1', [ours]);
    expect(project.investorId).toBe(l.investor.id);
    expect(await audits('project.investor', ours)).toHaveLength(1);
    expect(signed.body.statusChanges.map((c: { toStatus: string; changedOn: string }) => [c.toStatus, c.changedOn])).toEqual([
      ['new', daysAgo(40)],
      ['negotiating', daysAgo(10)],
      ['signed', daysAgo(2)],
    ]);
    const trail = await audits('lead.status', l.id);
    expect(trail.map((a: { detail: { to: string } }) => a.detail.to)).toEqual(['negotiating', 'signed']);
    // signed is final; a stale version is a 409
    const back = await api('rep_t01').patch(`/leads/${l.id}`, { version: signed.body.version, status: 'shelved', reason: '反悔' });
    expect(back.status).toBe(422);
    const stale = await api('rep_t01').patch(`/leads/${l.id}`, { version: moved.body.version, title: '旧版本' });
    expect(stale.status).toBe(409);
  });

  it('should shelve only with a reason, and take a shelved lead up again with one', async () => {
    const l = await create('rep_t02', lead(units.T02!, { title: '青山镇生物医药中试基地', investor: { name: '上海瑞康生物医药有限公司' } }));
    const noReason = await api('rep_t02').patch(`/leads/${l.id}`, { version: l.version, status: 'shelved' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.details[0].field).toBe('reason');
    const shelved = await api('rep_t02')
      .patch(`/leads/${l.id}`, { version: l.version, status: 'shelved', reason: '企业投资计划调整，暂缓' })
      .expect(200);
    expect(shelved.body).toMatchObject({ status: 'shelved', shelvedReason: '企业投资计划调整，暂缓', isDormant: false });
    const fu = await api('rep_t02').post(`/leads/${l.id}/follow-ups`, { followedOn: daysAgo(0), way: 'call', people: '张', agreed: '无' });
    expect(fu.status).toBe(422);
    const [change] = await t.dataSource.query(
      `SELECT reason, to_char(changed_on, 'YYYY-MM-DD') AS day FROM lead_status_change WHERE lead_id = $1 AND to_status = 'shelved'`,
      [l.id],
    );
    expect(change).toEqual({ reason: '企业投资计划调整，暂缓', day: daysAgo(0) });
    const reopened = await api('rep_t02')
      .patch(`/leads/${l.id}`, { version: shelved.body.version, status: 'negotiating', reason: '企业重新启动投资计划' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'negotiating', shelvedReason: null });
  });

  it('should filter by status, 沉睡 and overdue, and count them for the dashboard', async () => {
    const overdue = await create(
      'rep_t01',
      lead(units.T01!, { title: '城关镇预制菜加工项目', foundOn: daysAgo(5), nextStep: '报送项目用地需求', nextStepDue: daysAgo(1) }),
    );
    const res = await api('rep_t01').get('/leads?isOverdue=true').expect(200);
    expect(res.body.items.map((r: { id: number }) => r.id)).toEqual([overdue.id]);
    const dormant = await api('rep_t01').get('/leads?isDormant=true&pageSize=100').expect(200);
    expect(dormant.body.items.every((r: { isDormant: boolean; quietDays: number }) => r.isDormant && r.quietDays >= 30)).toBe(true);
    expect(dormant.body.items.map((r: { id: number }) => r.id)).not.toContain(overdue.id);
    const summary = await api('rep_t01').get('/leads/summary').expect(200);
    expect(summary.body).toMatchObject({ overdue: 1, dormant: dormant.body.total, dormantDays: 30 });
    const negotiating = await api('admin').get(`/leads?status=negotiating&unitId=${units.T02}`).expect(200);
    expect(negotiating.body.items.map((r: { title: string }) => r.title)).toEqual(['青山镇生物医药中试基地']);
    const bad = await api('admin').get('/leads?isDormant=perhaps');
    expect(bad.status).toBe(400);
  });

  it('should let only the office change the 沉睡 days (audited), and flag by the new number', async () => {
    expect((await api('rep_t01').put('/leads/settings', { dormantDays: 90 })).status).toBe(403);
    expect((await api('admin').put('/leads/settings', { dormantDays: 3 })).status).toBe(400);
    await api('admin').put('/leads/settings', { dormantDays: 45 }).expect(200);
    expect((await api('rep_t01').get('/leads/settings').expect(200)).body).toEqual({ dormantDays: 45 });
    const forty = await api('rep_t01').get('/leads?pageSize=200').expect(200);
    const found40 = forty.body.items.filter((r: { quietDays: number; status: string }) => r.quietDays === 40 && r.status === 'new');
    expect(found40.length).toBeGreaterThan(0);
    expect(found40.every((r: { isDormant: boolean }) => !r.isDormant)).toBe(true);
    expect(await audits('leads.settings', 'leads.dormant_days')).toHaveLength(1);
    await api('admin').put('/leads/settings', { dormantDays: 30 }).expect(200);
  });

  it('should remind the owner and the unit once when a next step passes, and again only for a new next step', async () => {
    const service = t.app.get(LeadsService);
    await t.dataSource.query(`UPDATE lead SET next_step_reminded_on = NULL`);
    const l = await create(
      'rep_t02',
      lead(units.T02!, {
        title: '青山镇光伏组件项目',
        ownerUserId: users.reporterT02,
        ownerName: undefined,
        foundOn: daysAgo(9),
        nextStep: '提交项目建议书',
        nextStepDue: daysAgo(2),
      }),
    );
    const notices = async () =>
      t.dataSource.query(
        `SELECT user_id AS "userId", body FROM notification WHERE kind = 'lead.next_step_overdue' AND link = $1 ORDER BY id`,
        [`/leads/${l.id}`],
      );
    const first = await service.remindOverdue();
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect((await notices()).map((n: { userId: number }) => n.userId)).toEqual([users.reporterT02]);
    expect((await notices())[0].body).toContain('提交项目建议书');
    await service.remindOverdue();
    expect(await notices()).toHaveLength(1);
    // a new follow-up with a new next step (then passing) is reminded once more
    await api('rep_t02')
      .post(`/leads/${l.id}/follow-ups`, {
        followedOn: daysAgo(1),
        way: 'meeting',
        people: '青山镇填报员',
        agreed: '项目建议书已收到',
        nextStep: '组织项目评审',
        nextStepDue: daysAgo(0),
      })
      .expect(201);
    await service.remindOverdue();
    expect(await notices()).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    await service.remindOverdue(tomorrow);
    expect(await notices()).toHaveLength(2);
    expect((await notices())[1].body).toContain('组织项目评审');
  });

  it('should show a company with every unit’s leads and projects, find it by code and name, and similar names', async () => {
    await insertProject(t.dataSource, {
      unitId: units.D01!,
      name: '恒瑞新材料锂电隔膜二期',
      investorName: '江苏恒瑞新材料科技有限公司',
      stage: 'negotiating',
    });
    await insertProject(t.dataSource, {
      unitId: units.P01!,
      name: '恒瑞研发中心',
      investorName: '恒瑞新材料（江苏）',
      investorCreditCode: HENGRUI.creditCode,
      stage: 'signed',
      signedDate: daysAgo(30),
    });
    const found = await api('rep_t01').get(`/investors?q=${HENGRUI.creditCode}`).expect(200);
    expect(found.body.items).toHaveLength(1);
    const byName = await api('rep_t01').get(`/investors?q=${encodeURIComponent('恒瑞新材料')}`).expect(200);
    expect(byName.body.items.map((i: { id: number }) => i.id)).toEqual([found.body.items[0].id]);
    const [{ n: leadCount }] = await t.dataSource.query('SELECT count(*)::int AS n FROM lead WHERE investor_id = $1', [
      found.body.items[0].id,
    ]);
    expect(leadCount).toBeGreaterThanOrEqual(3);
    expect(found.body.items[0]).toMatchObject({ leadCount, projectCount: 3 });
    const page = await api('rep_t01').get(`/investors/${found.body.items[0].id}`).expect(200);
    expect(page.body.leads).toHaveLength(leadCount);
    expect(new Set(page.body.leads.map((l: { unitName: string }) => l.unitName))).toEqual(new Set(['城关镇', '青山镇']));
    expect(page.body.projects.map((p: { name: string; matchedBy: string }) => [p.name, p.matchedBy]).sort()).toEqual([
      ['城关镇冷链物流中心项目', 'investorId'],
      ['恒瑞新材料锂电隔膜二期', 'name'],
      ['恒瑞研发中心', 'creditCode'],
    ]);
    // a near-duplicate without a code is added, and each shows the other as similar
    const typo = await api('rep_t02').post('/investors', { name: '江苏恒瑞新材科技有限公司', contacts: [{ name: '李明', phone: '13812345678' }] }).expect(201);
    expect(typo.body).toMatchObject({ added: true, investor: { contacts: [{ name: '李明', phone: '13812345678' }] } });
    expect(typo.body.investor.similar.map((s: { id: number }) => s.id)).toEqual([found.body.items[0].id]);
    const same = await api('rep_t01').post('/investors', { name: '江苏恒瑞新材科技有限公司' }).expect(201);
    expect(same.body).toMatchObject({ added: false, investor: { id: typo.body.investor.id } });
  });

  it('should let the office edit a company (audited, versioned) and refuse reporters and a taken code', async () => {
    const created = await api('admin').post('/investors', { name: '安徽江淮智能装备有限公司', origin: 'out_of_province' }).expect(201);
    const id = created.body.investor.id;
    expect((await api('rep_t01').patch(`/investors/${id}`, { version: 1, name: '改名' })).status).toBe(403);
    expect((await api('leader').patch(`/investors/${id}`, { version: 1, name: '改名' })).status).toBe(403);
    const taken = await api('admin').patch(`/investors/${id}`, { version: 1, creditCode: HENGRUI.creditCode });
    expect(taken.status).toBe(409);
    const edited = await api('admin')
      .patch(`/investors/${id}`, {
        version: 1,
        name: '安徽江淮智能装备股份有限公司',
        creditCode: creditCode(88, '340100'),
        contacts: [{ name: '陈刚', title: '董事长助理', phone: '0551-62345678' }],
      })
      .expect(200);
    expect(edited.body).toMatchObject({ name: '安徽江淮智能装备股份有限公司', version: 2, contacts: [{ name: '陈刚' }] });
    expect((await api('admin').patch(`/investors/${id}`, { version: 1, note: '旧' })).status).toBe(409);
    const [audit] = await audits('investor.update', id);
    expect(audit.before.name).toBe('安徽江淮智能装备有限公司');
    expect(audit.after.contacts[0].name).toBe('陈刚');
  });
});
