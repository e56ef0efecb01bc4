import type { ChainDetail, ChainMapLink, ChainMapResponse, ChainsResponse } from '@pacer/shared';

import { ChainsService } from '../src/modules/chains/chains.service';
import { createTestApp, type TestApp } from './create-test-app';
import { creditCode, projectPayload } from './factories/project.factory';
import { insertFund, insertPlan, insertProject } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

type Who = 'admin' | 'leader' | 'rep_t01' | 'rep_t02' | 'sysadmin' | 'auditor';

/** 产业链 (issue 17 part 4): the chains, their links and targets, the map's figures, the project's link, scoping. */
describe('chains (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  const auth = {} as Record<Who, string>;

  const api = (who: Who) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]),
    post: (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set('Authorization', auth[who]).send(body),
  });
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const snapshot = async () =>
    JSON.stringify({
      chains: await t.dataSource.query('SELECT * FROM industry_chain ORDER BY id'),
      links: await t.dataSource.query('SELECT * FROM chain_link ORDER BY id'),
      targets: await t.dataSource.query('SELECT * FROM chain_target_company ORDER BY id'),
      investors: await count('investor'),
    });

  /** The 新能源 chain as the office types it in. */
  const newEnergy = () => ({
    name: '新能源',
    description: '以动力电池和储能为核心，打造县域新能源产业集群',
    leaderName: '王建军',
    leaderTitle: '县委常委、常务副县长',
    leadUnitId: units.D01,
    sortOrder: 10,
    links: [
      { segment: 'upstream', name: '锂电材料', targets: [{ name: '江源锂业科技有限公司' }, { name: '华瑞新材料股份有限公司' }] },
      { segment: 'midstream', name: '电芯', targets: [{ name: '远景动力电池有限公司', creditCode: creditCode(36_090_001, '360900') }] },
      { segment: 'midstream', name: '储能系统', targets: [{ name: '绿储能源科技有限公司', note: '链主企业' }] },
      { segment: 'downstream', name: '充换电设施', targets: [] },
    ],
  });

  let chain: ChainDetail;
  const link = (name: string) => chain.links.find((l) => l.name === name)!;

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02', 'sysadmin', 'auditor'] as const) auth[who] = await bearer(t.http, who);
    const plan = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    await t.dataSource.query(`UPDATE plan SET industry_chains = '{新能源,生物医药,智能制造}' WHERE id = $1`, [plan]);
  });
  afterAll(() => t.close());

  it('should add a chain with its links in order, its targets in the 客商库, and audit it', async () => {
    const investorsBefore = await count('investor');
    const res = await api('admin').post('/chains', newEnergy()).expect(201);
    chain = res.body;
    expect(chain).toMatchObject({
      name: '新能源',
      leaderName: '王建军',
      leadUnitName: '县发展和改革局',
      taskForceUnitId: null,
      isPlanChain: true,
      version: 1,
      removedAt: null,
    });
    expect(chain.links.map((l) => [l.segment, l.name])).toEqual([
      ['upstream', '锂电材料'],
      ['midstream', '电芯'],
      ['midstream', '储能系统'],
      ['downstream', '充换电设施'],
    ]);
    expect(link('锂电材料').targets.map((x) => x.companyName)).toEqual(['江源锂业科技有限公司', '华瑞新材料股份有限公司']);
    expect(link('储能系统').targets[0]).toMatchObject({ companyName: '绿储能源科技有限公司', note: '链主企业' });
    expect(link('电芯').targets[0]!.investorId).toEqual(expect.any(Number));
    expect(await count('investor')).toBe(investorsBefore + 4);
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE action = 'chain.create' AND object_id = $1`,
      [String(chain.id)],
    );
    expect(audit.after.links).toHaveLength(4);
    const added = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'investor.create'`);
    expect(added[0].n).toBe(4);
  });

  it('should list chains for every business role, and offer the plan chains that have none', async () => {
    for (const who of ['admin', 'leader', 'rep_t01'] as const) {
      const res = await api(who).get('/chains').expect(200);
      const body = res.body as ChainsResponse;
      expect(body.items.map((c) => c.name)).toEqual(['新能源']);
      expect(body.items[0]).toMatchObject({ targetCount: 4, projectCount: 0, links: expect.any(Array) });
      expect(body.planChainsWithoutChain).toEqual(['生物医药', '智能制造']);
    }
    await api('sysadmin').get('/chains').expect(403);
    await api('auditor').get(`/chains/${chain.id}`).expect(403);
  });

  it('should refuse writes from reporters and leaders, and leave the chain as it was', async () => {
    const before = await snapshot();
    await api('rep_t01').post('/chains', { ...newEnergy(), name: '生物医药' }).expect(403);
    await api('leader').patch(`/chains/${chain.id}`, { version: chain.version, name: '被改名的链' }).expect(403);
    await api('rep_t02').patch(`/chains/${chain.id}`, { version: chain.version, removeReason: '试图移除' }).expect(403);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['a blank name', { name: '  ' }, 'name'],
    ['a name over 50 characters', { name: '链'.repeat(51) }, 'name'],
    ['a segment that is not 上/中/下游', { links: [{ segment: 'sidestream', name: '配套' }] }, 'links.0.segment'],
    ['a target without a name', { links: [{ segment: 'upstream', name: '材料', targets: [{ name: '' }] }] }, 'links.0.targets.0.name'],
    ['a wrong credit code', { links: [{ segment: 'upstream', name: '材料', targets: [{ name: '某公司', creditCode: '91350900587527783X' }] }] }, 'links.0.targets.0.creditCode'],
    ['an unknown field', { budgetWan: '100' }, 'budgetWan'],
  ])('should answer 400 naming the field for %s, writing nothing', async (_what, patch, field) => {
    const before = await snapshot();
    const res = await api('admin').post('/chains', { ...newEnergy(), name: '生物医药', links: [], ...patch }).expect(400);
    expect(JSON.stringify(res.body.details)).toContain(field);
    expect(await snapshot()).toBe(before);
  });

  it('should answer 409 for a taken name and 422 for twin links or an unknown unit, writing nothing', async () => {
    const before = await snapshot();
    const taken = await api('admin').post('/chains', { name: '新能源' }).expect(409);
    expect(taken.body.details[0]).toMatchObject({ field: 'name', code: 'taken' });
    const twins = await api('admin')
      .post('/chains', { name: '生物医药', links: [{ segment: 'upstream', name: '原料药' }, { segment: 'midstream', name: '原料药' }] })
      .expect(422);
    expect(twins.body.details[0].field).toBe('links.1.name');
    const unit = await api('admin').post('/chains', { name: '生物医药', taskForceUnitId: 999999 }).expect(422);
    expect(unit.body.details[0].field).toBe('taskForceUnitId');
    const sameTarget = await api('admin')
      .post('/chains', { name: '生物医药', links: [{ segment: 'upstream', name: '原料药', targets: [{ name: '康源医药' }, { name: ' 康源 医药 ' }] }] })
      .expect(422);
    expect(sameTarget.body.details[0].field).toBe('links.0.targets.1.name');
    expect(await snapshot()).toBe(before);
  });

  it('should rename, reorder, add and remove links in one edit, keep ids, and answer 409 on a stale version', async () => {
    const res = await api('admin')
      .patch(`/chains/${chain.id}`, {
        version: chain.version,
        leaderTitle: '县委常委、副县长',
        links: [
          { id: link('电芯').id, segment: 'midstream', name: '电芯制造' },
          { id: link('锂电材料').id, segment: 'upstream', name: '锂电材料' },
          { segment: 'upstream', name: '正负极材料', targets: [{ name: '恒泰碳素材料有限公司' }] },
          { id: link('储能系统').id, segment: 'midstream', name: '储能系统', targets: [{ name: '绿储能源科技有限公司', note: '已赴总部对接' }] },
        ],
      })
      .expect(200);
    const after = res.body as ChainDetail;
    expect(after.version).toBe(2);
    expect(after.leaderTitle).toBe('县委常委、副县长');
    expect(after.links.map((l) => l.name)).toEqual(['电芯制造', '锂电材料', '正负极材料', '储能系统']);
    expect(after.links[0]!.id).toBe(link('电芯').id);
    // untouched targets stay; a target listed again keeps its row with the new note
    expect(after.links[1]!.targets).toHaveLength(2);
    expect(after.links[3]!.targets).toEqual([{ ...link('储能系统').targets[0], note: '已赴总部对接' }]);
    const removed = await t.dataSource.query(`SELECT name, removed_at FROM chain_link WHERE id = $1`, [link('充换电设施').id]);
    expect(removed[0]).toMatchObject({ name: '充换电设施', removed_at: expect.any(Date) });

    const chargeId = link('充换电设施').id;
    const stale = await api('admin').patch(`/chains/${chain.id}`, { version: 1, name: '新能源汽车' }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    // a removed link comes back by its name, with its id
    const back = await api('admin')
      .patch(`/chains/${chain.id}`, { version: 2, links: [...after.links.map(({ id, segment, name }) => ({ id, segment, name })), { segment: 'downstream', name: '充换电设施' }] })
      .expect(200);
    chain = back.body;
    expect(link('充换电设施').id).toBe(chargeId);
    expect(chain.links).toHaveLength(5);
  });

  describe('the map', () => {
    let ids: Record<string, number>;
    let map: ChainMapResponse;
    const entry = (m: ChainMapResponse, name: string) => m.links.find((l) => l.name === name) as ChainMapLink;

    beforeAll(async () => {
      const project = async (name: string, unit: string, stage: string, agreedWan: string, linkName: string | null, extra = {}) =>
        insertProject(t.dataSource, {
          code: `XM-T-${name}`,
          name,
          investorName: `${name}投资有限公司`,
          unitId: units[unit]!,
          agreedWan,
          industryChain: '新能源',
          stage: stage as 'signed',
          signedDate: stage === 'negotiating' ? null : '2026-03-10',
          startedDate: ['started', 'producing'].includes(stage) ? '2026-05-10' : null,
          producingDate: stage === 'producing' ? '2026-09-01' : null,
          shares: [{ unitId: units[unit]!, pct: '100' }],
          ...extra,
        }).then(async (id) => {
          if (linkName) await t.dataSource.query('UPDATE project SET chain_link_id = $2 WHERE id = $1', [id, link(linkName).id]);
          return id;
        });
      ids = {
        cellA: await project('年产5GWh动力电池项目', 'T01', 'producing', '80000.5', '电芯制造'),
        cellB: await project('动力电池结构件项目', 'T02', 'started', '50000', '电芯制造'),
        storage: await project('储能电池系统集成项目', 'T02', 'signed', '30000', '储能系统'),
        talks: await project('储能电站运营项目', 'T01', 'negotiating', '12000', '储能系统'),
        unlinked: await project('20MW分布式光伏发电项目', 'T01', 'signed', '20000', null),
        dropped: await project('锂电池回收项目', 'T01', 'dropped', '9000', '锂电材料'),
        deleted: await project('电池隔膜项目', 'T02', 'signed', '7000', '锂电材料'),
        // another chain's project, whatever its text
        other: await insertProject(t.dataSource, { code: 'XM-T-other', name: '生物制剂项目', investorName: '华生生物技术有限公司', unitId: units.T01!, agreedWan: '66000', industryChain: '生物医药', signedDate: '2026-02-01', shares: [{ unitId: units.T01!, pct: '100' }] }),
        // a project whose company is one of the targets (by name, spaces ignored)
        target: await project('正负极材料生产基地项目', 'T02', 'signed', '25000', '正负极材料', { investorName: '恒泰 碳素材料有限公司' }),
      };
      await t.dataSource.query(`UPDATE project SET deleted_at = now(), deleted_reason = '重复录入' WHERE id = $1`, [ids.deleted]);
      await insertFund(t.dataSource, ids.cellA!, '2026-06', '3000.25');
      await insertFund(t.dataSource, ids.cellA!, '2026-07', '2000');
      await insertFund(t.dataSource, ids.cellB!, '2026-07', '1500');
      // leads (the leads part's table): 江源锂业 in talks on 锂电材料 for 城关镇, a new one on 充换电设施 for 青山镇
      const [jy] = await t.dataSource.query(`SELECT id FROM investor WHERE name = '江源锂业科技有限公司'`);
      const [yc] = await t.dataSource.query(`INSERT INTO investor (name) VALUES ('易充新能源服务有限公司') RETURNING id`);
      const lead = (code: string, title: string, unit: string, investorId: number, linkName: string, status: string) =>
        t.dataSource.query(
          `INSERT INTO lead (code, title, unit_id, owner_name, investor_id, chain_link_id, source, status, found_on, status_changed_on)
           VALUES ($1, $2, $3, '李明', $4, $5, 'outbound', $6, '2026-04-01', '2026-05-01')`,
          [code, title, units[unit], investorId, link(linkName).id, status],
        );
      await lead('XS2026-0001', '江源锂业锂电正极材料项目', 'T01', jy.id, '锂电材料', 'negotiating');
      await lead('XS2026-0002', '易充充换电站网络项目', 'T02', yc.id, '充换电设施', 'new');
      map = (await api('admin').get(`/chains/${chain.id}/map`).expect(200)).body;
    });

    it('should sum each link’s projects by stage against hand-computed figures', () => {
      expect(entry(map, '电芯制造')).toMatchObject({
        producing: { count: 1, agreedWan: '80000.5', fundsWan: '5000.25' },
        started: { count: 1, agreedWan: '50000', fundsWan: '1500' },
        signed: { count: 0, agreedWan: '0', fundsWan: '0' },
        state: 'producing',
      });
      expect(entry(map, '储能系统')).toMatchObject({
        signed: { count: 1, agreedWan: '30000' },
        negotiating: { count: 1, agreedWan: '12000' },
        state: 'signed',
      });
      // dropped and deleted projects are not the county's; a lead in talks makes the link 在谈
      expect(entry(map, '锂电材料')).toMatchObject({
        signed: { count: 0 },
        producing: { count: 0 },
        leadsNegotiating: 1,
        leadsOpen: 1,
        state: 'negotiating',
      });
      // a new lead alone leaves a gap
      expect(entry(map, '充换电设施')).toMatchObject({ leadsOpen: 1, leadsNegotiating: 0, state: 'gap' });
      expect(map.gaps).toEqual(['充换电设施']);
      expect(map.unlinked).toMatchObject({ linkId: null, name: '未归链环节', signed: { count: 1, agreedWan: '20000' }, state: 'signed' });
    });

    it('should tell which target companies already have a lead or a project', () => {
      const targets = Object.fromEntries(map.links.flatMap((l) => l.targets).map((x) => [x.companyName, [x.hasLead, x.hasProject]]));
      expect(targets).toEqual({
        江源锂业科技有限公司: [true, false],
        华瑞新材料股份有限公司: [false, false],
        远景动力电池有限公司: [false, false],
        恒泰碳素材料有限公司: [false, true],
        绿储能源科技有限公司: [false, false],
      });
    });

    it('should list the chain’s projects and leads, only the caller’s units’ for a reporter, with the same figures', async () => {
      expect(map.projects.map((p) => p.id).sort()).toEqual(
        [ids.cellA, ids.cellB, ids.storage, ids.talks, ids.unlinked, ids.target].sort(),
      );
      expect(map.projects[0]).toMatchObject({ id: ids.cellA, fundsWan: '5000.25', unitName: '城关镇' });
      expect(map.leads.map((l) => l.code)).toEqual(expect.arrayContaining(['XS2026-0001', 'XS2026-0002']));
      const mine = (await api('rep_t01').get(`/chains/${chain.id}/map`).expect(200)).body as ChainMapResponse;
      expect(mine.links).toEqual(map.links);
      expect(mine.projects.map((p) => p.id).sort()).toEqual([ids.cellA, ids.talks, ids.unlinked].sort());
      expect(mine.leads.map((l) => l.code)).toEqual(['XS2026-0001']);
      expect(JSON.stringify(mine)).not.toContain('动力电池结构件项目');
      const list = (await api('leader').get('/chains').expect(200)).body as ChainsResponse;
      expect(list.items[0]).toMatchObject({ projectCount: 6, unlinkedProjectCount: 1 });
    });

    it('should give the 通报 its 产业链 figures: month and year to it, the plan’s tree only, funds, talks and gaps', async () => {
      const chains = t.app.get(ChainsService);
      const july = await chains.briefingSection(units.XIAN!, '2026-07');
      expect(july).toEqual([
        {
          id: chain.id,
          name: '新能源',
          signedMonth: 0,
          signedMonthWan: '0',
          signedYear: 5,
          signedYearWan: '205000.5',
          startedMonth: 0,
          startedYear: 2,
          fundsMonthWan: '3500',
          fundsYearWan: '6500.25',
          leadsNegotiating: 1,
          gaps: ['充换电设施'],
        },
      ]);
      const [march] = await chains.briefingSection(units.XIAN!, '2026-03');
      expect(march).toMatchObject({ signedMonth: 5, signedMonthWan: '205000.5', startedYear: 0, fundsYearWan: '0' });
      // a plan rooted at 城关镇 counts 城关镇's projects and leads only
      const [town] = await chains.briefingSection(units.T01!, '2026-03');
      expect(town).toMatchObject({ signedMonth: 2, signedMonthWan: '100000.5', leadsNegotiating: 1 });
      const [other] = await chains.briefingSection(units.T02!, '2026-07');
      expect(other).toMatchObject({ signedYear: 3, fundsMonthWan: '1500', leadsNegotiating: 0 });
    });

    it('should refuse to remove a link or the chain while projects or leads are on it, changing nothing', async () => {
      const before = await snapshot();
      const res = await api('admin')
        .patch(`/chains/${chain.id}`, { version: chain.version, links: chain.links.filter((l) => l.name !== '电芯制造').map(({ id, segment, name }) => ({ id, segment, name })) })
        .expect(422);
      expect(res.body.details[0]).toMatchObject({ field: 'links', code: 'linkInUse' });
      expect(res.body.message).toContain('2 个项目');
      const gone = await api('admin').patch(`/chains/${chain.id}`, { version: chain.version, removeReason: '合并' }).expect(422);
      expect(gone.body.details[0].code).toBe('chainInUse');
      expect(await snapshot()).toBe(before);
    });
  });

  describe('a project’s link', () => {
    it('should set the industry chain from the chosen link, refuse another chain’s name, and clear on null', async () => {
      const created = await api('rep_t01')
        .post('/projects', projectPayload(units.T01!, { name: '年产2GWh储能电池项目', industryChain: null, chainLinkId: link('储能系统').id }))
        .expect(201);
      const project = created.body.project;
      expect(project).toMatchObject({ industryChain: '新能源', chainLinkId: link('储能系统').id, chainLinkName: '储能系统' });

      const wrong = await api('rep_t01')
        .patch(`/projects/${project.id}`, { version: project.version, industryChain: '生物医药', chainLinkId: link('电芯制造').id })
        .expect(422);
      expect(wrong.body.details[0]).toMatchObject({ field: 'chainLinkId', code: 'otherChain' });
      const unknown = await api('rep_t01').patch(`/projects/${project.id}`, { version: project.version, chainLinkId: 999999 }).expect(422);
      expect(unknown.body.details[0]).toMatchObject({ field: 'chainLinkId', code: 'unknown' });

      // another chain named without a link: the old chain's link no longer applies
      const moved = await api('rep_t01').patch(`/projects/${project.id}`, { version: project.version, industryChain: '智能制造' }).expect(200);
      expect(moved.body.project).toMatchObject({ industryChain: '智能制造', chainLinkId: null });
      const relinked = await api('rep_t01')
        .patch(`/projects/${project.id}`, { version: moved.body.project.version, chainLinkId: link('电芯制造').id })
        .expect(200);
      expect(relinked.body.project).toMatchObject({ industryChain: '新能源', chainLinkName: '电芯制造' });
      const cleared = await api('rep_t01')
        .patch(`/projects/${project.id}`, { version: relinked.body.project.version, chainLinkId: null })
        .expect(200);
      expect(cleared.body.project).toMatchObject({ industryChain: '新能源', chainLinkId: null });
      const [audit] = await t.dataSource.query(
        `SELECT before, after FROM audit_event WHERE action = 'project.update' AND object_id = $1 ORDER BY id DESC LIMIT 1`,
        [String(project.id)],
      );
      expect([audit.before.chainLinkId, audit.after.chainLinkId]).toEqual([link('电芯制造').id, null]);
    });
  });

  it('should remove an unused chain with a reason: still readable, no longer listed, its name free again', async () => {
    const made = (await api('admin').post('/chains', { name: '智能制造', links: [{ segment: 'midstream', name: '数控机床' }] }).expect(201))
      .body as ChainDetail;
    const blank = await api('admin').patch(`/chains/${made.id}`, { version: made.version, removeReason: ' ' }).expect(400);
    expect(blank.body.details[0].field).toBe('removeReason');
    const removed = (await api('admin').patch(`/chains/${made.id}`, { version: made.version, removeReason: '并入新能源装备链统一推进' }).expect(200))
      .body as ChainDetail;
    expect(removed).toMatchObject({ removedReason: '并入新能源装备链统一推进', removedAt: expect.any(String), version: 2 });
    expect((await api('rep_t02').get(`/chains/${made.id}`).expect(200)).body.removedReason).toBe('并入新能源装备链统一推进');
    const list = (await api('admin').get('/chains').expect(200)).body as ChainsResponse;
    expect(list.items.map((c) => c.name)).not.toContain('智能制造');
    expect(list.planChainsWithoutChain).toContain('智能制造');
    await api('admin').patch(`/chains/${made.id}`, { version: 2, name: '智能装备' }).expect(422);
    await api('admin').post('/chains', { name: '智能制造' }).expect(201);
    const audits = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'chain.remove' AND object_id = $1`, [
      String(made.id),
    ]);
    expect(audits[0].n).toBe(1);
    await api('admin').get('/chains/999999').expect(404);
    await api('admin').get('/chains/999999/map').expect(404);
  });
});
