import { Clock } from '../src/common/clock/clock.service';
import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  type IndicatorSpec,
  insertIndicators,
  insertPlan,
  insertProject,
  insertTarget,
  reportThroughApi,
} from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// issue 16: a reported rate is a level (defect 1), 0 ÷ 0 is no value (defect 2), ratios are compared exactly
// (defect 3), an indicator may lag the plan's time progress (rule 4) — through the summary, progress and scorecard.

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

const CATALOGUE: IndicatorSpec[] = [
  { code: 'LYL', name: '合同履约率', measure: '%', kind: 'ratio', source: 'reported' },
  { code: 'WZ', name: '实际使用外资', measure: '万元', kind: 'amount', source: 'reported' },
  {
    code: 'QYGS',
    name: '签约项目个数',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed' },
  },
  {
    code: 'KGGS',
    name: '开工项目个数',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'started' },
  },
  {
    code: 'KGL',
    name: '项目开工率',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: { kind: 'ratio', numerator: 'KGGS', denominator: 'QYGS' },
  },
  { code: 'XJ', name: '新建项目', measure: '个', kind: 'count', source: 'reported' },
  { code: 'XUJ', name: '续建项目', measure: '个', kind: 'count', source: 'reported' },
  {
    code: 'SSXM',
    name: '实施项目',
    measure: '个',
    kind: 'count',
    source: 'formula',
    formula: { kind: 'total', add: ['XJ', 'XUJ'] },
  },
  {
    code: 'KGZB',
    name: '开工项目占实施项目比重',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: { kind: 'ratio', numerator: 'KGGS', denominator: { add: ['XJ', 'XUJ'] } },
  },
];

interface Cell {
  unitId: number;
  indicatorId: number;
  actual: string;
  completion: string | null;
  expected: string;
  gapPp: string | null;
  light: string | null;
  hasValue?: boolean;
}

describe('ratios and time progress per indicator (e2e, issue 16)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, CATALOGUE);
    await t.dataSource.query(`UPDATE plan SET ranking_groups = $2, scoring = $3 WHERE id = $1`, [
      planId,
      JSON.stringify([{ code: 'towns', name: '乡镇', categories: ['town'] }]),
      JSON.stringify({
        items: [
          { code: 'start', name: '项目开工率', method: 'completion', indicator: 'KGL', weight: '10' },
          {
            code: 'startRank',
            name: '开工率名次',
            method: 'rank',
            indicator: 'KGL',
            weight: '10',
            step: '1',
          },
        ],
        indicators: { WZ: { timeProgress: { lagMonths: 1 } } },
      }),
    ]);
    for (const [unit, code, value] of [
      ['XIAN', 'LYL', '0.3'],
      ['T01', 'LYL', '0.3'],
      ['T01', 'KGL', '0.5'],
      ['T02', 'KGL', '0.5'],
      ['T01', 'WZ', '1200'],
    ] as const)
      await insertTarget(t.dataSource, planId, u[unit]!, ind[code]!, value);
    // 城关镇: 3 projects signed in 2026, one started → 开工率 1/3; 青山镇 none signed → 0 ÷ 0
    for (const [i, started] of [true, false, false].entries()) {
      await insertProject(t.dataSource, {
        code: `XM2026${i}`,
        name: `城关镇签约项目${i + 1}`,
        investorName: '深圳某新材料有限公司',
        unitId: u.T01!,
        agreedWan: '20000',
        signedDate: '2026-01-15',
        startedDate: started ? '2026-02-10' : null,
      });
    }
    for (const name of ['admin', 'leader', 'rep_t01']) auth[name] = await bearer(t.http, name);
    const reports = { reporter: auth.rep_t01!, admin: auth.admin! };
    await reportThroughApi(t.http, reports, {
      planId,
      unitId: u.T01!,
      month: '2026-01',
      values: { [ind.LYL!]: '0.5', [ind.WZ!]: '200', [ind.XJ!]: '2', [ind.XUJ!]: '0' },
      approve: true,
    });
    await reportThroughApi(t.http, reports, {
      planId,
      unitId: u.T01!,
      month: '2026-02',
      values: { [ind.LYL!]: '0.45', [ind.WZ!]: '300', [ind.XJ!]: '0', [ind.XUJ!]: '3' },
      approve: true,
    });
    await t.dataSource.transaction((m) => t.app.get(YtdSummaryService).refreshPlan(m, planId));
  });
  afterAll(() => t.close());

  const progress = async (month: string) => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/progress?month=${month}`)
      .set('Authorization', auth.leader!)
      .expect(200);
    return (unit: string, code: string): Cell =>
      res.body.cells.find((c: Cell) => c.unitId === u[unit] && c.indicatorId === ind[code]);
  };
  const scorecard = async (unit: string, month: string) =>
    (
      await t.http
        .get(`/api/v1/plans/${planId}/units/${u[unit]}/scorecard?month=${month}`)
        .set('Authorization', auth.leader!)
        .expect(200)
    ).body;

  it('should take a reported rate at its latest month (45%, not 95%) and not add it up the tree (defect 1)', async () => {
    const cell = await progress('2026-02');
    expect(cell('T01', 'LYL')).toMatchObject({
      actual: '0.45',
      completion: '1.5',
      light: 'green',
    });
    expect(cell('T01', 'LYL').hasValue).toBeUndefined();
    // the county has no figure of its own: "—", not 0.45 + 0 + … nor 0%
    expect(cell('XIAN', 'LYL')).toMatchObject({ completion: null, light: null, hasValue: false });
    // March: nothing reported since February, the latest figure stands
    expect((await progress('2026-03'))('T01', 'LYL').actual).toBe('0.45');
  });

  it('should show "—" without a light for 0 ÷ 0 and leave the unit unranked on the item (defect 2)', async () => {
    const cell = await progress('2026-06');
    expect(cell('T02', 'KGL')).toMatchObject({ completion: null, gapPp: null, light: null, hasValue: false });
    const card = await scorecard('T02', '2026-06');
    expect(card.cells.find((c: { code: string }) => c.code === 'KGL')).toMatchObject({
      light: null,
      hasValue: false,
    });
    expect(card.items.find((i: { code: string }) => i.code === 'startRank')).toMatchObject({
      isScored: false,
    });
    const t01 = await scorecard('T01', '2026-06');
    expect(t01.items.find((i: { code: string }) => i.code === 'startRank').inputs).toMatchObject({
      place: 1,
      ranked: 1,
    });
  });

  it('should keep 1/3 against 50% exactly on 序时进度 in August: gap 0, green (defect 3)', async () => {
    const cell = await progress('2026-08');
    expect(cell('T01', 'KGL')).toMatchObject({ gapPp: '0', light: 'green' });
    const card = await scorecard('T01', '2026-08');
    expect(card.cells.find((c: { code: string }) => c.code === 'KGL')).toMatchObject({
      gapPp: '0',
      light: 'green',
    });
  });

  it('should measure 外资 against (m−1)/12 beside the others at m/12 (rule 4)', async () => {
    // 500 of 1200 by February: 41.67%, on 1月 (8.33%) for 外资
    const cell = await progress('2026-02');
    expect(cell('T01', 'WZ').expected.startsWith('0.0833333')).toBe(true);
    expect(cell('T01', 'LYL').expected.startsWith('0.1666666')).toBe(true);
    const card = await scorecard('T01', '2026-02');
    expect(card.cells.find((c: { code: string }) => c.code === 'WZ').display.timeProgress).toBe(
      '数据滞后1个月，按1月序时进度计算',
    );
  });

  it('should roll a sum of indicators and a ratio over a sum up from their parts (rule 6)', async () => {
    const cell = await progress('2026-02');
    expect(cell('T01', 'SSXM').actual).toBe('5');
    expect(cell('XIAN', 'SSXM').actual).toBe('5');
    expect(cell('T02', 'SSXM').actual).toBe('0');
    // 1 started ÷ (2 new + 3 continued) at the town and at the county, from the county's summed parts
    const parts = await t.dataSource.query(
      `SELECT trim_scale(value)::text AS value, trim_scale(numerator)::text AS numerator,
              trim_scale(denominator)::text AS denominator
         FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no = 2`,
      [planId, u.XIAN, ind.KGZB],
    );
    expect(parts).toEqual([{ value: '0.2', numerator: '1', denominator: '5' }]);
    expect(cell('XIAN', 'KGZB').actual).toBe('0.2');
  });

  it('should refuse a sum formula on a ratio indicator through the API, naming the field', async () => {
    const res = await t.http
      .post(`/api/v1/plans/${planId}/indicators`)
      .set('Authorization', auth.admin!)
      .send({
        code: 'KFG',
        name: '开复工项目',
        measure: '%',
        kind: 'ratio',
        source: 'formula',
        formula: { kind: 'total', add: ['XJ', 'XUJ'] },
      });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('kind');
  });

  it('should create a total formula indicator and name the field of a bad per-indicator rule (rules 4 and 6)', async () => {
    const created = await t.http
      .post(`/api/v1/plans/${planId}/indicators`)
      .set('Authorization', auth.admin!)
      .send({
        code: 'KFG',
        name: '开复工项目',
        measure: '个',
        kind: 'count',
        source: 'formula',
        formula: { kind: 'total', add: ['KGGS', 'XUJ'] },
      });
    expect(created.status).toBe(201);
    const [{ version }] = await t.dataSource.query('SELECT version FROM plan WHERE id = $1', [planId]);
    const scoring = { items: [], indicators: { WZ: { timeProgress: { lagMonths: 12 } }, NOPE: {} } };
    const res = await t.http
      .patch(`/api/v1/plans/${planId}`)
      .set('Authorization', auth.admin!)
      .send({ version, scoring });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['scoring.indicators.WZ.timeProgress.lagMonths']),
    );
  });
});
