import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { download, readXlsx } from './support/xlsx-fixtures';

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

/** 招商活动 (issue 17 part 2): validation, scoping (organiser, units taking part, another unit), audit, removal. */
describe('招商活动 /activities (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  const auth: Record<string, string> = {};
  let leadT02: number;
  let leadT01: number;
  let chainId: number;

  const api = (method: 'get' | 'post' | 'patch' | 'delete', url: string, who: string) =>
    t.http[method](`/api/v1${url}`).set('Authorization', auth[who]!);

  const trip = (over: Record<string, unknown> = {}) => ({
    kind: 'outbound',
    title: '赴常州新能源电池产业链招商',
    unitId: u.T02,
    startDate: '2026-10-12',
    endDate: '2026-10-14',
    place: '江苏省常州市',
    leadingOfficial: '王建国',
    leadingOfficialTitle: '县委常委、常务副县长',
    ledByCountyLeader: true,
    participantUnitIds: [u.P01],
    participants: ['李明（青山镇）', '张华（开发区管委会）'],
    companies: [
      { name: '江苏恒远动力电池有限公司', note: '董事长接待，有意设立华中分厂' },
      { name: '常州华创新材料科技有限公司' },
    ],
    outcome: '达成初步投资意向2个',
    leads: [{ leadId: leadT02, relation: 'advanced' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, {
      username: 'rep_p01',
      roles: ['reporter'],
      unitIds: [u.P01!],
      displayName: '开发区填报员',
    });
    for (const who of ['admin', 'leader', 'auditor', 'rep_t01', 'rep_t02', 'rep_p01'])
      auth[who] = await bearer(t.http, who);
    const [investor] = await t.dataSource.query(
      `INSERT INTO investor (name) VALUES ('浙江绿源食品集团有限公司') RETURNING id`,
    );
    const lead = async (unitId: number, title: string) =>
      (
        await t.dataSource.query(
          `INSERT INTO lead (code, title, unit_id, owner_name, investor_id, source, found_on, status_changed_on)
           VALUES ($1, $2, $3, '李明', $4, 'outbound', '2026-09-01', '2026-09-01') RETURNING id`,
          [`XS-${title}`, title, unitId, investor.id],
        )
      )[0].id as number;
    leadT02 = await lead(u.T02!, '绿源食品精深加工线索');
    leadT01 = await lead(u.T01!, '城关镇商业综合体线索');
    [{ id: chainId }] = await t.dataSource.query(
      `INSERT INTO industry_chain (name) VALUES ('新能源电池') RETURNING id`,
    );
  });
  afterAll(() => t.close());

  it('should log an activity with companies found or added to the 客商库, units, leads and chain, audited', async () => {
    const res = await api('post', '/activities', 'rep_t02').send(trip({ chainId })).expect(201);
    expect(res.body).toMatchObject({
      code: expect.stringMatching(/^HD2026-\d{6}$/),
      kind: 'outbound',
      unitName: '青山镇',
      startDate: '2026-10-12',
      endDate: '2026-10-14',
      ledByCountyLeader: true,
      participantUnits: [{ unitId: u.P01, unitName: '县经济开发区' }],
      participants: ['李明（青山镇）', '张华（开发区管委会）'],
      leads: [{ leadId: leadT02, title: '绿源食品精深加工线索', relation: 'advanced' }],
      chainId,
      chainName: '新能源电池',
      version: 1,
    });
    expect(res.body.companies.map((c: { name: string }) => c.name)).toEqual([
      '江苏恒远动力电池有限公司',
      '常州华创新材料科技有限公司',
    ]);
    expect(res.body.companies[0].note).toBe('董事长接待，有意设立华中分厂');
    const added = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'investor.create'`,
    );
    expect(added[0].n).toBe(2);
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'activity.create' AND object_id = $1`,
      [String(res.body.id)],
    );
    expect(audit[0].n).toBe(1);

    // the same company by another spelling of spaces is found, not added again
    const again = await api('post', '/activities', 'rep_t02')
      .send(
        trip({
          kind: 'reception',
          title: '恒远动力来访考察',
          leads: [],
          companies: [{ name: '江苏恒远 动力电池有限公司' }],
        }),
      )
      .expect(201);
    expect(again.body.companies[0].id).toBe(res.body.companies[0].id);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM investor`))[0].n).toBe(3);
  });

  it('should refuse bad input with the field named and write nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM activity'))[0].n;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ kind: 'banquet' }, 400, 'kind'],
      [{ startDate: '2026-02-30' }, 400, 'startDate'],
      [{ title: '   ' }, 400, 'title'],
      [{ endDate: '2026-10-01' }, 422, 'endDate'],
      [{ startDate: '2026-12-01', endDate: '2026-12-02' }, 422, 'startDate'],
      [{ participantUnitIds: [u.T02] }, 422, 'participantUnitIds.0'],
      [{ participantUnitIds: [u.P01, u.P01] }, 422, 'participantUnitIds.1'],
      [{ participantUnitIds: [999999] }, 422, 'participantUnitIds.0'],
      [{ companies: [{ investorId: 1, name: '两者都填的企业' }] }, 400, 'companies.0'],
      [
        { companies: [{ name: '常州华创新材料科技有限公司' }, { name: '常州华创新材料科技有限公司' }] },
        422,
        'companies.1',
      ],
      [{ companies: [{ name: '某公司', creditCode: '91330100MA2B3C4D5X' }] }, 400, 'companies.0.creditCode'],
      [{ leads: [{ leadId: leadT01, relation: 'advanced' }] }, 422, 'leads.0.leadId'],
      [{ leads: [{ leadId: 999999, relation: 'created' }] }, 422, 'leads.0.leadId'],
      [{ chainId: 999999 }, 422, 'chainId'],
    ];
    for (const [over, status, field] of cases) {
      const res = await api('post', '/activities', 'rep_t02').send(trip(over));
      expect({ over, status: res.status }).toEqual({ over, status });
      expect(res.body.details?.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.message).toBeTruthy();
    }
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM activity'))[0].n).toBe(before);
  });

  it('should scope reads to the organiser and the units taking part, and writes to the organiser', async () => {
    const created = await api('post', '/activities', 'rep_t02')
      .send(trip({ title: '赴合肥参加新能源汽车产业链对接会', kind: 'expo', leads: [] }))
      .expect(201);
    const id = created.body.id as number;
    // 开发区 takes part: reads it, and finds it in its list; 城关镇 does not
    await api('get', `/activities/${id}`, 'rep_p01').expect(200);
    await api('get', `/activities/${id}`, 'rep_t01').expect(404);
    const p01List = await api('get', '/activities', 'rep_p01').expect(200);
    expect(p01List.body.items.map((a: { id: number }) => a.id)).toContain(id);
    const t01List = await api('get', '/activities', 'rep_t01').expect(200);
    expect(t01List.body.total).toBe(0);
    // a unit taking part may not edit or remove it
    await api('patch', `/activities/${id}`, 'rep_p01').send({ version: 1, title: '改名' }).expect(403);
    await api('delete', `/activities/${id}`, 'rep_p01').send({ version: 1, reason: '误登记' }).expect(403);
    await api('patch', `/activities/${id}`, 'rep_t01').send({ version: 1, title: '改名' }).expect(404);
    // a reporter organises only for their own units; a leader reads all and writes nothing
    await api('post', '/activities', 'rep_t01')
      .send(trip({ leads: [] }))
      .expect(403);
    await api('get', `/activities/${id}`, 'leader').expect(200);
    await api('post', '/activities', 'leader')
      .send(trip({ leads: [] }))
      .expect(403);
    await api('get', '/activities', 'auditor').expect(403);
    const row = await t.dataSource.query('SELECT title, version FROM activity WHERE id = $1', [id]);
    expect(row[0]).toEqual({ title: '赴合肥参加新能源汽车产业链对接会', version: 1 });
  });

  it('should filter by unit subtree, kind, month and 领导带队', async () => {
    await api('post', '/activities', 'admin')
      .send(
        trip({
          unitId: u.T01,
          title: '城关镇线上洽谈',
          kind: 'online',
          startDate: '2026-09-03',
          endDate: '2026-09-03',
          ledByCountyLeader: false,
          participantUnitIds: [],
          leads: [],
          companies: [],
        }),
      )
      .expect(201);
    const list = (q: string) => api('get', `/activities${q}`, 'leader').expect(200);
    expect((await list('?kind=online')).body.items.map((a: { title: string }) => a.title)).toEqual([
      '城关镇线上洽谈',
    ]);
    expect((await list('?month=2026-09')).body.total).toBe(1);
    expect((await list('?month=2026-10')).body.total).toBe(3);
    expect((await list('?ledByCountyLeader=false')).body.total).toBe(1);
    const led = (await list('?ledByCountyLeader=true')).body;
    expect(led.total).toBe(3);
    expect(led.ledByCountyLeaderCount).toBe(3);
    expect((await list(`?unitId=${u.P01A}`)).body.total).toBe(0);
    // 开发区 takes part in three; the county holds them all
    expect((await list(`?unitId=${u.P01}`)).body.total).toBe(3);
    expect((await list(`?unitId=${u.XIAN}`)).body.total).toBe(4);
    expect((await list('?q=恒远')).body.total).toBe(3);
    await api('get', '/activities?month=2026-13', 'leader').expect(400);
    await api('get', '/activities?ledByCountyLeader=yes', 'leader').expect(400);
  });

  it('should edit with the version, replace the lists given, and remove softly with a reason', async () => {
    const created = await api('post', '/activities', 'rep_t02')
      .send(trip({ title: '赴宁波招商', leads: [] }))
      .expect(201);
    const id = created.body.id as number;
    const edited = await api('patch', `/activities/${id}`, 'rep_t02')
      .send({
        version: 1,
        participantUnitIds: [],
        companies: [{ investorId: created.body.companies[1].id }],
        outcome: '签约意向1个',
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      version: 2,
      participantUnits: [],
      outcome: '签约意向1个',
      title: '赴宁波招商',
    });
    expect(edited.body.companies.map((c: { name: string }) => c.name)).toEqual([
      '常州华创新材料科技有限公司',
    ]);
    await api('patch', `/activities/${id}`, 'rep_t02').send({ version: 1, title: '旧版本' }).expect(409);
    // 开发区 no longer takes part: it no longer sees it
    await api('get', `/activities/${id}`, 'rep_p01').expect(404);

    await api('delete', `/activities/${id}`, 'rep_t02').send({ version: 2 }).expect(400);
    await api('delete', `/activities/${id}`, 'rep_t02').send({ version: 1, reason: '重复登记' }).expect(409);
    await api('delete', `/activities/${id}`, 'rep_t02')
      .send({ version: 2, reason: '与十月十二日的外出招商重复登记' })
      .expect(204);
    await api('get', `/activities/${id}`, 'admin').expect(404);
    const [row] = await t.dataSource.query(
      'SELECT removed_reason, removed_at IS NOT NULL AS removed FROM activity WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ removed_reason: '与十月十二日的外出招商重复登记', removed: true });
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE object_type = 'activity' AND object_id = $1 ORDER BY id`,
      [String(id)],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'activity.create',
      'activity.update',
      'activity.remove',
    ]);
  });

  it('should export the list as .xlsx with the same filters and scoping, audited', async () => {
    const file = await download(t.http, auth.rep_p01!, '/exports/activities.xlsx?kind=outbound');
    expect(file.status).toBe(200);
    const sheet = (await readXlsx(file.body)).worksheets[0]!;
    const header: string[] = [];
    sheet.getRow(2).eachCell((cell) => header.push(String(cell.value)));
    expect(header.slice(0, 3)).toEqual(['活动编号', '活动类型', '活动名称']);
    const titles: string[] = [];
    sheet.eachRow((row, n) => {
      if (n >= 3) titles.push(String(row.getCell(3).value));
    });
    // 开发区 took part in the 常州 trip (outbound); the 合肥 expo is filtered out, 城关镇's meeting is not its own
    expect(titles).toContain('赴常州新能源电池产业链招商');
    expect(titles).not.toContain('赴合肥参加新能源汽车产业链对接会');
    expect(titles).not.toContain('城关镇线上洽谈');
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'export.activities'`,
    );
    expect(audit[0].n).toBe(1);
    expect((await download(t.http, auth.auditor!, '/exports/activities.xlsx')).status).toBe(403);
  });
});
