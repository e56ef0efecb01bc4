import { Clock } from '../src/common/clock/clock.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertIndicators, insertPlan, reportThroughApi } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

process.env.TZ = 'UTC';
const clock = { instant: new Date('2026-11-03T02:00:00Z'), now: () => new Date(clock.instant) };

/**
 * Currencies (issue 16 rule 12, docs/scoring.md §12): 实际使用外资 in 万美元 beside 实际到位资金 in 万元 — never added
 * silently; a total that adds them names its exchange rate, and the summary converts at it.
 */
describe('amounts in 万美元 (e2e)', () => {
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
    for (const user of ['admin', 'rep_t01']) auth[user] = await bearer(t.http, user);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) =>
    t.http.post(`/api/v1/plans/${planId}/indicators`).set('Authorization', auth.admin!).send(body);

  it('should keep 万美元 apart: a total adding it to 万元 without a rate is refused naming the part', async () => {
    const wz = await create({
      code: 'WZDW',
      name: '实际使用外资',
      measure: '万美元',
      kind: 'amount',
      source: 'reported',
    }).expect(201);
    expect(wz.body.measure).toBe('万美元');
    ind.WZDW = wz.body.id;
    const mixed = await create({
      code: 'NWZ',
      name: '实际利用内外资',
      measure: '万元',
      kind: 'amount',
      source: 'formula',
      formula: { kind: 'total', add: ['DWZJ', 'WZDW'] },
    }).expect(422);
    expect(mixed.body.details).toEqual([
      expect.objectContaining({ field: 'formula.add.1', code: 'currencyMix' }),
    ]);
    const badRate = await create({
      code: 'NWZ',
      name: '实际利用内外资',
      measure: '万元',
      kind: 'amount',
      source: 'formula',
      formula: { kind: 'total', add: ['DWZJ', 'WZDW'], exchangeRate: '0' },
    }).expect(400);
    expect(badRate.body.details).toEqual([
      expect.objectContaining({ field: 'formula.exchangeRate', code: 'exchangeRate' }),
    ]);
    // a ratio of dollars over yuan is refused too
    const ratio = await create({
      code: 'WZZB',
      name: '外资占比',
      measure: '%',
      kind: 'ratio',
      source: 'formula',
      formula: { kind: 'ratio', numerator: 'WZDW', denominator: 'DWZJ' },
    }).expect(422);
    expect(ratio.body.details).toEqual([
      expect.objectContaining({ field: 'formula.denominator', code: 'currencyMix' }),
    ]);
  });

  it('should add them at an explicit rate, converting the dollars in the year-to-date summary', async () => {
    const total = await create({
      code: 'NWZ',
      name: '实际利用内外资',
      measure: '万元',
      kind: 'amount',
      source: 'formula',
      formula: { kind: 'total', add: ['DWZJ', 'WZDW'], exchangeRate: '7.1' },
    }).expect(201);
    await reportThroughApi(
      t.http,
      { reporter: auth.rep_t01!, admin: auth.admin! },
      {
        planId,
        unitId: units.T01!,
        month: '2026-01',
        values: { [ind.XSLS!]: '2', [ind.DWZJ!]: '25000', [ind.WCPC!]: '1', [ind.WZDW!]: '1200' },
        approve: true,
      },
    );
    const rows = await t.dataSource.query(
      `SELECT unit_id AS "unitId", indicator_id AS "indicatorId", trim_scale(value)::text AS value FROM ytd_summary
        WHERE plan_id = $1 AND month_no = 1 AND unit_id = ANY($2::int[]) AND indicator_id = ANY($3::int[])
        ORDER BY unit_id, indicator_id`,
      [planId, [units.T01, units.XIAN], [ind.WZDW, total.body.id]],
    );
    const of = (unit: number, id: number) =>
      rows.find((r: { unitId: number; indicatorId: number }) => r.unitId === unit && r.indicatorId === id)
        ?.value;
    // 25000 万元 + 1200 万美元 × 7.1 = 33520 万元; the dollars themselves stay 1200 万美元
    expect(of(units.T01!, total.body.id)).toBe('33520');
    expect(of(units.XIAN!, total.body.id)).toBe('33520');
    expect(of(units.T01!, ind.WZDW!)).toBe('1200');
  });
});
