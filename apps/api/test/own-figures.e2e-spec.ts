import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertProject } from './factories/project.factory';
import { refreshYtd } from './factories/ranking.factory';
import { insertIndicators, insertPlan, insertTarget, reportThroughApi } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { readDocx } from './support/docx-reader';
import { download, readXlsx } from './support/xlsx-fixtures';

process.env.TZ = 'UTC';
const clock = { now: () => new Date('2026-11-03T02:00:00Z') };

interface Cell {
  unitId: number;
  indicatorId: number;
  actual: string;
  target: string | null;
  completion: string | null;
}

/**
 * The top of the tree reports (issue 14 point 11): a plan's `ownFigures` lets the root carry its own figures (县本级),
 * rolled up once with its units'; the progress shows each parent's own part as a （本级） line. With the setting off
 * (the default) the plan behaves exactly as before.
 */
describe('own figures of the root and the parents (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};
  const reportIds: Record<string, number> = {};
  const lineOf = async (unit: string, code: string) =>
    (await get(`/reports/${reportIds[unit]}`).expect(200)).body.lines.find(
      (l: { code: string }) => l.code === code,
    );

  const get = (path: string, who = 'admin') => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]!);
  const patchPlan = async (body: Record<string, unknown>, expected = 200) => {
    const plan = await get(`/plans/${planId}`).expect(200);
    return t.http
      .patch(`/api/v1/plans/${planId}`)
      .set('Authorization', auth.admin!)
      .send({ version: plan.body.version, ...body })
      .expect(expected);
  };
  const progress = async () => (await get(`/plans/${planId}/progress?month=2026-10`).expect(200)).body;
  const cellOf = (cells: Cell[], unit: string, code: string) =>
    cells.find((c) => c.unitId === u[unit] && c.indicatorId === ind[code]);
  const report = (unit: string, values: Record<string, string>, who = 'admin', approver = 'admin2') =>
    reportThroughApi(
      t.http,
      { reporter: auth[who]!, admin: auth[approver]! },
      {
        planId,
        unitId: u[unit]!,
        month: '2026-10',
        values: Object.fromEntries(Object.entries(values).map(([code, v]) => [ind[code]!, v])),
        approve: true,
      },
    );

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    // 示范县 → 城关镇, 青山镇, 县发展和改革局, 县经济开发区 → 开发区东区管委会
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    await insertUser(t.dataSource, { username: 'admin2', roles: ['admin'], displayName: '招商局审核员' });
    planId = await insertPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    // 实际到位资金 (万元): the county promises 10亿; its units carry 9亿, so 1亿 is 县本级's own
    const targets: Array<[string, string]> = [
      ['XIAN', '100000'],
      ['T01', '40000'],
      ['T02', '30000'],
      ['P01', '20000'],
      ['P01A', '5000'],
    ];
    for (const [unit, value] of targets) await insertTarget(t.dataSource, planId, u[unit]!, ind.DWZJ!, value);
    for (const user of ['admin', 'admin2', 'leader', 'rep_t01', 'rep_t02'])
      auth[user] = await bearer(t.http, user);
    // the units' October: 城关镇 1.2亿, 开发区 0.8亿 of its own, its 东区 0.3亿
    await report('T01', { DWZJ: '12000', XSLS: '3', WCPC: '1' }, 'rep_t01', 'admin');
    reportIds.P01 = await report('P01', { DWZJ: '8000', XSLS: '1', WCPC: '1' });
    await report('P01A', { DWZJ: '3000', XSLS: '0', WCPC: '0' });
    // a project the office itself (县本级) brought in, and one of 东区's
    await insertProject(t.dataSource, {
      name: '县本级引进智能装备产业园项目',
      unitId: u.XIAN!,
      agreedInvestmentWan: '150000',
      signedDate: '2026-09-18',
    });
    await insertProject(t.dataSource, {
      name: '东区新能源电池材料项目',
      unitId: u.P01A!,
      agreedInvestmentWan: '60000',
      signedDate: '2026-08-08',
    });
    await refreshYtd(t, planId);
  });
  afterAll(() => t.close());

  describe('with the setting off (the default)', () => {
    it('should say none, refuse a report of the root and answer the progress without （本级） lines', async () => {
      expect((await get(`/plans/${planId}`).expect(200)).body.ownFigures).toBe('none');
      const res = await t.http
        .put(`/api/v1/plans/${planId}/units/${u.XIAN}/reports/2026-10`)
        .set('Authorization', auth.admin!)
        .send({ values: [{ indicatorId: ind.DWZJ, value: '10000' }] })
        .expect(422);
      expect(res.body.details[0]).toMatchObject({ field: 'unitId', code: 'notReportingUnit' });
      expect(
        (
          await t.dataSource.query('SELECT count(*)::int AS n FROM monthly_report WHERE unit_id = $1', [
            u.XIAN,
          ])
        )[0].n,
      ).toBe(0);
      const body = await progress();
      expect(body).not.toHaveProperty('own');
      // the county's figure is its units' (the ledger's 县本级 project counts in it, as before)
      expect(cellOf(body.cells, 'XIAN', 'DWZJ')).toMatchObject({ actual: '23000' });
      expect(cellOf(body.cells, 'XIAN', 'QYZTZ')).toMatchObject({ actual: '210000' });
      const list = (await get(`/plans/${planId}/reports?month=2026-10`).expect(200)).body;
      expect(list.missingUnitIds).not.toContain(u.XIAN);
    });
  });

  describe('the setting', () => {
    it('should refuse an unknown value with its field, writing nothing', async () => {
      const res = await patchPlan({ ownFigures: 'county' }, 400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'ownFigures' })]),
      );
      expect((await get(`/plans/${planId}`).expect(200)).body.ownFigures).toBe('none');
    });

    it('should be changed by the office only, audited with its before and after', async () => {
      const plan = await get(`/plans/${planId}`).expect(200);
      await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.leader!)
        .send({ version: plan.body.version, ownFigures: 'root' })
        .expect(403);
      const res = await patchPlan({ ownFigures: 'root' });
      expect(res.body.ownFigures).toBe('root');
      const [event] = await t.dataSource.query(
        `SELECT before, after FROM audit_event WHERE action = 'plan.update' AND object_id = $1 ORDER BY id DESC LIMIT 1`,
        [String(planId)],
      );
      expect(JSON.stringify(event.before)).toContain('"ownFigures":"none"');
      expect(JSON.stringify(event.after)).toContain('"ownFigures":"root"');
    });
  });

  describe('县本级 reporting (ownFigures: root)', () => {
    it("should count the root among the month's reporting units: missing until the office enters its report", async () => {
      const list = (await get(`/plans/${planId}/reports?month=2026-10`).expect(200)).body;
      expect(list.missingUnitIds).toContain(u.XIAN);
      const dashboard = (await get(`/plans/${planId}/dashboard?month=2026-10`).expect(200)).body;
      expect(dashboard.missingReports.map((r: { unitId: number }) => r.unitId)).toContain(u.XIAN);
      const months = (await get(`/plans/${planId}/months`).expect(200)).body;
      const october = months.items.find((m: { month: string }) => m.month === '2026-10');
      // 示范县 and its five units
      expect(october.reports.expected).toBe(6);
      // a reporter of a town still cannot write the root's report
      await t.http
        .put(`/api/v1/plans/${planId}/units/${u.XIAN}/reports/2026-10`)
        .set('Authorization', auth.rep_t01!)
        .send({ values: [{ indicatorId: ind.DWZJ, value: '10000' }] })
        .expect(404);
    });

    it('should roll the approved root report into the county once, and show each parent’s （本级） line', async () => {
      // 县本级's own October: 1亿 in place (the office enters it, another clerk approves: four-eyes)
      reportIds.XIAN = await report('XIAN', { DWZJ: '10000', XSLS: '2', WCPC: '3' });
      // its form compares its own figures with its own part of the target: 1亿 of the 1亿 its units do not carry
      expect(await lineOf('XIAN', 'DWZJ')).toMatchObject({ value: '10000', target: '10000' });
      expect(await lineOf('P01', 'DWZJ')).toMatchObject({ value: '8000', target: '15000' });
      const body = await progress();
      // 1 (县本级) + 1.2 (城关镇) + 0.8 (开发区) + 0.3 (东区) = 3.3亿, the root's own part counted once
      expect(cellOf(body.cells, 'XIAN', 'DWZJ')).toMatchObject({
        actual: '33000',
        target: '100000',
        completion: '0.33',
      });
      expect(cellOf(body.cells, 'P01', 'DWZJ')).toMatchObject({ actual: '11000' });
      const own: Cell[] = body.own;
      // 县本级（本级）: its own 1亿 against the 1亿 its units do not carry
      expect(cellOf(own, 'XIAN', 'DWZJ')).toMatchObject({
        actual: '10000',
        target: '10000',
        completion: '1',
      });
      expect(cellOf(own, 'XIAN', 'XSLS')).toMatchObject({ actual: '2', target: null, completion: null });
      // the ledger's 县本级 project is the root's own: 21亿 signed in the county, 15亿 by the office itself
      expect(cellOf(body.cells, 'XIAN', 'QYZTZ')).toMatchObject({ actual: '210000' });
      expect(cellOf(own, 'XIAN', 'QYZTZ')).toMatchObject({ actual: '150000' });
      // 开发区（本级）: 0.8亿 of its 2亿 less 东区's 0.5亿
      expect(cellOf(own, 'P01', 'DWZJ')).toMatchObject({ actual: '8000', target: '15000' });
      // a unit with no units below it has no （本级） line, nor does a rate
      expect(own.filter((c) => c.unitId === u.T01 || c.unitId === u.P01A)).toEqual([]);
      expect(own.filter((c) => c.indicatorId === ind.KGL)).toEqual([]);
      // own parts and the children add up to the parent exactly
      const children = ['T01', 'T02', 'D01', 'P01'].map((code) =>
        Number(cellOf(body.cells, code, 'DWZJ')!.actual),
      );
      expect(Number(cellOf(own, 'XIAN', 'DWZJ')!.actual) + children.reduce((a, b) => a + b, 0)).toBe(33000);

      // the unit card (scorecard) of a parent carries its （本级） cells beside its whole ones
      const scorecard = async (unit: string) =>
        (await get(`/plans/${planId}/units/${u[unit]}/scorecard?month=2026-10`).expect(200)).body;
      const park = await scorecard('P01');
      expect(park.cells.find((c: { code: string }) => c.code === 'DWZJ')).toMatchObject({
        actual: '11000',
        target: '20000',
      });
      expect(park.ownCells.find((c: { code: string }) => c.code === 'DWZJ')).toMatchObject({
        actual: '8000',
        target: '15000',
        display: { completionPct: '53.33' },
      });
      expect(
        (await scorecard('XIAN')).ownCells.find((c: { code: string }) => c.code === 'DWZJ'),
      ).toMatchObject({
        actual: '10000',
        target: '10000',
      });
      expect(await scorecard('P01A')).not.toHaveProperty('ownCells');

      const dashboard = (await get(`/plans/${planId}/dashboard?month=2026-10`).expect(200)).body;
      const headline = dashboard.headlines.find((h: { code: string }) => h.code === 'DWZJ');
      expect(headline).toMatchObject({ actual: '33000', completion: '0.33' });
      expect(dashboard.missingReports.map((r: { unitId: number }) => r.unitId)).not.toContain(u.XIAN);
    });

    it('should never rank the root: its own figures are no competitor', async () => {
      await patchPlan({
        rankingGroups: [
          { code: 'towns', name: '乡镇', categories: ['town'] },
          { code: 'others', name: '县直部门及园区', categories: ['department', 'park'] },
        ],
        scoring: {
          items: [
            { code: 'dwzj', name: '实际到位资金', method: 'completion', indicator: 'DWZJ', weight: '10' },
          ],
        },
      });
      const ranking = (await get(`/plans/${planId}/ranking?month=2026-10`).expect(200)).body;
      const ranked = ranking.rows.map((r: { unitId: number }) => r.unitId);
      // 县本级 reports, but is no competitor: the county's figure is everybody's
      expect(ranked).not.toContain(u.XIAN);
      expect(ranked).toEqual(expect.arrayContaining([u.T01, u.T02, u.D01, u.P01, u.P01A]));
      // 开发区 is ranked on its whole figure (own + 东区): 1.1亿 of 2亿 = 55% → 5.5 points
      const park = ranking.rows.find((r: { unitId: number }) => r.unitId === u.P01);
      expect(park.total).toBe('5.5');
    });
  });

  describe('the 通报 of a month closed with 县本级 reporting', () => {
    it('should print 其中：县本级 under each headline and the （本级） lines in its Excel figures', async () => {
      await t.http
        .post(`/api/v1/plans/${planId}/months/2026-10/close`)
        .set('Authorization', auth.admin!)
        .send({})
        .expect(200);
      await t.app.get(MonthCloseHooks).idle();
      const path = `/plans/${planId}/months/2026-10/briefing`;
      const doc = await readDocx((await download(t.http, auth.admin!, `${path}.docx`)).body);
      const figures = doc.tables.find((tb) => tb[0]!.join('|').startsWith('指标|单位|年度目标|累计完成'))!;
      const dwzj = figures.findIndex((row) => row[0] === '实际到位资金');
      // the county 3.3亿 of 10亿; of which 县本级 1亿 of the 1亿 its units do not carry
      expect(figures[dwzj]!.slice(2, 5)).toEqual(['10.00', '3.30', '33.00%']);
      expect(figures[dwzj + 1]![0]).toContain('其中：示范县（本级）');
      expect(figures[dwzj + 1]!.slice(2, 5)).toEqual(['1.00', '1.00', '100.00%']);

      const book = await readXlsx((await download(t.http, auth.admin!, `${path}.xlsx`)).body);
      const sheet = book.getWorksheet('指标完成情况')!;
      const names: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 3) names.push(String(row.getCell(1).value).trim());
      });
      expect(names.slice(0, 2)).toEqual(['示范县', '示范县（本级）']);
      expect(names.indexOf('县经济开发区（本级）')).toBe(names.indexOf('县经济开发区') + 1);
      expect(names).not.toContain('城关镇（本级）');
    });
  });

  describe('the parents only (ownFigures: parents)', () => {
    it('should keep the root out of reporting but show the parents’ （本级） lines', async () => {
      await patchPlan({ ownFigures: 'parents' });
      const body = await progress();
      const own: Cell[] = body.own;
      expect(own.some((c) => c.unitId === u.XIAN)).toBe(false);
      expect(cellOf(own, 'P01', 'DWZJ')).toMatchObject({ actual: '8000', target: '15000' });
      const list = (await get(`/plans/${planId}/reports?month=2026-10`).expect(200)).body;
      expect(list.missingUnitIds).not.toContain(u.XIAN);
      await patchPlan({ ownFigures: 'none' });
      expect(await progress()).not.toHaveProperty('own');
      // as before: a parent's form shows its whole target, its card no （本级） cells
      expect(await lineOf('P01', 'DWZJ')).toMatchObject({ target: '20000' });
      const card = (await get(`/plans/${planId}/units/${u.P01}/scorecard?month=2026-10`).expect(200)).body;
      expect(card).not.toHaveProperty('ownCells');
    });
  });
});
