import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

describe('manual scoring entries (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let other: Record<string, number>;
  let planId: number;
  const auth: Record<string, string> = {};

  const entries = () => `/api/v1/plans/${planId}/scoring-entries`;
  const count = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM scoring_manual_entry'))[0].n);
  const totalOf = async (unit: string, month: string) => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/units/${u[unit]}/scorecard?month=${month}`)
      .set('Authorization', auth.leader!)
      .expect(200);
    return res.body.total as string;
  };
  const falsified = {
    itemCode: 'integrity',
    month: '2026-05',
    counter: 'falsified',
    count: '1',
    reason: '城关镇5月上报的智能装备项目协议投资额经核查系虚报',
  };

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    other = await insertUnits(t.dataSource, [
      { code: 'LINXIAN', name: '邻县', category: 'county' },
      { code: 'LX01', name: '邻县城南镇', category: 'town', parent: 'LINXIAN' },
    ]);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    for (const name of ['admin', 'leader', 'rep_t01']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it('should record a falsification against a deduction item, counted from its month on, and audit it', async () => {
    expect(await totalOf('T01', '2026-06')).toBe('32');
    const res = await t.http
      .post(entries())
      .set('Authorization', auth.admin!)
      .send({ ...falsified, unitId: u.T01 })
      .expect(201);
    expect(res.body).toMatchObject({
      planId,
      unitId: u.T01,
      unitName: '城关镇',
      itemCode: 'integrity',
      itemName: '项目推进与诚信',
      month: '2026-05',
      counter: 'falsified',
      count: '1',
      points: null,
      reason: falsified.reason,
      createdBy: '招商局管理员',
    });
    // 0.5 − 0.2 from May on; April is untouched
    expect(await totalOf('T01', '2026-06')).toBe('31.8');
    expect(await totalOf('T01', '2026-05')).not.toBe(await totalOf('T01', '2026-04'));
    const card = await t.http
      .get(`/api/v1/plans/${planId}/units/${u.T01}/scorecard?month=2026-06`)
      .set('Authorization', auth.rep_t01!)
      .expect(200);
    expect(card.body.items.find((i: { code: string }) => i.code === 'integrity').formula).toContain(
      '弄虚作假 1 × 0.2',
    );
    const audit = await t.dataSource.query(
      `SELECT username, after FROM audit_event WHERE action = 'scoring_entry.create' AND object_id = $1`,
      [String(res.body.id)],
    );
    expect(audit).toEqual([
      { username: 'admin', after: expect.objectContaining({ counter: 'falsified', count: '1' }) },
    ]);
  });

  it('should add points by hand to a bonus item and list the entries to every business reader', async () => {
    await t.http
      .post(entries())
      .set('Authorization', auth.admin!)
      .send({
        unitId: u.T03,
        itemCode: 'fortune500',
        month: '2026-06',
        points: '1.5',
        reason: '引进央企区域总部，经县政府常务会议研究加分',
      })
      .expect(201);
    expect(await totalOf('T03', '2026-06')).toBe('33.5');
    for (const who of ['leader', 'rep_t01']) {
      const list = await t.http.get(entries()).set('Authorization', auth[who]!).expect(200);
      expect(
        list.body.items.map((e: { unitName: string; itemCode: string }) => `${e.unitName} ${e.itemCode}`),
      ).toEqual(['城关镇 integrity', '白云镇 fortune500']);
    }
  });

  it('should delete an entry with a reason (kept and audited), after which it no longer counts', async () => {
    const [entry] = await t.dataSource.query(`SELECT id FROM scoring_manual_entry WHERE unit_id = $1`, [
      u.T01,
    ]);
    await t.http
      .delete(`/api/v1/scoring-entries/${entry.id}`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(400);
    await t.http
      .delete(`/api/v1/scoring-entries/${entry.id}`)
      .set('Authorization', auth.leader!)
      .send({ reason: '复核' })
      .expect(403);
    await t.http
      .delete(`/api/v1/scoring-entries/${entry.id}`)
      .set('Authorization', auth.admin!)
      .send({ reason: '经复核，协议投资额系录入错误，已更正，撤销扣分' })
      .expect(204);
    expect(await totalOf('T01', '2026-06')).toBe('32');
    const [row] = await t.dataSource.query(
      `SELECT deleted_reason AS reason, deleted_at IS NOT NULL AS "isDeleted" FROM scoring_manual_entry WHERE id = $1`,
      [entry.id],
    );
    expect(row).toEqual({ reason: '经复核，协议投资额系录入错误，已更正，撤销扣分', isDeleted: true });
    const [audit] = await t.dataSource.query(
      `SELECT before, detail FROM audit_event WHERE action = 'scoring_entry.delete' AND object_id = $1`,
      [String(entry.id)],
    );
    expect(audit.before).toMatchObject({ unitId: u.T01, counter: 'falsified' });
    expect(audit.detail).toEqual({ reason: '经复核，协议投资额系录入错误，已更正，撤销扣分' });
    await t.http
      .delete(`/api/v1/scoring-entries/${entry.id}`)
      .set('Authorization', auth.admin!)
      .send({ reason: '再次删除' })
      .expect(404);
  });

  it('should refuse entries from leader and reporter (403) and write nothing', async () => {
    const n = await count();
    for (const who of ['leader', 'rep_t01']) {
      await t.http
        .post(entries())
        .set('Authorization', auth[who]!)
        .send({ ...falsified, unitId: u.T01 })
        .expect(403);
    }
    expect(await count()).toBe(n);
  });

  const bad: Array<[string, () => Record<string, unknown>, number, string]> = [
    ['unitId abc', () => ({ ...falsified, unitId: 'abc' }), 400, 'unitId'],
    ['no reason', () => ({ ...falsified, unitId: u.T01, reason: undefined }), 400, 'reason'],
    ['a blank reason', () => ({ ...falsified, unitId: u.T01, reason: '   ' }), 400, 'reason'],
    ['month 2026-13', () => ({ ...falsified, unitId: u.T01, month: '2026-13' }), 400, 'month'],
    ['a month of another year', () => ({ ...falsified, unitId: u.T01, month: '2025-05' }), 400, 'month'],
    ['count -1', () => ({ ...falsified, unitId: u.T01, count: '-1' }), 400, 'count'],
    ['count 1e309', () => ({ ...falsified, unitId: u.T01, count: '1e309' }), 400, 'count'],
    ['count 1,000', () => ({ ...falsified, unitId: u.T01, count: '1,000' }), 400, 'count'],
    ['count as a number', () => ({ ...falsified, unitId: u.T01, count: 1 }), 400, 'count'],
    ['points 0.00001', () => ({ ...falsified, unitId: u.T01, points: '0.00001' }), 400, 'points'],
    ['count without counter', () => ({ ...falsified, unitId: u.T01, counter: undefined }), 400, 'counter'],
    ['counter without count', () => ({ ...falsified, unitId: u.T01, count: undefined }), 400, 'count'],
    [
      'neither count nor points',
      () => ({ ...falsified, unitId: u.T01, counter: undefined, count: undefined }),
      400,
      'points',
    ],
    ['an unknown field', () => ({ ...falsified, unitId: u.T01, approvedBy: 'leader' }), 400, 'approvedBy'],
    ['an unknown item', () => ({ ...falsified, unitId: u.T01, itemCode: 'bribery' }), 422, 'itemCode'],
    ['a completion item', () => ({ ...falsified, unitId: u.T01, itemCode: 'funds' }), 422, 'itemCode'],
    [
      'a counter the item does not use',
      () => ({ ...falsified, unitId: u.T01, counter: 'reportLate' }),
      422,
      'counter',
    ],
    ['a unit of another county', () => ({ ...falsified, unitId: other.LX01 }), 422, 'unitId'],
    ['the county itself', () => ({ ...falsified, unitId: u.XIAN }), 422, 'unitId'],
  ];
  it.each(bad)(
    'should refuse %s, naming the field, and write nothing',
    async (_label, body, status, field) => {
      const n = await count();
      const res = await t.http.post(entries()).set('Authorization', auth.admin!).send(body()).expect(status);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count()).toBe(n);
    },
  );

  it('should record an explicit zero count ("reported none", 报无) apart from no entry, scoring nothing', async () => {
    const before = await totalOf('T02', '2026-06');
    const res = await t.http
      .post(entries())
      .set('Authorization', auth.admin!)
      .send({
        ...falsified,
        unitId: u.T02,
        month: '2026-06',
        count: '0',
        reason: '青山镇6月报无弄虚作假情形，经核查属实',
      })
      .expect(201);
    expect(res.body).toMatchObject({ unitId: u.T02, counter: 'falsified', count: '0', points: null });
    expect(await totalOf('T02', '2026-06')).toBe(before);
    const list = await t.http.get(entries()).set('Authorization', auth.leader!).expect(200);
    const zero = list.body.items.find((e: { id: number }) => e.id === res.body.id);
    expect(zero).toMatchObject({ count: '0' });
    // points stay above 0: a bonus of nothing is not an entry
    await t.http
      .post(entries())
      .set('Authorization', auth.admin!)
      .send({ ...falsified, unitId: u.T02, counter: undefined, count: undefined, points: '0' })
      .expect(400);
  });

  it('should answer 404 for an unknown plan or entry', async () => {
    await t.http.get('/api/v1/plans/999999/scoring-entries').set('Authorization', auth.leader!).expect(404);
    await t.http
      .post('/api/v1/plans/999999/scoring-entries')
      .set('Authorization', auth.admin!)
      .send({ ...falsified, unitId: u.T01 })
      .expect(404);
    await t.http
      .delete('/api/v1/scoring-entries/999999')
      .set('Authorization', auth.admin!)
      .send({ reason: '误录' })
      .expect(404);
  });
});
