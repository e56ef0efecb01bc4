import { Clock } from '../src/common/clock/clock.service';
import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertRankingPlan, RANKING_GROUPS } from './factories/ranking.factory';
import { insertTarget } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

interface Cell {
  unitId: number;
  indicatorId: number;
  actual: string;
  completion: string | null;
  hasValue?: boolean;
}

/**
 * Issue 17 part 3: indicators counted from 招商活动 and 线索, configured like the ledger ones (source work), scored,
 * maintained in the YTD summary with every activity write, and equal to a rebuild.
 */
describe('招商工作 indicators (work rules) (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  const ind: Record<string, number> = {};
  const auth: Record<string, string> = {};
  let investorId: number;

  const api = (method: 'get' | 'post' | 'patch' | 'delete', url: string, who: string) =>
    t.http[method](`/api/v1${url}`).set('Authorization', auth[who]!);

  const progress = async (month: string) => {
    const res = await api('get', `/plans/${planId}/progress?month=${month}`, 'leader').expect(200);
    return (unit: string, code: string): Cell =>
      res.body.cells.find((c: Cell) => c.unitId === u[unit] && c.indicatorId === ind[code]);
  };
  const ranking = async (month: string) => {
    const res = await api('get', `/plans/${planId}/ranking?month=${month}`, 'leader').expect(200);
    return (unit: string) =>
      res.body.rows.find((r: { unitId: number }) => r.unitId === u[unit]) as { total: string; rank: number };
  };

  /** A lead of a unit with its status history, written as the leads module does (status changes with their days). */
  async function insertLead(unit: string, title: string, foundOn: string, changes: Array<[string, string]>) {
    const status = changes.length ? changes[changes.length - 1]![0] : 'new';
    let projectId: number | null = null;
    if (status === 'signed') {
      [{ id: projectId }] = await t.dataSource.query(
        `INSERT INTO project (code, name, investor_name, origin, agreed_investment_wan, unit_id, stage, signed_date)
         VALUES ($1, $2, '浙江绿源食品集团有限公司', 'out_of_province', 50000, $3, 'signed', $4) RETURNING id`,
        [`XM-${title}`, `${title}项目`, u[unit], changes[changes.length - 1]![1]],
      );
    }
    const [lead] = await t.dataSource.query(
      `INSERT INTO lead (code, title, unit_id, owner_name, investor_id, source, status, found_on, status_changed_on, project_id)
       VALUES ($1, $2, $3, '李明', $4, 'visit', $5, $6, $6, $7) RETURNING id`,
      [`XS-${title}`, title, u[unit], investorId, status, foundOn, projectId],
    );
    let from = 'new';
    await t.dataSource.query(
      `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_on) VALUES ($1, NULL, 'new', $2)`,
      [lead.id, foundOn],
    );
    for (const [to, on] of changes) {
      await t.dataSource.query(
        `INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_on) VALUES ($1, $2, $3, $4)`,
        [lead.id, from, to, on],
      );
      from = to;
    }
    // what the leads module does in the lead's transaction: the unit's own figures moved
    await t.dataSource.transaction((m) => t.app.get(YtdSummaryService).refreshForUnits(m, [u[unit]!]));
  }

  const activity = (unit: string, over: Record<string, unknown> = {}) => ({
    kind: 'outbound',
    title: '赴苏州工业园区招商',
    unitId: u[unit],
    startDate: '2026-10-12',
    place: '江苏省苏州市',
    leadingOfficial: '王建国',
    companies: [{ name: '苏州汇川精密机械有限公司' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    for (const who of ['admin', 'leader', 'rep_t01', 'rep_t02']) auth[who] = await bearer(t.http, who);
    // the 考核办法 scores the two work indicators by completion (configured below through the indicators API)
    planId = await insertRankingPlan(t.dataSource, {
      rootUnitId: u.XIAN!,
      rankingGroups: RANKING_GROUPS,
      scoring: {
        items: [
          {
            code: 'activities',
            name: '招商活动批次',
            method: 'completion',
            indicator: 'HDPC',
            weight: '10',
            cap: '1.2',
          },
          {
            code: 'leads',
            name: '新增线索条数',
            method: 'completion',
            indicator: 'XZXS',
            weight: '10',
            cap: '1.2',
          },
        ],
        coefficient: '1',
      },
    });
    [{ id: investorId }] = await t.dataSource.query(
      `INSERT INTO investor (name) VALUES ('浙江绿源食品集团有限公司') RETURNING id`,
    );
  });
  afterAll(() => t.close());

  it('should refuse a work indicator with a bad rule, naming the field', async () => {
    const base = {
      code: 'HDPC',
      name: '招商活动批次',
      measure: '批次',
      kind: 'count',
      source: 'work',
      weight: '10',
    };
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await api('post', `/plans/${planId}/indicators`, 'admin').send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad(base, 'workRule');
    await bad({ ...base, workRule: { measure: 'visits' } }, 'workRule.measure');
    await bad({ ...base, workRule: { measure: 'activities', kinds: ['banquet'] } }, 'workRule.kinds.0');
    await bad(
      { ...base, workRule: { measure: 'new_leads', ledByCountyLeader: true } },
      'workRule.ledByCountyLeader',
    );
    await bad({ ...base, kind: 'ratio', measure: '%', workRule: { measure: 'new_leads' } }, 'kind');
    await bad({ ...base, source: 'reported', workRule: { measure: 'activities' } }, 'workRule');
    expect(
      (await t.dataSource.query('SELECT count(*)::int AS n FROM indicator WHERE plan_id = $1', [planId]))[0]
        .n,
    ).toBe(0);
  });

  it('should count activities and leads as configured plan indicators, scored and ranked', async () => {
    // before anything is configured: two leads of 青山镇, one of them negotiated in April and signed in August
    await insertLead('T02', '绿源食品精深加工', '2026-03-05', [
      ['negotiating', '2026-04-10'],
      ['signed', '2026-08-02'],
    ]);
    await insertLead('T02', '青山文旅康养综合体', '2026-06-18', [['negotiating', '2026-07-01']]);
    await insertLead('T01', '城关镇商业综合体', '2025-11-20', [['negotiating', '2025-12-01']]);

    const configure = async (body: Record<string, unknown>) => {
      const res = await api('post', `/plans/${planId}/indicators`, 'admin').send(body).expect(201);
      ind[body.code as string] = res.body.id;
      return res.body;
    };
    const hdpc = await configure({
      code: 'HDPC',
      name: '招商活动批次',
      measure: '批次',
      kind: 'count',
      source: 'work',
      weight: '10',
      workRule: { measure: 'activities' },
    });
    expect(hdpc.workRule).toEqual({ measure: 'activities' });
    await configure({
      code: 'XZXS',
      name: '新增线索条数',
      measure: '条',
      kind: 'count',
      source: 'work',
      weight: '10',
      workRule: { measure: 'new_leads' },
    });
    await configure({
      code: 'LDDD',
      name: '领导带队招商次数',
      measure: '次',
      kind: 'count',
      source: 'work',
      weight: '0',
      isScored: false,
      workRule: { measure: 'activities', ledByCountyLeader: true, creditParticipants: true },
    });
    await configure({
      code: 'QYXS',
      name: '签约线索条数',
      measure: '条',
      kind: 'count',
      source: 'work',
      weight: '0',
      isScored: false,
      workRule: { measure: 'signed_leads' },
    });
    await configure({
      code: 'ZTXM',
      name: '在谈项目个数',
      measure: '个',
      kind: 'count',
      source: 'work',
      weight: '0',
      isScored: false,
      workRule: { measure: 'negotiating_leads' },
    });
    await configure({
      code: 'XSZHL',
      name: '线索转化率',
      measure: '%',
      kind: 'ratio',
      source: 'formula',
      weight: '0',
      isScored: false,
      formula: { kind: 'ratio', numerator: 'QYXS', denominator: 'XZXS' },
    });
    for (const unit of ['T01', 'T02']) {
      await insertTarget(t.dataSource, planId, u[unit]!, ind.HDPC!, '4');
      await insertTarget(t.dataSource, planId, u[unit]!, ind.XZXS!, '4');
    }

    let cell = await progress('2026-10');
    // 城关镇's lead was found last year: no new lead this year, but it is still in talks
    expect(cell('T01', 'XZXS').actual).toBe('0');
    expect(cell('T02', 'XZXS')).toMatchObject({ actual: '2', completion: '0.5' });
    expect(cell('XIAN', 'XZXS').actual).toBe('2');
    expect(cell('T02', 'HDPC').actual).toBe('0');
    // 在谈 is a level at each month's end, never a sum over months
    expect((await progress('2026-03'))('T02', 'ZTXM').actual).toBe('0');
    expect((await progress('2026-05'))('T02', 'ZTXM').actual).toBe('1');
    expect((await progress('2026-07'))('T02', 'ZTXM').actual).toBe('2');
    expect(cell('T02', 'ZTXM').actual).toBe('1');
    expect(cell('T01', 'ZTXM').actual).toBe('1');
    expect(cell('XIAN', 'ZTXM').actual).toBe('2');
    // 线索转化率: signed ÷ new of the year, a ratio of the year-to-date counts
    expect(cell('T02', 'XSZHL').actual).toBe('0.5');
    expect((await progress('2026-07'))('T02', 'XSZHL').actual).toBe('0');

    const before = await ranking('2026-10');
    expect(Number(before('T02').total)).toBeGreaterThan(Number(before('T01').total));

    // 城关镇 logs three activities in October, one led by a county leader with 开发区 taking part
    await api('post', '/activities', 'rep_t01').send(activity('T01')).expect(201);
    await api('post', '/activities', 'rep_t01')
      .send(activity('T01', { title: '接待深圳客商考察', kind: 'reception' }))
      .expect(201);
    const led = await api('post', '/activities', 'rep_t01')
      .send(
        activity('T01', {
          title: '县领导带队赴上海招商',
          ledByCountyLeader: true,
          participantUnitIds: [u.P01],
        }),
      )
      .expect(201);
    cell = await progress('2026-10');
    expect(cell('T01', 'HDPC')).toMatchObject({ actual: '3', completion: '0.75' });
    expect(cell('XIAN', 'HDPC').actual).toBe('3');
    expect(cell('T01', 'LDDD').actual).toBe('1');
    expect(cell('P01', 'LDDD').actual).toBe('1');
    expect(cell('P01', 'HDPC').actual).toBe('0');
    expect((await progress('2026-09'))('T01', 'HDPC').actual).toBe('0');
    const after = await ranking('2026-10');
    expect(Number(after('T01').total)).toBeGreaterThan(Number(before('T01').total));
    expect(after('T01').rank).toBe(1);

    // a removed activity no longer counts
    await api('delete', `/activities/${led.body.id}`, 'rep_t01')
      .send({ version: 1, reason: '活动取消，误登记' })
      .expect(204);
    cell = await progress('2026-10');
    expect(cell('T01', 'HDPC').actual).toBe('2');
    expect(cell('P01', 'LDDD').actual).toBe('0');

    // a lead entered through the leads API (not the sources directly) moves the counts at once: 城关镇 finds one in
    // October and starts talks the same month
    const lead = await api('post', '/leads', 'rep_t01')
      .send({
        title: '城关镇智能装备产业园线索',
        unitId: u.T01,
        ownerName: '城关镇招商办 李娜',
        investor: { name: '苏州精工智能装备有限公司' },
        source: 'outbound',
        foundOn: '2026-10-08',
      })
      .expect(201);
    cell = await progress('2026-10');
    expect(cell('T01', 'XZXS')).toMatchObject({ actual: '1', completion: '0.25' });
    expect(cell('XIAN', 'XZXS').actual).toBe('3');
    await api('patch', `/leads/${lead.body.id}`, 'rep_t01')
      .send({ version: lead.body.version, status: 'negotiating', statusChangedOn: '2026-10-20' })
      .expect(200);
    cell = await progress('2026-10');
    expect(cell('T01', 'ZTXM').actual).toBe('2');
    expect((await progress('2026-09'))('T01', 'ZTXM').actual).toBe('1');

    // the maintained rows equal a rebuild from the sources
    const drift = await t.dataSource.transaction((m) =>
      t.app.get(YtdSummaryService).rebuildComparing(m, planId, 5),
    );
    expect(drift).toEqual({ planId, total: 0, rows: [] });
  });
});
