import { formatPoints } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertIndicators,
  insertPlan,
  insertProject,
  insertTarget,
  reportThroughApi,
} from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

interface Cell {
  unitId: number;
  indicatorId: number;
  actual: string;
  target: string | null;
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: string | null;
}

describe('year-to-date summary and progress (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  let ytd: YtdSummaryService;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    // DOMAIN.md §4: the county's 实际到位资金 target is 20亿元
    await insertTarget(t.dataSource, planId, units.XIAN!, ind.DWZJ!, '200000');
    await insertTarget(t.dataSource, planId, units.T01!, ind.XSLS!, '40');
    for (const user of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_t02'])
      auth[user] = await bearer(t.http, user);
    ytd = t.app.get(YtdSummaryService);
  });
  afterAll(() => t.close());

  /** The maintained rolled-up YTD of a unit × indicator at the end of a month, as numeric text with trailing zeros cut. */
  const ytdOf = async (unit: string, code: string, monthNo: number): Promise<string | undefined> => {
    const rows = await t.dataSource.query(
      'SELECT trim_scale(value)::text AS v FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = $4',
      [planId, units[unit], ind[code], monthNo],
    );
    return rows[0]?.v;
  };
  const refreshUnits = (ids: number[]) => t.dataSource.transaction((m) => ytd.refreshForUnits(m, ids));
  const refreshPlan = (id: number) => t.dataSource.transaction((m) => ytd.refreshPlan(m, id));
  const values = (xsls: string, dwzj: string) => ({ [ind.XSLS!]: xsls, [ind.DWZJ!]: dwzj, [ind.WCPC!]: '1' });
  const progress = async (month: string, who = 'leader') => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/progress?month=${month}`)
      .set('Authorization', auth[who]!)
      .expect(200);
    const cell = (unit: string, code: string): Cell =>
      res.body.cells.find((c: Cell) => c.unitId === units[unit] && c.indicatorId === ind[code]);
    return { body: res.body, cell };
  };

  describe('reported figures', () => {
    it('should count approved months only: 3 + 2 approved, 4 submitted → March YTD 5 at the town and the county', async () => {
      const t01 = { reporter: auth.rep_t01!, admin: auth.admin! };
      await reportThroughApi(t.http, t01, {
        planId,
        unitId: units.T01!,
        month: '2026-01',
        values: values('3', '10000'),
        approve: true,
      });
      await reportThroughApi(t.http, t01, {
        planId,
        unitId: units.T01!,
        month: '2026-02',
        values: values('2', '20000'),
        approve: true,
      });
      await reportThroughApi(t.http, t01, {
        planId,
        unitId: units.T01!,
        month: '2026-03',
        values: values('4', '999999'),
      });
      expect(await ytdOf('T01', 'XSLS', 1)).toBe('3');
      expect(await ytdOf('T01', 'XSLS', 3)).toBe('5');
      expect(await ytdOf('XIAN', 'XSLS', 3)).toBe('5');
      expect(await ytdOf('T02', 'XSLS', 3)).toBe('0');
      expect(await ytdOf('XIAN', 'DWZJ', 12)).toBe('30000');
      const { cell } = await progress('2026-03');
      expect(cell('T01', 'XSLS')).toMatchObject({
        actual: '5',
        target: '40',
        completion: '0.125',
        expected: '0.25',
        gapPp: '-12.5',
        light: 'red',
      });
    });

    it('should give the DOMAIN.md worked example: 13亿 by June → 65.00% vs 50.00%, +15.00 pp, green; 15亿 by October → yellow', async () => {
      const t02 = { reporter: auth.rep_t02!, admin: auth.admin! };
      await reportThroughApi(t.http, t02, {
        planId,
        unitId: units.T02!,
        month: '2026-04',
        values: values('0', '50000'),
        approve: true,
      });
      await reportThroughApi(t.http, t02, {
        planId,
        unitId: units.T02!,
        month: '2026-06',
        values: values('1', '50000'),
        approve: true,
      });
      await reportThroughApi(t.http, t02, {
        planId,
        unitId: units.T02!,
        month: '2026-09',
        values: values('0', '20000'),
        approve: true,
      });
      const june = await progress('2026-06');
      expect(june.body.expected).toBe('0.5');
      expect(june.cell('XIAN', 'DWZJ')).toEqual({
        unitId: units.XIAN,
        indicatorId: ind.DWZJ,
        actual: '130000',
        target: '200000',
        completion: '0.65',
        expected: '0.5',
        gapPp: '15',
        light: 'green',
      });
      const october = await progress('2026-10', 'rep_t02');
      const county = october.cell('XIAN', 'DWZJ');
      expect(county).toMatchObject({ actual: '150000', completion: '0.75', light: 'yellow' });
      expect(formatPoints(county.gapPp)).toBe('-8.33');
      expect(county.expected.startsWith('0.8333333333')).toBe(true);
      // a unit without a target shows "—"
      expect(october.cell('T02', 'DWZJ')).toMatchObject({
        actual: '120000',
        target: null,
        completion: null,
        gapPp: null,
        light: null,
      });
      // the plan's band decides yellow or red
      await t.dataSource.query('UPDATE plan SET yellow_band = 5 WHERE id = $1', [planId]);
      expect((await progress('2026-10', 'admin')).cell('XIAN', 'DWZJ').light).toBe('red');
      await t.dataSource.query('UPDATE plan SET yellow_band = 10 WHERE id = $1', [planId]);
    });

    it('should take an unlocked month out of the summary and put a re-approved one back', async () => {
      const report = (
        await t.dataSource.query(
          `SELECT id, version FROM monthly_report WHERE plan_id = $1 AND unit_id = $2 AND month = '2026-06'`,
          [planId, units.T02],
        )
      )[0];
      await t.http
        .post(`/api/v1/reports/${report.id}/unlock`)
        .set('Authorization', auth.admin!)
        .send({ version: report.version, reason: '到位资金需按银行回单更正' })
        .expect(200);
      expect(await ytdOf('XIAN', 'DWZJ', 6)).toBe('80000');
      const saved = await t.http
        .put(`/api/v1/reports/${report.id}`)
        .set('Authorization', auth.rep_t02!)
        .send({
          version: report.version + 1,
          values: Object.entries(values('1', '45000.5')).map(([id, value]) => ({
            indicatorId: Number(id),
            value,
          })),
        })
        .expect(200);
      const submitted = await t.http
        .post(`/api/v1/reports/${report.id}/submit`)
        .set('Authorization', auth.rep_t02!)
        .send({ version: saved.body.version })
        .expect(200);
      await t.http
        .post(`/api/v1/reports/${report.id}/approve`)
        .set('Authorization', auth.admin!)
        .send({ version: submitted.body.version })
        .expect(200);
      expect(await ytdOf('XIAN', 'DWZJ', 6)).toBe('125000.5');
      expect(await ytdOf('T02', 'DWZJ', 12)).toBe('115000.5');
    });
  });

  describe('ledger figures', () => {
    let shared: number;

    it('should split a shared project by share and count it once at the county', async () => {
      shared = await insertProject(t.dataSource, {
        code: 'XM-2026-001',
        name: '年产10GWh储能电池项目',
        investorName: '江苏某新能源科技有限公司',
        unitId: units.T01!,
        agreedWan: '120000',
        signedDate: '2026-03-31',
        shares: [
          { unitId: units.T01!, pct: '60' },
          { unitId: units.T02!, pct: '40' },
        ],
      });
      await refreshUnits([units.T01!, units.T02!]);
      expect(await ytdOf('T01', 'QYZTZ', 3)).toBe('72000');
      expect(await ytdOf('T02', 'QYZTZ', 3)).toBe('48000');
      expect(await ytdOf('XIAN', 'QYZTZ', 3)).toBe('120000');
      expect(await ytdOf('XIAN', 'QYZTZ', 2)).toBe('0');
      // 10亿元以上 (≥ 100000 万元): credited 1 to the responsible unit, 0 to the co-introducer, 1 at the county
      expect(await ytdOf('T01', 'SYYS', 3)).toBe('1');
      expect(await ytdOf('T02', 'SYYS', 3)).toBe('0');
      expect(await ytdOf('XIAN', 'SYYS', 3)).toBe('1');
      expect(await ytdOf('XIAN', 'SYYS', 12)).toBe('1');
    });

    it('should count a project signed on April 1 in April, not March, and include the 以上 bound', async () => {
      await insertProject(t.dataSource, {
        code: 'XM-2026-002',
        name: '汽车零部件精密铸造项目',
        investorName: '浙江某机械股份有限公司',
        unitId: units.T02!,
        agreedWan: '100000',
        signedDate: '2026-04-01',
      });
      await refreshUnits([units.T02!]);
      expect(await ytdOf('T02', 'QYGS', 3)).toBe('0');
      expect(await ytdOf('T02', 'QYGS', 4)).toBe('1');
      expect(await ytdOf('XIAN', 'QYGS', 3)).toBe('1');
      expect(await ytdOf('XIAN', 'QYGS', 4)).toBe('2');
      // exactly 10亿 is 10亿元以上
      expect(await ytdOf('XIAN', 'SYYS', 4)).toBe('2');
    });

    it('should credit counts by share when the plan says so', async () => {
      await t.dataSource.query(`UPDATE plan SET count_credit = 'share' WHERE id = $1`, [planId]);
      await refreshPlan(planId);
      expect(await ytdOf('T01', 'SYYS', 3)).toBe('0.6');
      expect(await ytdOf('T02', 'SYYS', 3)).toBe('0.4');
      expect(await ytdOf('XIAN', 'SYYS', 3)).toBe('1');
      await t.dataSource.query(`UPDATE plan SET count_credit = 'responsible' WHERE id = $1`, [planId]);
      await refreshPlan(planId);
      expect(await ytdOf('T01', 'SYYS', 3)).toBe('1');
    });

    it('should compute the ratio from the rolled-up components', async () => {
      await insertProject(t.dataSource, {
        code: 'XM-2026-003',
        name: '特种纸深加工项目',
        investorName: '广东某纸业集团有限公司',
        unitId: units.P01A!,
        agreedWan: '35000',
        origin: 'overseas',
        fortune500Kind: 'world',
        signedDate: '2026-02-10',
        startedDate: '2026-05-06',
      });
      await refreshUnits([units.P01A!]);
      const row = async (unit: string, monthNo: number) =>
        (
          await t.dataSource.query(
            `SELECT trim_scale(value)::text AS value, trim_scale(numerator)::text AS num, trim_scale(denominator)::text AS den
               FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = $4`,
            [planId, units[unit], ind.KGL, monthNo],
          )
        )[0];
      expect(await row('XIAN', 5)).toEqual({ value: '0.33333333', num: '1', den: '3' });
      expect(await row('P01', 5)).toEqual({ value: '1', num: '1', den: '1' });
      expect(await row('P01', 4)).toEqual({ value: '0', num: '0', den: '1' });
      expect(await row('T01', 5)).toEqual({ value: '0', num: '0', den: '1' });
      expect(await row('D01', 5)).toEqual({ value: '0', num: '0', den: '0' });
      expect(await ytdOf('P01', 'WBQ', 2)).toBe('1');
    });

    it('should stop counting a project once it is dropped, excluded or deleted', async () => {
      await t.dataSource.query(
        `UPDATE project SET stage = 'dropped', dropped_date = '2026-06-30' WHERE id = $1`,
        [shared],
      );
      await refreshUnits([units.T01!, units.T02!]);
      expect(await ytdOf('T01', 'QYZTZ', 3)).toBe('0');
      expect(await ytdOf('XIAN', 'QYZTZ', 12)).toBe('135000');
      expect(await ytdOf('XIAN', 'SYYS', 12)).toBe('1');
      await t.dataSource.query(
        `UPDATE project SET is_excluded = true, excluded_reason = '本市企业迁建，不计入' WHERE code = 'XM-2026-002'`,
      );
      await t.dataSource.query(
        `UPDATE project SET deleted_at = now(), deleted_reason = '重复录入' WHERE code = 'XM-2026-003'`,
      );
      await refreshUnits([units.T02!, units.P01A!]);
      expect(await ytdOf('XIAN', 'QYGS', 12)).toBe('0');
      expect(await ytdOf('XIAN', 'QYZTZ', 12)).toBe('0');
    });

    it('should leave a closed plan untouched by ledger refreshes', async () => {
      const before = await t.dataSource.query(
        'SELECT count(*)::int AS n, sum(value)::text AS s FROM ytd_summary WHERE plan_id = $1',
        [planId],
      );
      await t.dataSource.query(`UPDATE plan SET status = 'closed' WHERE id = $1`, [planId]);
      await t.dataSource.query(
        `UPDATE project SET is_excluded = false, excluded_reason = NULL WHERE code = 'XM-2026-002'`,
      );
      await refreshUnits([units.T02!]);
      const after = await t.dataSource.query(
        'SELECT count(*)::int AS n, sum(value)::text AS s FROM ytd_summary WHERE plan_id = $1',
        [planId],
      );
      expect(after).toEqual(before);
      await t.dataSource.query(`UPDATE plan SET status = 'published' WHERE id = $1`, [planId]);
      await refreshUnits([units.T02!]);
      expect(await ytdOf('XIAN', 'QYGS', 12)).toBe('1');
    });
  });

  describe('GET /plans/:id/progress', () => {
    it('should return every unit of the tree × every indicator, the root first', async () => {
      const { body } = await progress('2026-11', 'rep_t01');
      expect(body.units.map((u: { code: string; depth: number }) => [u.code, u.depth])).toEqual([
        ['XIAN', 0],
        ['T01', 1],
        ['T02', 1],
        ['D01', 1],
        ['P01', 1],
        ['P01A', 2],
      ]);
      expect(body.indicators.map((i: { code: string }) => i.code)).toEqual([
        'XSLS',
        'DWZJ',
        'WCPC',
        'QYZTZ',
        'QYGS',
        'SYYS',
        'KGGS',
        'SWDW',
        'WBQ',
        'KGL',
      ]);
      expect(body.cells).toHaveLength(6 * 10);
      expect(body).toMatchObject({ planId, month: '2026-11', yellowBand: '10' });
      // parents are the sum of their own and their descendants' figures
      const actual = (unit: string, code: string) =>
        body.cells.find((c: Cell) => c.unitId === units[unit] && c.indicatorId === ind[code]).actual;
      expect(actual('XIAN', 'DWZJ')).toBe('145000.5');
      expect(actual('T01', 'DWZJ')).toBe('30000');
      expect(actual('T02', 'DWZJ')).toBe('115000.5');
    });

    it('should be readable by admin, leader and reporters only', async () => {
      for (const who of ['admin', 'leader', 'rep_t02']) {
        await t.http
          .get(`/api/v1/plans/${planId}/progress?month=2026-06`)
          .set('Authorization', auth[who]!)
          .expect(200);
      }
      for (const who of ['sysadmin', 'auditor']) {
        await t.http
          .get(`/api/v1/plans/${planId}/progress?month=2026-06`)
          .set('Authorization', auth[who]!)
          .expect(403);
      }
      await t.http.get(`/api/v1/plans/${planId}/progress?month=2026-06`).expect(401);
    });

    it.each([
      ['2026-13', 'month'],
      ['2026-6', 'month'],
      ['2025-06', 'month'],
      ['', 'month'],
    ])('should refuse month=%s with 400 naming %s', async (month, field) => {
      const res = await t.http
        .get(`/api/v1/plans/${planId}/progress?month=${month}`)
        .set('Authorization', auth.admin!)
        .expect(400);
      expect(res.body.details[0].field).toBe(field);
    });

    it("should hide another county's plan from a reporter of this one (404), as the ranking does", async () => {
      const others = await insertUnits(t.dataSource, [
        { code: 'LSX', name: '临山县', category: 'county' },
        { code: 'LS01', name: '临山镇', category: 'town', parent: 'LSX' },
      ]);
      const otherPlan = await insertPlan(t.dataSource, { rootUnitId: others.LSX!, year: 2026 });
      await insertUser(t.dataSource, {
        username: 'rep_ls01',
        roles: ['reporter'],
        unitIds: [others.LS01!],
        displayName: '临山镇填报员',
      });
      const outsider = await bearer(t.http, 'rep_ls01');
      const hidden = await t.http
        .get(`/api/v1/plans/${planId}/progress?month=2026-06`)
        .set('Authorization', outsider)
        .expect(404);
      expect(hidden.body.code).toBe('NOT_FOUND');
      await t.http.get(`/api/v1/plans/${otherPlan}/progress?month=2026-06`).set('Authorization', outsider).expect(200);
      // the county's own reporters and the admin still read it
      await t.http.get(`/api/v1/plans/${planId}/progress?month=2026-06`).set('Authorization', auth.rep_t02!).expect(200);
    });

    it('should answer the same bytes under an ETag, 304 on If-None-Match, and a new ETag once a figure moves', async () => {
      const url = `/api/v1/plans/${planId}/progress?month=2026-12`;
      const first = await t.http.get(url).set('Authorization', auth.leader!).expect(200);
      const second = await t.http.get(url).set('Authorization', auth.admin!).expect(200);
      const tag = first.headers.etag as string;
      expect(tag).toMatch(/^W\/"progress\/1:plan-\d+:2026-12:v\d+"$/);
      expect(second.headers.etag).toBe(tag);
      expect(second.text).toBe(first.text);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.headers['cache-control']).toContain('no-store');
      const notModified = await t.http
        .get(url)
        .set('Authorization', auth.rep_t01!)
        .set('If-None-Match', tag)
        .expect(304);
      expect(notModified.text ?? '').toBe('');

      // 县发展和改革局's November paper report, typed in by the admin: 8 more 项目线索 once approved, at the
      // department and the county; the progress moves and so does its tag
      const xsls = (body: { cells: Cell[] }, unit: string) =>
        Number(body.cells.find((c) => c.unitId === units[unit] && c.indicatorId === ind.XSLS)!.actual);
      // four eyes (the plan's default): a second administrator approves what the first typed in and submitted
      await insertUser(t.dataSource, { username: 'admin_review', roles: ['admin'], displayName: '招商局审核员' });
      await reportThroughApi(
        t.http,
        { reporter: auth.admin!, admin: await bearer(t.http, 'admin_review') },
        { planId, unitId: units.D01!, month: '2026-11', values: values('8', '0'), approve: true },
      );
      const after = await t.http.get(url).set('Authorization', auth.leader!).set('If-None-Match', tag).expect(200);
      expect(after.headers.etag).not.toBe(tag);
      expect(xsls(after.body, 'D01') - xsls(first.body, 'D01')).toBe(8);
      expect(xsls(after.body, 'XIAN') - xsls(first.body, 'XIAN')).toBe(8);
    });

    it('should answer 404 for an unknown plan and 400 for a malformed id or an extra parameter', async () => {
      await t.http
        .get('/api/v1/plans/99999/progress?month=2026-06')
        .set('Authorization', auth.admin!)
        .expect(404);
      await t.http
        .get('/api/v1/plans/abc/progress?month=2026-06')
        .set('Authorization', auth.admin!)
        .expect(400);
      const extra = await t.http
        .get(`/api/v1/plans/${planId}/progress?month=2026-06&unitId=1`)
        .set('Authorization', auth.admin!)
        .expect(400);
      expect(extra.body.details[0].field).toBe('unitId');
    });
  });
});
