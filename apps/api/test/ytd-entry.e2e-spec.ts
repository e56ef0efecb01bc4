import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { download, readXlsx, toXlsx, upload } from './support/xlsx-fixtures';

process.env.TZ = 'UTC';
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };

/**
 * Year-to-date entry (issue 16 rule 10, docs/scoring.md §10): 实际到位资金 entered as 累计; Pacer stores the month's
 * increment, asks a reason for a 累计 below the approved one, and keeps the approved increments adding up to the
 * latest approved 累计 whatever order months are approved in.
 */
describe('year-to-date entry (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    ind = await insertIndicators(t.dataSource, planId);
    for (const user of ['admin', 'rep_t01', 'rep_t02']) auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const unitReport = (unit: string, month: string) =>
    `/api/v1/plans/${planId}/units/${units[unit]}/reports/${month}`;
  const indicator = async (id: number) =>
    (
      await t.http.get(`/api/v1/plans/${planId}/indicators`).set('Authorization', auth.admin!).expect(200)
    ).body.items.find((i: { id: number }) => i.id === id);
  /** 项目线索 and 外出招商批次 as the month's figures, 实际到位资金 as 累计. */
  const values = (dwzj: Record<string, string>) => [
    { indicatorId: ind.XSLS!, value: '2' },
    { indicatorId: ind.DWZJ!, ...dwzj },
    { indicatorId: ind.WCPC!, value: '1' },
  ];
  const save = (unit: string, month: string, body: Record<string, unknown>) =>
    t.http.put(unitReport(unit, month)).set('Authorization', auth[`rep_${unit.toLowerCase()}`]!).send(body);
  const step = async (unit: string, id: number, action: 'submit' | 'approve', version: number) =>
    t.http
      .post(`/api/v1/reports/${id}/${action}`)
      .set('Authorization', action === 'submit' ? auth[`rep_${unit.toLowerCase()}`]! : auth.admin!)
      .send({ version })
      .expect(200);
  const summary = async (unit: string) =>
    (
      await t.dataSource.query(
        `SELECT month_no AS m, trim_scale(value)::text AS v FROM ytd_summary
          WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 ORDER BY month_no`,
        [planId, units[unit], ind.DWZJ],
      )
    ).map((r: { m: number; v: string }) => [r.m, r.v]);

  it('should let the plan say an indicator is entered year-to-date, only a reported amount or count', async () => {
    const dwzj = await indicator(ind.DWZJ!);
    expect(dwzj.entryMode).toBe('month');
    const patched = await t.http
      .patch(`/api/v1/indicators/${ind.DWZJ}`)
      .set('Authorization', auth.admin!)
      .send({ version: dwzj.version, entryMode: 'ytd' })
      .expect(200);
    expect(patched.body.entryMode).toBe('ytd');
    // a ledger indicator is not entered at all
    const ledger = await indicator(ind.QYZTZ!);
    const refused = await t.http
      .patch(`/api/v1/indicators/${ind.QYZTZ}`)
      .set('Authorization', auth.admin!)
      .send({ version: ledger.version, entryMode: 'ytd' })
      .expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'entryMode', code: 'ytdEntry' })]);
    // and a year-to-date indicator cannot become a rate (a level is entered as the month's figure)
    const toRatio = await t.http
      .patch(`/api/v1/indicators/${ind.DWZJ}`)
      .set('Authorization', auth.admin!)
      .send({ version: patched.body.version, kind: 'ratio', measure: '%' })
      .expect(400);
    expect(toRatio.body.details.map((d: { field: string }) => d.field)).toContain('entryMode');
  });

  it('should store the month derived from the 累计 and show the approved 累计 beside it', async () => {
    const jan = await save('T01', '2026-01', { values: values({ ytd: '300' }) }).expect(200);
    expect(jan.body.values).toContainEqual({ indicatorId: ind.DWZJ, value: '300', ytd: '300' });
    const janSubmitted = await step('T01', jan.body.id, 'submit', jan.body.version);
    await step('T01', jan.body.id, 'approve', janSubmitted.body.version);

    // February: 累计 800 after an approved 300 → the month's 500 (a value sent beside it is ignored)
    const feb = await save('T01', '2026-02', { values: values({ ytd: '800', value: '800' }) }).expect(200);
    expect(feb.body.values).toContainEqual({ indicatorId: ind.DWZJ, value: '500', ytd: '800' });
    const line = feb.body.lines.find((l: { indicatorId: number }) => l.indicatorId === ind.DWZJ);
    expect(line).toMatchObject({ entryMode: 'ytd', value: '500', ytd: '800', approvedYtdBefore: '300' });
    const febSubmitted = await step('T01', feb.body.id, 'submit', feb.body.version);
    await step('T01', feb.body.id, 'approve', febSubmitted.body.version);
    expect(await summary('T01')).toEqual(
      expect.arrayContaining([
        [1, '300'],
        [2, '800'],
      ]),
    );
  });

  it('should refuse the wrong shape: a month figure for a 累计 indicator, a 累计 for a monthly one', async () => {
    const noYtd = await save('T01', '2026-03', { values: values({ value: '100' }) }).expect(400);
    expect(noYtd.body.details).toEqual([
      expect.objectContaining({ field: 'values.1.ytd', code: 'isDefined' }),
    ]);
    const ytdOnMonthly = await save('T01', '2026-03', {
      values: [...values({ ytd: '900' }).slice(0, 2), { indicatorId: ind.WCPC, ytd: '3' }],
    }).expect(400);
    expect(ytdOnMonthly.body.details).toEqual([
      expect.objectContaining({ field: 'values.2.ytd', code: 'notYtdEntry' }),
    ]);
    expect(
      (
        await t.dataSource.query(
          'SELECT count(*)::int AS n FROM monthly_report WHERE unit_id = $1 AND month = $2',
          [units.T01, '2026-03'],
        )
      )[0].n,
    ).toBe(0);
  });

  it('should ask the reason of a 累计 below the approved one (422 with the field), then keep it for the reviewer', async () => {
    const refused = await save('T01', '2026-03', { values: values({ ytd: '750' }) }).expect(422);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'values.1.correctionReason', code: 'ytdBelowApproved' }),
    ]);
    expect(refused.body.message).toContain('低于此前已审核的累计800');
    const reason = '统计局核减：2月误报的到位资金50万元已退回';
    const mar = await save('T01', '2026-03', {
      values: values({ ytd: '750', correctionReason: `  ${reason} ` }),
    }).expect(200);
    expect(mar.body.values).toContainEqual({
      indicatorId: ind.DWZJ,
      value: '-50',
      ytd: '750',
      correctionReason: reason,
    });
    const line = mar.body.lines.find((l: { indicatorId: number }) => l.indicatorId === ind.DWZJ);
    expect(line).toMatchObject({ value: '-50', ytd: '750', correctionReason: reason });
    const submitted = await step('T01', mar.body.id, 'submit', mar.body.version);
    // the reviewer reads it on the report
    const read = await t.http
      .get(`/api/v1/reports/${mar.body.id}`)
      .set('Authorization', auth.admin!)
      .expect(200);
    expect(read.body.values).toContainEqual(expect.objectContaining({ correctionReason: reason }));
    await step('T01', mar.body.id, 'approve', submitted.body.version);
    expect(await summary('T01')).toEqual(
      expect.arrayContaining([
        [2, '800'],
        [3, '750'],
      ]),
    );
  });

  it('should keep the approved increments adding up to the latest approved 累计 when months are approved out of order', async () => {
    const feb = await save('T02', '2026-02', { values: values({ ytd: '500' }) }).expect(200);
    const febSubmitted = await step('T02', feb.body.id, 'submit', feb.body.version);
    // March is entered while February waits: against no approved 累计 yet, the month is the whole 900
    const mar = await save('T02', '2026-03', { values: values({ ytd: '900' }) }).expect(200);
    expect(mar.body.values).toContainEqual({ indicatorId: ind.DWZJ, value: '900', ytd: '900' });
    const marSubmitted = await step('T02', mar.body.id, 'submit', mar.body.version);
    await step('T02', mar.body.id, 'approve', marSubmitted.body.version);
    expect((await summary('T02')).find(([m]: [number]) => m === 3)).toEqual([3, '900']);
    // February approved after March: March becomes 900 − 500 = 400, the summary still ends at the 累计 900
    await step('T02', feb.body.id, 'approve', febSubmitted.body.version);
    const after = await t.http
      .get(`/api/v1/reports/${mar.body.id}`)
      .set('Authorization', auth.admin!)
      .expect(200);
    expect(after.body.values).toContainEqual({ indicatorId: ind.DWZJ, value: '400', ytd: '900' });
    expect(await summary('T02')).toEqual(
      expect.arrayContaining([
        [2, '500'],
        [3, '900'],
      ]),
    );
  });
  it('should read a 累计 column in the Excel import the same way, and refuse a correction there (no reason in a sheet)', async () => {
    const template = async () => {
      const res = await download(
        t.http,
        auth.admin!,
        `/templates/reports.xlsx?planId=${planId}&month=2026-04`,
      );
      expect(res.status).toBe(200);
      return readXlsx(res.body);
    };
    const fill = async (ytd: number) => {
      const wb = await template();
      const sheet = wb.getWorksheet('月度数据')!;
      const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      const column = headers.indexOf('实际到位资金累计（万元）');
      expect(column).toBeGreaterThan(0);
      // the month's figures stay month columns
      expect(headers).toContain('外出招商批次（次）');
      let row = 0;
      sheet.eachRow((r, n) => {
        if (String(r.getCell(1).value ?? '').includes('城关镇')) row = n;
      });
      sheet.getRow(row).getCell(column).value = ytd;
      return upload(t.http, auth.admin!, 'reports', await toXlsx(wb), { planId, month: '2026-04' });
    };
    // 累计 700 after an approved 750: a correction, which the sheet cannot explain
    const refused = await fill(700);
    expect(refused.status).toBe(200);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('请在“月度填报”中填写更正原因') }),
    ]);
    const preview = await fill(980);
    expect(preview.body.problems).toEqual([]);
    await t.http
      .post(`/api/v1/imports/${preview.body.id}/commit`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(200);
    const [april] = await t.dataSource.query(
      `SELECT trim_scale(v.value)::text AS value, trim_scale(v.ytd)::text AS ytd
         FROM report_value v JOIN monthly_report r ON r.id = v.report_id
        WHERE r.plan_id = $1 AND r.unit_id = $2 AND r.month = '2026-04' AND v.indicator_id = $3`,
      [planId, units.T01, ind.DWZJ],
    );
    expect(april).toEqual({ value: '230', ytd: '980' });
  });
});
