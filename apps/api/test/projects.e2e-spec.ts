import { addMonths, businessDate, businessMonth } from '@pacer/shared';

import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import { creditCode, INVESTORS, insertProject, projectPayload } from './factories/project.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

type Who = 'admin' | 'leader' | 'rep_t01' | 'rep_t02';

/** A date n days before today in Asia/Shanghai (negative: after). */
function daysAgo(n: number): string {
  const [y, m, d] = businessDate(new Date()).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

describe('projects (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth = {} as Record<Who, string>;

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object) =>
      t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    patch: (path: string, body: object) =>
      t.http.patch(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    put: (path: string, body: object) =>
      t.http.put(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    delete: (path: string, body: object) =>
      t.http.delete(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });
  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const rawProject = async (id: number) =>
    (await t.dataSource.query('SELECT * FROM project WHERE id = $1', [id]))[0];
  const audits = (action: string, id: number) =>
    t.dataSource.query(
      'SELECT before, after, detail FROM audit_event WHERE action = $1 AND object_id = $2 ORDER BY id',
      [action, String(id)],
    );
  const create = async (who: Who, body: object) => {
    const res = await api(who).post('/projects', body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      project: { id: number; version: number; code: string };
      duplicates: Array<Record<string, unknown>>;
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    Object.assign(units, await insertUnits(t.dataSource, [{ code: 'LX', name: '邻县', category: 'county' }]));
    users = await insertStandardUsers(t.dataSource, units);
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02'] as const)
      auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should create a project with a code, shares 60/40 summing to 100, its first event and an audit row', async () => {
    const { project } = await create(
      'rep_t01',
      projectPayload(units.T01!, {
        shares: [{ unitId: units.D01!, sharePct: '40' }],
        stage: 'signed',
        stageDate: daysAgo(3),
      }),
    );
    expect(project.code).toBe(
      `XM${businessDate(new Date()).slice(0, 4)}-${String(project.id).padStart(6, '0')}`,
    );
    expect(project).toMatchObject({
      agreedInvestmentWan: '150000',
      stage: 'signed',
      signedDate: daysAgo(3),
      leadDate: null,
      unitName: '城关镇',
      shares: [
        { unitId: units.T01, unitName: '城关镇', sharePct: '60' },
        { unitId: units.D01, unitName: '县发展和改革局', sharePct: '40' },
      ],
      events: [{ stage: 'signed', eventDate: daysAgo(3), isCorrection: false, createdBy: '城关镇填报员' }],
    });
    const shares = await t.dataSource.query(
      'SELECT unit_id AS "unitId", share_pct::text AS pct FROM project_share WHERE project_id = $1 ORDER BY share_pct DESC',
      [project.id],
    );
    expect(shares).toEqual([
      { unitId: units.T01, pct: '60.0000' },
      { unitId: units.D01, pct: '40.0000' },
    ]);
    expect((await rawProject(project.id)).created_by).toBe(users.reporterT01);
    expect(await audits('project.create', project.id)).toHaveLength(1);
  });

  it('should have the database itself refuse shares that do not sum to 100', async () => {
    const id = await insertProject(t.dataSource, {
      unitId: units.T01!,
      name: '县乡共建现代农业产业园',
      shares: [{ unitId: units.T02!, sharePct: '30' }],
    });
    await expect(
      t.dataSource.query('UPDATE project_share SET share_pct = 50 WHERE project_id = $1 AND unit_id = $2', [
        id,
        units.T02,
      ]),
    ).rejects.toThrow(/sum to 100/);
    await expect(
      t.dataSource.query('DELETE FROM project_share WHERE project_id = $1 AND unit_id = $2', [id, units.T01]),
    ).rejects.toThrow(/sum to 100/);
    const rows = await t.dataSource.query(
      'SELECT share_pct::text AS pct FROM project_share WHERE project_id = $1 ORDER BY 1',
      [id],
    );
    expect(rows).toEqual([{ pct: '30.0000' }, { pct: '70.0000' }]);
  });

  it.each([
    [
      'shares over 100',
      [
        { unitId: 'D01', sharePct: '60' },
        { unitId: 'P01', sharePct: '50' },
      ],
      'shares',
    ],
    ['shares leaving the responsible unit 0', [{ unitId: 'D01', sharePct: '100' }], 'shares'],
    [
      'a unit twice',
      [
        { unitId: 'D01', sharePct: '10' },
        { unitId: 'D01', sharePct: '10' },
      ],
      'shares.1.unitId',
    ],
    ['the responsible unit listed', [{ unitId: 'T01', sharePct: '10' }], 'shares.0.unitId'],
    ['a share of 0', [{ unitId: 'D01', sharePct: '0' }], 'shares.0.sharePct'],
    ['an unknown unit', [{ unitId: 'NONE', sharePct: '10' }], 'shares.0.unitId'],
  ])('should refuse %s with 422 and write nothing', async (_case, given, field) => {
    const before = [await count('project'), await count('project_share'), await count('project_event')];
    const shares = given.map((s) => ({ unitId: units[s.unitId] ?? 999999, sharePct: s.sharePct }));
    const res = await api('rep_t01').post('/projects', projectPayload(units.T01!, { shares }));
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect([await count('project'), await count('project_share'), await count('project_event')]).toEqual(
      before,
    );
  });

  it.each([
    ['agreedInvestmentWan', { agreedInvestmentWan: 'NaN' }],
    ['agreedInvestmentWan', { agreedInvestmentWan: '-1' }],
    ['agreedInvestmentWan', { agreedInvestmentWan: '1e309' }],
    ['agreedInvestmentWan', { agreedInvestmentWan: '1,000' }],
    ['agreedInvestmentWan', { agreedInvestmentWan: '0.00001' }],
    ['agreedInvestmentWan', { agreedInvestmentWan: 123 }],
    ['investorCreditCode', { investorCreditCode: '91350900587527783Q' }],
    ['investorCreditCode', { investorCreditCode: '9135090058752778' }],
    ['origin', { origin: 'mars' }],
    ['stageDate', { stageDate: daysAgo(-1) }],
    ['stageDate', { stageDate: '2026-02-30' }],
    ['stage', { stage: 'dropped' }],
    ['shares.0.sharePct', { shares: [{ unitId: 1, sharePct: '1e2' }] }],
    ['shares.0.unitName', { shares: [{ unitId: 1, sharePct: '10', unitName: '城关镇' }] }],
    ['foo', { foo: 'bar' }],
    ['version', { version: 3 }],
    ['name', { name: undefined }],
    ['name', { name: '   ' }],
    ['isChainLeader', { isChainLeader: 'yes' }],
    ['unitId', { unitId: '2' }],
  ])('should answer 400 naming %s for %j and write nothing', async (field, override) => {
    const before = await count('project');
    const res = await api('admin').post('/projects', { ...projectPayload(units.T01!), ...override });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await count('project')).toBe(before);
  });

  it('should accept a lower-case credit code as written in capitals', async () => {
    const code = creditCode(88_000_001);
    const { project } = await create(
      'admin',
      projectPayload(units.P01!, { investorCreditCode: code.toLowerCase(), name: '冷链物流园' }),
    );
    expect((await rawProject(project.id)).investor_credit_code).toBe(code);
  });

  describe('duplicates (一个项目多个单位报)', () => {
    let catlT01: number;
    let olderP01: number;

    beforeAll(async () => {
      catlT01 = (
        await create(
          'rep_t01',
          projectPayload(units.T01!, { name: '年产10万吨新能源电池材料项目', industryChain: '新能源' }),
        )
      ).project.id;
      olderP01 = await insertProject(t.dataSource, {
        unitId: units.P01!,
        name: '年产10万吨新能源电池材料二期项目',
        investorName: INVESTORS.catl.name,
        investorCreditCode: null,
        agreedInvestmentWan: '140000',
        signedDate: '2024-06-18',
        createdAt: '2024-05-01T02:00:00Z',
      });
    });

    it('should warn another unit that saves the same credit code, revealing only the basics', async () => {
      const { project, duplicates } = await create(
        'rep_t02',
        projectPayload(units.T02!, { name: '动力电池回收利用项目', agreedInvestmentWan: '30000' }),
      );
      const found = duplicates.find((d) => d.projectId === catlT01);
      expect(found).toEqual({
        projectId: catlT01,
        code: expect.stringMatching(/^XM\d{4}-\d{6}$/),
        name: '年产10万吨新能源电池材料项目',
        investorName: INVESTORS.catl.name,
        unitName: '城关镇',
        agreedInvestmentWan: '150000',
        signedDate: null,
        reason: 'same_credit_code',
        // 认定 (issue 15): entered by another unit rather than shared
        rules: ['other_unit'],
      });
      // it is a warning: the project was saved
      expect(await rawProject(project.id)).toBeTruthy();
    });

    it('should warn on the same investor (spaces ignored) with a similar name and an amount within 20%, in any year', async () => {
      const body = projectPayload(units.T02!, {
        name: '年产10万吨新能源电池材料生产基地项目',
        investorName: ' 宁德时代 新能源科技股份有限公司',
        investorCreditCode: null,
        agreedInvestmentWan: '165000',
      });
      const { project, duplicates } = await create('rep_t02', body);
      expect(duplicates.map((d) => [d.projectId, d.reason])).toEqual(
        expect.arrayContaining([
          [catlT01, 'similar_name_and_amount'],
          [olderP01, 'similar_name_and_amount'],
        ]),
      );
      const detail = await api('rep_t02').get(`/projects/${project.id}`).expect(200);
      expect(detail.body.duplicates.map((d: { projectId: number }) => d.projectId)).toContain(olderP01);
    });

    it('should not warn on a clearly different project of the same investor, nor on a far amount', async () => {
      const other = await create(
        'rep_t02',
        projectPayload(units.T02!, {
          name: '储能电站运营服务中心',
          investorCreditCode: null,
          agreedInvestmentWan: '150000',
        }),
      );
      expect(other.duplicates).toEqual([]);
      const far = await create(
        'rep_t02',
        projectPayload(units.T02!, {
          name: '年产10万吨新能源电池材料项目',
          investorCreditCode: null,
          agreedInvestmentWan: '400000',
        }),
      );
      expect(far.duplicates.map((d) => d.projectId)).not.toContain(catlT01);
    });

    it('should offer the same check before saving, excluding the project being edited', async () => {
      const query = `name=${encodeURIComponent('年产10万吨新能源电池材料项目')}&investorName=${encodeURIComponent(INVESTORS.catl.name)}`;
      const res = await api('leader')
        .get(`/projects/duplicates?${query}&agreedInvestmentWan=150000`)
        .expect(200);
      expect(res.body.items.map((d: { projectId: number }) => d.projectId)).toEqual(
        expect.arrayContaining([catlT01, olderP01]),
      );
      const editing = await api('rep_t01')
        .get(`/projects/duplicates?${query}&excludeId=${catlT01}`)
        .expect(200);
      expect(editing.body.items.map((d: { projectId: number }) => d.projectId)).not.toContain(catlT01);
      const byCode = await api('rep_t01')
        .get(`/projects/duplicates?investorCreditCode=${INVESTORS.catl.creditCode}`)
        .expect(200);
      expect(byCode.body.items.every((d: { reason: string }) => d.reason === 'same_credit_code')).toBe(true);
      const bad = await api('rep_t01')
        .get('/projects/duplicates?investorCreditCode=91350900587527783Q')
        .expect(400);
      expect(bad.body.details[0].field).toBe('investorCreditCode');
    });
  });

  describe('stage events', () => {
    let id: number;
    const event = (body: object) => api('rep_t01').post(`/projects/${id}/events`, body);

    beforeAll(async () => {
      id = (
        await create(
          'rep_t01',
          projectPayload(units.T01!, { name: '生物医药研发中心项目', stageDate: daysAgo(90) }),
        )
      ).project.id;
    });

    it('should move forward with dates, skipping allowed', async () => {
      await event({ stage: 'negotiating', date: daysAgo(80) }).expect(201);
      const res = await event({ stage: 'signed', date: daysAgo(60) }).expect(201);
      expect(res.body).toMatchObject({
        stage: 'signed',
        leadDate: daysAgo(90),
        negotiatingDate: daysAgo(80),
        signedDate: daysAgo(60),
      });
      expect(res.body.events.map((e: { stage: string }) => e.stage)).toEqual([
        'lead',
        'negotiating',
        'signed',
      ]);
    });

    it('should refuse an earlier date without a reason (422, nothing changed) and accept it as an audited correction', async () => {
      const before = await rawProject(id);
      const refused = await event({ stage: 'started', date: daysAgo(70) }).expect(422);
      expect(refused.body.details[0].field).toBe('reason');
      expect(await rawProject(id)).toEqual(before);
      const res = await event({
        stage: 'started',
        date: daysAgo(70),
        reason: '开工日期按施工许可证更正',
      }).expect(201);
      expect(res.body).toMatchObject({
        stage: 'started',
        startedDate: daysAgo(70),
        version: before.version + 1,
      });
      const [row] = await t.dataSource.query(
        `SELECT is_correction AS "isCorrection", reason, event_date AS "date" FROM project_event WHERE project_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(row).toEqual({ isCorrection: true, reason: '开工日期按施工许可证更正', date: daysAgo(70) });
      const [audit] = await audits('project.event', id).then((rows) => rows.slice(-1));
      expect(audit.detail).toMatchObject({
        stage: 'started',
        isCorrection: true,
        reason: '开工日期按施工许可证更正',
      });
      expect(audit.before.stage).toBe('signed');
      expect(audit.after.stage).toBe('started');
    });

    it('should treat a step back as a correction that clears the later dates', async () => {
      await event({ stage: 'negotiating', date: daysAgo(1) }).expect(422);
      const res = await event({
        stage: 'negotiating',
        date: daysAgo(1),
        reason: '签约未生效，退回洽谈',
      }).expect(201);
      expect(res.body).toMatchObject({
        stage: 'negotiating',
        signedDate: null,
        startedDate: null,
        negotiatingDate: daysAgo(1),
      });
    });

    it('should keep registered apart from the stage, refuse future dates, and drop at any time', async () => {
      const reg = await event({ stage: 'registered', date: daysAgo(0) }).expect(201);
      expect(reg.body).toMatchObject({ stage: 'negotiating', registeredDate: daysAgo(0) });
      const events = await count('project_event');
      const future = await event({ stage: 'signed', date: daysAgo(-1) }).expect(400);
      expect(future.body.details[0].field).toBe('date');
      await event({ stage: 'signed', date: '2026-13-01' }).expect(400);
      await event({ stage: 'finished', date: daysAgo(0) }).expect(400);
      expect(await count('project_event')).toBe(events);
      const dropped = await event({ stage: 'dropped', date: daysAgo(0) }).expect(201);
      expect(dropped.body).toMatchObject({
        stage: 'dropped',
        droppedDate: daysAgo(0),
        negotiatingDate: daysAgo(1),
      });
    });
  });

  describe('funds in place', () => {
    let id: number;
    const month = businessMonth(new Date());
    const fund = (m: string, body: object, who: Who = 'rep_t01') =>
      api(who).put(`/projects/${id}/funds/${m}`, body);
    const stored = async () =>
      t.dataSource.query(
        'SELECT month, amount_wan::text AS amount, version FROM project_fund WHERE project_id = $1 ORDER BY month',
        [id],
      );

    beforeAll(async () => {
      id = (
        await create(
          'rep_t01',
          projectPayload(units.T01!, { name: '食品加工产业园', stage: 'signed', stageDate: daysAgo(40) }),
        )
      ).project.id;
    });

    it('should record a month, then replace it only with the current version', async () => {
      const first = await fund(month, { amountWan: '12000', note: '银行进账单' }).expect(200);
      expect(first.body).toMatchObject({ month, amountWan: '12000', note: '银行进账单', version: 1 });
      await fund(month, { amountWan: '13000' }).expect(409);
      await fund(month, { amountWan: '13000', version: 2 }).expect(409);
      expect(await stored()).toEqual([{ month, amount: '12000.0000', version: 1 }]);
      const second = await fund(month, { amountWan: '13000.5', version: 1 }).expect(200);
      expect(second.body).toMatchObject({ amountWan: '13000.5', version: 2 });
      const detail = await api('rep_t01').get(`/projects/${id}`).expect(200);
      expect(detail.body.funds).toEqual([
        expect.objectContaining({ month, amountWan: '13000.5', version: 2 }),
      ]);
      expect(await audits('project.fund', id)).toHaveLength(2);
    });

    it.each([
      ['a future month', addMonths(businessMonth(new Date()), 1), { amountWan: '1' }, 'month'],
      ['month 13', '2026-13', { amountWan: '1' }, 'month'],
      [
        'an amount with a separator',
        businessMonth(new Date()),
        { amountWan: '1,000', version: 2 },
        'amountWan',
      ],
      ['a negative amount', businessMonth(new Date()), { amountWan: '-1', version: 2 }, 'amountWan'],
      ['an unknown field', businessMonth(new Date()), { amountWan: '1', version: 2, unitId: 3 }, 'unitId'],
    ])('should refuse %s with 400 and change nothing', async (_case, m, body, field) => {
      const before = await stored();
      const res = await fund(m, body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await stored()).toEqual(before);
    });

    it('should refuse funds for a project not signed yet', async () => {
      const lead = (await create('rep_t01', projectPayload(units.T01!, { name: '智能制造装备项目' }))).project
        .id;
      await api('rep_t01').put(`/projects/${lead}/funds/${month}`, { amountWan: '100' }).expect(422);
      expect(await t.dataSource.query('SELECT 1 FROM project_fund WHERE project_id = $1', [lead])).toEqual(
        [],
      );
    });
  });

  describe('update, exclusion and soft delete', () => {
    it('should let exactly one of two parallel edits with the same version win', async () => {
      const { project } = await create('rep_t01', projectPayload(units.T01!, { name: '智能仓储配送中心' }));
      const edits = await Promise.all(
        ['12000', '13000'].map((amount) =>
          api('rep_t01').patch(`/projects/${project.id}`, {
            version: project.version,
            agreedInvestmentWan: amount,
          }),
        ),
      );
      expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = edits.find((r) => r.status === 200)!.body.project;
      const row = await rawProject(project.id);
      expect(row.version).toBe(project.version + 1);
      expect(row.agreed_investment_wan).toBe(`${winner.agreedInvestmentWan}.0000`);
      expect(await audits('project.update', project.id)).toHaveLength(1);
    });

    it('should update with the version, refresh the summary for units before and after, and audit', async () => {
      const { project } = await create(
        'admin',
        projectPayload(units.T01!, { name: '现代物流园区项目', investorCreditCode: null }),
      );
      const refresh = jest.spyOn(t.app.get(YtdSummaryService), 'refreshForUnits');
      const res = await api('admin')
        .patch(`/projects/${project.id}`, {
          version: project.version,
          unitId: units.P01,
          shares: [{ unitId: units.D01, sharePct: '25.5' }],
          agreedInvestmentWan: '88000',
        })
        .expect(200);
      expect(res.body.project).toMatchObject({
        unitId: units.P01,
        version: project.version + 1,
        agreedInvestmentWan: '88000',
      });
      // an admin reports for every unit: both shares count at once
      expect(res.body.project.shares).toEqual([
        expect.objectContaining({
          unitId: units.P01,
          unitName: '县经济开发区',
          sharePct: '74.5',
          status: 'confirmed',
        }),
        expect.objectContaining({
          unitId: units.D01,
          unitName: '县发展和改革局',
          sharePct: '25.5',
          status: 'confirmed',
        }),
      ]);
      expect(refresh).toHaveBeenCalledTimes(1);
      expect([...refresh.mock.calls[0]![1]].sort()).toEqual([units.T01, units.P01, units.D01].sort());
      refresh.mockRestore();
      const [audit] = await audits('project.update', project.id);
      expect(audit.before.unitId).toBe(units.T01);
      expect(audit.after.unitId).toBe(units.P01);

      const stale = await api('admin')
        .patch(`/projects/${project.id}`, { version: project.version, name: '别的名字' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await rawProject(project.id)).name).toBe('现代物流园区项目');
    });

    it('should exclude a project only with a reason', async () => {
      const { project } = await create(
        'rep_t01',
        projectPayload(units.T01!, { name: '本地企业技改扩能项目', origin: 'local' }),
      );
      await api('rep_t01')
        .patch(`/projects/${project.id}`, { version: project.version, isExcluded: true })
        .expect(422);
      const res = await api('rep_t01')
        .patch(`/projects/${project.id}`, {
          version: project.version,
          isExcluded: true,
          excludedReason: '本市企业迁建，不计入',
        })
        .expect(200);
      expect(res.body.project).toMatchObject({ isExcluded: true, excludedReason: '本市企业迁建，不计入' });
    });

    it('should soft-delete with who, when and why, hiding the project from reads and duplicate checks', async () => {
      const { project } = await create(
        'rep_t01',
        projectPayload(units.T01!, { name: '绿色建材产业园', investorCreditCode: creditCode(77_000_001) }),
      );
      await api('rep_t01').delete(`/projects/${project.id}`, { version: project.version }).expect(400);
      await api('rep_t01')
        .delete(`/projects/${project.id}`, { version: project.version + 1, reason: '重复录入' })
        .expect(409);
      await api('rep_t01')
        .delete(`/projects/${project.id}`, { version: project.version, reason: '与开发区重复录入' })
        .expect(204);
      const row = await rawProject(project.id);
      expect(row).toMatchObject({ deleted_by: users.reporterT01, deleted_reason: '与开发区重复录入' });
      expect(row.deleted_at).toBeInstanceOf(Date);
      await api('rep_t01').get(`/projects/${project.id}`).expect(404);
      const list = await api('admin')
        .get(`/projects?q=${encodeURIComponent('绿色建材')}`)
        .expect(200);
      expect(list.body.total).toBe(0);
      const dup = await api('admin')
        .get(`/projects/duplicates?investorCreditCode=${creditCode(77_000_001)}`)
        .expect(200);
      expect(dup.body.items).toEqual([]);
      expect(await audits('project.delete', project.id)).toEqual([
        expect.objectContaining({ detail: { reason: '与开发区重复录入' }, after: null }),
      ]);
    });
  });

  describe('access', () => {
    let t01Project: { id: number; version: number };
    let sharedWithT02: number;

    beforeAll(async () => {
      t01Project = (
        await create(
          'rep_t01',
          projectPayload(units.T01!, { name: '城关镇食品加工项目', stage: 'signed', stageDate: daysAgo(5) }),
        )
      ).project;
      sharedWithT02 = (
        await create(
          'rep_t01',
          projectPayload(units.T01!, {
            name: '两镇合作物流项目',
            shares: [{ unitId: units.T02!, sharePct: '30' }],
          }),
        )
      ).project.id;
    });

    it("should answer 404 to a reporter using another unit's project id, and leave the row unchanged", async () => {
      const id = t01Project.id;
      const before = await rawProject(id);
      const month = businessMonth(new Date());
      await api('rep_t02').get(`/projects/${id}`).expect(404);
      await api('rep_t02').patch(`/projects/${id}`, { version: before.version, name: '被改名' }).expect(404);
      await api('rep_t02')
        .post(`/projects/${id}/events`, { stage: 'started', date: daysAgo(0) })
        .expect(404);
      await api('rep_t02').put(`/projects/${id}/funds/${month}`, { amountWan: '1' }).expect(404);
      await api('rep_t02').delete(`/projects/${id}`, { version: before.version, reason: '删除' }).expect(404);
      expect(await rawProject(id)).toEqual(before);
      expect(await t.dataSource.query('SELECT 1 FROM project_fund WHERE project_id = $1', [id])).toEqual([]);
    });

    it('should let a credited unit read a project but not write it, and keep reporters to their own units', async () => {
      const shared = await api('rep_t02').get(`/projects/${sharedWithT02}`).expect(200);
      await api('rep_t02')
        .patch(`/projects/${sharedWithT02}`, { version: shared.body.version, name: '改名' })
        .expect(404);
      const list = await api('rep_t02').get('/projects?pageSize=200').expect(200);
      const ids = list.body.items.map((p: { id: number }) => p.id);
      expect(ids).toContain(sharedWithT02);
      expect(ids).not.toContain(t01Project.id);
      const before = await count('project');
      const res = await api('rep_t02')
        .post('/projects', projectPayload(units.T01!, { name: '越权登记项目' }))
        .expect(403);
      expect(res.body.details[0].field).toBe('unitId');
      await api('rep_t01')
        .patch(`/projects/${t01Project.id}`, { version: t01Project.version, unitId: units.T02 })
        .expect(403);
      expect(await count('project')).toBe(before);
      expect((await rawProject(t01Project.id)).unit_id).toBe(units.T01);
    });

    it('should refuse ids that are not plain positive integers', async () => {
      for (const id of ['1e3', '0x10', '01', '-1', '0', '2147483648', 'abc']) {
        const res = await api('admin').get(`/projects/${id}`).expect(400);
        expect(res.body.details[0].field).toBe('id');
      }
    });

    it('should let a leader read everything and write nothing', async () => {
      const id = t01Project.id;
      const before = await rawProject(id);
      await api('leader').get(`/projects/${id}`).expect(200);
      await api('leader').post('/projects', projectPayload(units.T01!)).expect(403);
      await api('leader').patch(`/projects/${id}`, { version: before.version, name: 'x' }).expect(403);
      await api('leader')
        .post(`/projects/${id}/events`, { stage: 'started', date: daysAgo(0) })
        .expect(403);
      await api('leader')
        .put(`/projects/${id}/funds/${businessMonth(new Date())}`, { amountWan: '1' })
        .expect(403);
      await api('leader').delete(`/projects/${id}`, { version: before.version, reason: 'x' }).expect(403);
      expect(await rawProject(id)).toEqual(before);
    });
  });

  describe('filters', () => {
    const ids: Record<string, number> = {};
    let planId: number;
    const names = (res: { body: { items: Array<{ name: string }> } }) =>
      res.body.items.map((p) => p.name).sort();

    beforeAll(async () => {
      const F = '[F]';
      ids.big = await insertProject(t.dataSource, {
        unitId: units.P01A!,
        name: `${F}年产50GWh动力电池项目`,
        agreedInvestmentWan: '500000',
        signedDate: '2026-02-01',
        origin: 'out_of_province',
        industryChain: '新能源',
      });
      ids.edge = await insertProject(t.dataSource, {
        unitId: units.T02!,
        name: `${F}10亿元整生物医药项目`,
        agreedInvestmentWan: '100000',
        signedDate: '2026-03-01',
        origin: 'overseas',
        industryChain: '生物医药',
      });
      ids.below = await insertProject(t.dataSource, {
        unitId: units.T02!,
        name: `${F}食品加工车间`,
        agreedInvestmentWan: '99999.9999',
        origin: 'in_province',
        industryChain: '食品加工',
      });
      ids.percent = await insertProject(t.dataSource, {
        unitId: units.D01!,
        name: `${F}100%绿电供应项目`,
        agreedInvestmentWan: '20000',
        origin: 'overseas',
      });
      ids.plain = await insertProject(t.dataSource, {
        unitId: units.D01!,
        name: `${F}1000绿电供应项目`,
        agreedInvestmentWan: '20000',
      });
      ids.neighbour = await insertProject(t.dataSource, {
        unitId: units.LX!,
        name: `${F}邻县智能制造项目`,
        agreedInvestmentWan: '300000',
      });
      [{ id: planId }] = await t.dataSource.query(
        `INSERT INTO plan (year, root_unit_id, name) VALUES (2026, $1, '2026年招商引资目标') RETURNING id`,
        [units.XIAN],
      );
    });

    it('should filter by band (以上 includes the value, the upper bound excludes it), origin, stage and chain', async () => {
      const band = await api('admin').get('/projects?q=[F]&minAgreedWan=100000').expect(200);
      expect(names(band)).toEqual([
        '[F]10亿元整生物医药项目',
        '[F]年产50GWh动力电池项目',
        '[F]邻县智能制造项目',
      ]);
      const between = await api('admin')
        .get('/projects?q=[F]&minAgreedWan=20000&maxAgreedWan=100000')
        .expect(200);
      expect(names(between)).toEqual(['[F]100%绿电供应项目', '[F]1000绿电供应项目', '[F]食品加工车间']);
      const overseas = await api('admin').get('/projects?q=[F]&origin=overseas').expect(200);
      expect(names(overseas)).toEqual(['[F]100%绿电供应项目', '[F]10亿元整生物医药项目']);
      const signed = await api('admin').get('/projects?q=[F]&stage=signed&industryChain=新能源').expect(200);
      expect(signed.body.items.map((p: { id: number }) => p.id)).toEqual([ids.big]);
    });

    it('should take % and _ in the text search literally', async () => {
      const pct = await api('admin')
        .get(`/projects?q=${encodeURIComponent('100%绿电')}`)
        .expect(200);
      expect(pct.body.items.map((p: { id: number }) => p.id)).toEqual([ids.percent]);
      const underscore = await api('admin')
        .get(`/projects?q=${encodeURIComponent('[F]_')}`)
        .expect(200);
      expect(underscore.body.total).toBe(0);
    });

    it('should filter by a unit subtree and by a plan root, and page and sort', async () => {
      const park = await api('admin').get(`/projects?q=[F]&unitId=${units.P01}`).expect(200);
      expect(park.body.items.map((p: { id: number }) => p.id)).toEqual([ids.big]);
      const plan = await api('admin').get(`/projects?q=[F]&planId=${planId}&pageSize=200`).expect(200);
      expect(plan.body.items.map((p: { id: number }) => p.id)).not.toContain(ids.neighbour);
      expect(plan.body.total).toBe(5);
      const paged = await api('admin')
        .get('/projects?q=[F]&sort=agreedInvestmentWan&order=desc&page=2&pageSize=2')
        .expect(200);
      expect(paged.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
      expect(paged.body.items.map((p: { id: number }) => p.id)).toEqual([ids.edge, ids.below]);
      await api('admin').get('/projects?planId=999999').expect(404);
    });

    it.each([
      ['pageSize', 'pageSize=201'],
      ['sort', 'sort=id;drop'],
      ['minAgreedWan', 'minAgreedWan=1e5'],
      ['stage', 'stage=finished'],
      ['unitId', 'unitId=abc'],
      ['origin', 'origin=mars'],
    ])('should refuse a bad %s with 400', async (field, query) => {
      const res = await api('admin').get(`/projects?${query}`).expect(400);
      expect(res.body.details[0].field).toBe(field);
    });
  });
});
