import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan, insertTarget } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

process.env.TZ = 'UTC';
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };

/**
 * Not every indicator every month (issue 16 rule 11, docs/scoring.md §11): 外出招商批次 reported quarterly, 项目线索
 * optional. A month not reported is no row (never 0), a report is submitted without them, and the scorecard says
 * which month's figure it used (数据截至6月).
 */
describe('quarterly and optional indicators (e2e)', () => {
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
    await t.dataSource.query(`UPDATE plan SET ranking_groups = $2, scoring = $3 WHERE id = $1`, [
      planId,
      JSON.stringify([{ code: 'towns', name: '乡镇', categories: ['town'] }]),
      JSON.stringify({
        items: [
          { code: 'trips', name: '外出招商', method: 'completion', indicator: 'WCPC', weight: '10' },
          { code: 'leads', name: '项目线索', method: 'completion', indicator: 'XSLS', weight: '10' },
        ],
      }),
    ]);
    await insertTarget(t.dataSource, planId, units.T01!, ind.WCPC!, '12');
    await insertTarget(t.dataSource, planId, units.T01!, ind.XSLS!, '24');
    for (const user of ['admin', 'leader', 'rep_t01']) auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const patchIndicator = async (id: number, body: Record<string, unknown>, status = 200) => {
    const list = await t.http.get(`/api/v1/plans/${planId}/indicators`).set('Authorization', auth.admin!);
    const version = list.body.items.find((i: { id: number }) => i.id === id).version;
    return t.http
      .patch(`/api/v1/indicators/${id}`)
      .set('Authorization', auth.admin!)
      .send({ version, ...body })
      .expect(status);
  };
  const save = (month: string, values: Array<{ indicatorId: number; value: string }>, version?: number) =>
    t.http
      .put(`/api/v1/plans/${planId}/units/${units.T01}/reports/${month}`)
      .set('Authorization', auth.rep_t01!)
      .send({ values, confirmWarnings: true, ...(version ? { version } : {}) });
  const submitAndApprove = async (body: { id: number; version: number }) => {
    const submitted = await t.http
      .post(`/api/v1/reports/${body.id}/submit`)
      .set('Authorization', auth.rep_t01!)
      .send({ version: body.version });
    if (submitted.status !== 200) return submitted;
    return t.http
      .post(`/api/v1/reports/${body.id}/approve`)
      .set('Authorization', auth.admin!)
      .send({ version: submitted.body.version })
      .expect(200);
  };
  const scorecard = async (month: string) =>
    (
      await t.http
        .get(`/api/v1/plans/${planId}/units/${units.T01}/scorecard?month=${month}`)
        .set('Authorization', auth.leader!)
        .expect(200)
    ).body;

  it('should let a reported indicator be quarterly or optional, and no other', async () => {
    expect((await patchIndicator(ind.WCPC!, { reportFrequency: 'quarterly' })).body.reportFrequency).toBe(
      'quarterly',
    );
    expect((await patchIndicator(ind.XSLS!, { reportFrequency: 'optional' })).body.reportFrequency).toBe(
      'optional',
    );
    const refused = await patchIndicator(ind.QYZTZ!, { reportFrequency: 'quarterly' }, 400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'reportFrequency', code: 'reportedOnly' }),
    ]);
  });

  it('should submit a month without the quarterly and optional figures, and refuse a quarterly one outside its months', async () => {
    const wrongMonth = await save('2026-04', [
      { indicatorId: ind.DWZJ!, value: '500' },
      { indicatorId: ind.WCPC!, value: '2' },
    ]).expect(400);
    expect(wrongMonth.body.details).toEqual([
      expect.objectContaining({ field: 'values.1.value', code: 'notReportMonth' }),
    ]);
    const april = await save('2026-04', [
      { indicatorId: ind.DWZJ!, value: '500' },
      { indicatorId: ind.XSLS!, value: '5' },
    ]).expect(200);
    const lines = Object.fromEntries(
      april.body.lines.map((l: { code: string; isRequired: boolean }) => [l.code, l.isRequired]),
    );
    expect(lines).toEqual({ XSLS: false, DWZJ: true, WCPC: false });
    await submitAndApprove(april.body);
    // "not reported" is no row, never 0
    const rows = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM report_value WHERE report_id = $1 AND indicator_id = $2',
      [april.body.id, ind.WCPC],
    );
    expect(rows[0].n).toBe(0);
  });

  it('should ask the quarterly figure in June, then let it be left out in July and August', async () => {
    const june = await save('2026-06', [{ indicatorId: ind.DWZJ!, value: '300' }]).expect(200);
    const incomplete = await submitAndApprove(june.body);
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('外出招商批次');
    const juneFull = await save(
      '2026-06',
      [
        { indicatorId: ind.DWZJ!, value: '300' },
        { indicatorId: ind.WCPC!, value: '6' },
      ],
      june.body.version,
    ).expect(200);
    expect((await submitAndApprove(juneFull.body)).status).toBe(200);
    for (const month of ['2026-07', '2026-08']) {
      const saved = await save(month, [{ indicatorId: ind.DWZJ!, value: '100' }]).expect(200);
      expect((await submitAndApprove(saved.body)).status).toBe(200);
    }
  });

  it('should say in the scorecard which month each figure is of', async () => {
    const card = await scorecard('2026-08');
    const trips = card.cells.find((c: { code: string }) => c.code === 'WCPC');
    // 6 trips of 12 by June, measured against 1–6月 (50%): on pace, not 8.33 pp behind
    expect(trips).toMatchObject({ actual: '6', expected: '0.5', gapPp: '0', light: 'green' });
    expect(trips.display).toMatchObject({
      dataMonth: 6,
      timeProgress: '按季度报送，数据截至6月，按1–6月序时进度计算',
    });
    // 项目线索 last reported in April: its 5 is of April
    const leads = card.cells.find((c: { code: string }) => c.code === 'XSLS');
    expect(leads.actual).toBe('5');
    expect(leads.display).toMatchObject({ dataMonth: 4, timeProgress: '数据截至4月' });
    // a monthly indicator says nothing
    expect(card.cells.find((c: { code: string }) => c.code === 'DWZJ').display.timeProgress).toBeNull();
  });
});
