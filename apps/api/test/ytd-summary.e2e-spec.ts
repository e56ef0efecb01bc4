import { Clock } from '../src/common/clock/clock.service';
import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  type IndicatorSpec,
  insertFund,
  insertIndicators,
  insertPlan,
  insertProject,
  type ProjectSpec,
  reportThroughApi,
  STANDARD_INDICATORS,
} from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { diffYtd, ytdFromScratch, ytdMaintained } from './support/ytd-from-scratch';

// The maintained summary against an independent from-scratch recomputation (test/support/ytd-from-scratch.ts),
// for every unit × indicator × month, through a seeded sequence of approvals, unlocks and ledger changes.

const clock = { now: () => new Date('2026-11-20T02:00:00Z') };

/** A small deterministic PRNG (mulberry32), so a failure replays exactly. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const CATALOGUE: IndicatorSpec[] = [
  ...STANDARD_INDICATORS,
  {
    code: 'BL',
    name: '开工率与综合到位率之比',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: { kind: 'ratio', numerator: 'KGL', denominator: 'ZHL' },
  },
  {
    code: 'XCL',
    name: '新材料产业链签约额',
    measure: '万元',
    kind: 'amount',
    source: 'ledger',
    ledgerRule: { measure: 'sum_agreed', event: 'signed', industryChains: ['新材料'] },
  },
  {
    code: 'ZDXM',
    name: '3–10亿元项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed', minAgreedWan: '30000', maxAgreedWan: '100000' },
  },
  {
    code: 'SJ500',
    name: '世界500强项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'signed', fortune500: ['world'] },
  },
  {
    code: 'FLZ',
    name: '非链主开工项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'started', chainLeader: false },
  },
  {
    code: 'ZJTX',
    name: '专精特新入库项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'registered', specialized: true },
  },
  {
    code: 'JWTC',
    name: '省外境外投产项目',
    measure: '个',
    kind: 'count',
    source: 'ledger',
    ledgerRule: { measure: 'count', event: 'producing', origins: ['out_of_province', 'overseas'] },
  },
  {
    code: 'ZHL',
    name: '综合到位率',
    measure: '%',
    kind: 'ratio',
    source: 'formula',
    formula: {
      kind: 'weighted',
      parts: [
        { numerator: 'KGGS', denominator: 'QYGS', weight: '0.5' },
        { numerator: 'SWDW', denominator: 'QYZTZ', weight: '0.5' },
      ],
    },
  },
];

const SAMPLE_COUNTY = [
  { code: 'ZZX', name: '样板县', category: 'county' },
  { code: 'Z01', name: '东城街道', category: 'town', parent: 'ZZX' },
  { code: 'Z02', name: '西城街道', category: 'town', parent: 'ZZX' },
  { code: 'Z03', name: '县商务局', category: 'department', parent: 'ZZX' },
  { code: 'Z04', name: '高新技术产业开发区', category: 'park', parent: 'ZZX' },
  { code: 'Z04A', name: '高新区北园', category: 'park', parent: 'Z04' },
  { code: 'Z05', name: '南山镇', category: 'town', parent: 'ZZX' },
];

describe('ytd_summary against a from-scratch recomputation (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let ytd: YtdSummaryService;
  const plans: Record<string, number> = {};
  const inds: Record<string, Record<string, number>> = {};
  const auth: Record<string, string> = {};
  const rnd = random(20260331);
  const projects: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    units = await insertUnits(t.dataSource, [...SMALL_COUNTY, ...SAMPLE_COUNTY]);
    await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, {
      username: 'rep_zzx',
      roles: ['reporter'],
      unitIds: [units.ZZX!],
      displayName: '样板县填报员',
    });
    for (const user of ['admin', 'sysadmin', 'rep_zzx']) auth[user] = await bearer(t.http, user);
    plans.zzx2026 = await insertPlan(t.dataSource, { rootUnitId: units.ZZX!, year: 2026 });
    plans.zzx2025 = await insertPlan(t.dataSource, { rootUnitId: units.ZZX!, year: 2025 });
    plans.xian2026 = await insertPlan(t.dataSource, { rootUnitId: units.XIAN!, year: 2026 });
    for (const [key, id] of Object.entries(plans))
      inds[key] = await insertIndicators(t.dataSource, id, CATALOGUE);
    ytd = t.app.get(YtdSummaryService);
  });
  afterAll(() => t.close());

  const zzxUnits = () => ['Z01', 'Z02', 'Z03', 'Z04', 'Z04A', 'Z05'].map((c) => units[c]!);
  const refreshUnits = (ids: number[]) => t.dataSource.transaction((m) => ytd.refreshForUnits(m, ids));

  /** Every plan's maintained rows equal the oracle's, for every unit × indicator × month. */
  const expectAllPlansTrue = async () => {
    for (const planId of Object.values(plans)) {
      const [maintained, scratch] = await Promise.all([
        ytdMaintained(t.dataSource, planId),
        ytdFromScratch(t.dataSource, planId),
      ]);
      expect(diffYtd(maintained, scratch)).toEqual([]);
      expect(maintained.size).toBe(scratch.size);
    }
  };

  const randomDate = () => {
    const year = rnd.pick([2025, 2026, 2026, 2026, 2027]);
    const month = 1 + Math.floor(rnd.next() * 12);
    const day = rnd.pick([1, 15, 28, new Date(Date.UTC(year, month, 0)).getUTCDate()]);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const AMOUNTS = ['5000.5', '29999.9999', '30000', '48000.1234', '99999.9999', '100000', '120000', '250000'];
  const SHARES = [
    ['60', '40'],
    ['50.5', '49.5'],
    ['33.3333', '33.3333', '33.3334'],
  ];
  const randomShares = (responsible: number) => {
    if (!rnd.chance(0.45)) return undefined;
    const pcts = rnd.pick(SHARES);
    // co-introducers from the same county, now and then one from the other county
    const pool = [...zzxUnits(), units.T01!].filter((u) => u !== responsible);
    const others: number[] = [];
    while (others.length < pcts.length - 1) {
      const u = rnd.pick(pool);
      if (!others.includes(u)) others.push(u);
    }
    return [responsible, ...others].map((unitId, i) => ({ unitId, pct: pcts[i]! }));
  };

  it('should agree after a batch of random projects and funds', async () => {
    for (let i = 0; i < 45; i++) {
      const unitId = rnd.pick(zzxUnits());
      const signed = rnd.chance(0.85) ? randomDate() : null;
      const started = signed && rnd.chance(0.5) ? randomDate() : null;
      const spec: ProjectSpec = {
        code: `ZZ-${String(i).padStart(3, '0')}`,
        name: `随机项目${i}`,
        investorName: `测试投资方${i}有限公司`,
        unitId,
        agreedWan: rnd.pick(AMOUNTS),
        origin: rnd.pick(['local', 'in_province', 'out_of_province', 'overseas'] as const),
        industryChain: rnd.pick(['新材料', '新能源', '生物医药', null]),
        fortune500Kind: rnd.pick([null, null, null, 'world', 'china', 'china_private'] as const),
        isChainLeader: rnd.chance(0.2),
        isSpecialized: rnd.chance(0.3),
        signedDate: signed,
        startedDate: started,
        producingDate: started && rnd.chance(0.5) ? randomDate() : null,
        registeredDate: rnd.chance(0.4) ? randomDate() : null,
        stage: rnd.chance(0.1) ? 'dropped' : started ? 'started' : signed ? 'signed' : 'negotiating',
        shares: randomShares(unitId),
      };
      const id = await insertProject(t.dataSource, spec);
      projects.push(id);
      if (rnd.chance(0.1))
        await t.dataSource.query(
          `UPDATE project SET is_excluded = true, excluded_reason = '政府投资项目' WHERE id = $1`,
          [id],
        );
      for (const month of ['2025-12', '2026-01', '2026-03', '2026-07', '2026-12', '2027-01']) {
        if (rnd.chance(0.35))
          await insertFund(t.dataSource, id, month, rnd.pick(['1200', '350.25', '8000.0001', '0']));
      }
    }
    await refreshUnits(zzxUnits());
    await refreshUnits([units.T01!]);
    await expectAllPlansTrue();
    // not a trivial agreement on zeros
    const nonZero = await t.dataSource.query(
      'SELECT count(DISTINCT indicator_id)::int AS n FROM ytd_summary WHERE plan_id = $1 AND value <> 0',
      [plans.zzx2026],
    );
    expect(nonZero[0].n).toBeGreaterThanOrEqual(12);
  });

  it('should agree through approvals, submissions that are not approved, unlocks and re-approvals', async () => {
    const who = { reporter: auth.rep_zzx!, admin: auth.admin! };
    const approved: number[] = [];
    const reporting = ['Z01', 'Z02', 'Z03', 'Z04', 'Z04A'];
    const done = new Set<string>();
    for (let i = 0; i < 14; i++) {
      const planKey = i < 11 ? 'zzx2026' : 'zzx2025';
      const unit = rnd.pick(reporting);
      const month = `${planKey === 'zzx2026' ? 2026 : 2025}-${String(1 + Math.floor(rnd.next() * 11)).padStart(2, '0')}`;
      if (done.has(`${planKey}:${unit}:${month}`)) continue;
      done.add(`${planKey}:${unit}:${month}`);
      const ind = inds[planKey]!;
      const values = {
        [ind.XSLS!]: String(Math.floor(rnd.next() * 9)),
        [ind.DWZJ!]: rnd.pick(['1500.75', '20000', '0', '333.3333']),
        [ind.WCPC!]: '2',
      };
      const approve = rnd.chance(0.75);
      const id = await reportThroughApi(t.http, who, {
        planId: plans[planKey]!,
        unitId: units[unit]!,
        month,
        values,
        approve,
      });
      if (approve) approved.push(id);
    }
    await expectAllPlansTrue();
    expect(approved.length).toBeGreaterThanOrEqual(5);

    for (const id of approved.slice(0, 3)) {
      const { version } = (
        await t.dataSource.query('SELECT version FROM monthly_report WHERE id = $1', [id])
      )[0];
      await t.http
        .post(`/api/v1/reports/${id}/unlock`)
        .set('Authorization', auth.admin!)
        .send({ version, reason: '数据核查后更正' })
        .expect(200);
    }
    await expectAllPlansTrue();

    const again = approved[0]!;
    const row = (
      await t.dataSource.query('SELECT plan_id, version FROM monthly_report WHERE id = $1', [again])
    )[0];
    const ind = Object.values(plans).indexOf(row.plan_id) === 0 ? inds.zzx2026! : inds.zzx2025!;
    const values = [ind.XSLS!, ind.DWZJ!, ind.WCPC!].map((indicatorId) => ({ indicatorId, value: '7' }));
    const saved = await t.http
      .put(`/api/v1/reports/${again}`)
      .set('Authorization', auth.rep_zzx!)
      .send({ version: row.version, values })
      .expect(200);
    const submitted = await t.http
      .post(`/api/v1/reports/${again}/submit`)
      .set('Authorization', auth.rep_zzx!)
      .send({ version: saved.body.version })
      .expect(200);
    await t.http
      .post(`/api/v1/reports/${again}/approve`)
      .set('Authorization', auth.admin!)
      .send({ version: submitted.body.version })
      .expect(200);
    await expectAllPlansTrue();

    // two approvals of the same plan at once: the plan lock serialises the recomputes, both land
    const ind26 = inds.zzx2026!;
    const both: number[] = [];
    for (const month of ['2026-10', '2026-11']) {
      const values = { [ind26.XSLS!]: '1', [ind26.DWZJ!]: '1000', [ind26.WCPC!]: '1' };
      both.push(
        await reportThroughApi(t.http, who, { planId: plans.zzx2026!, unitId: units.Z05!, month, values }),
      );
    }
    const versions = await t.dataSource.query(
      'SELECT id, version FROM monthly_report WHERE id = ANY($1) ORDER BY id',
      [both],
    );
    const results = await Promise.all(
      versions.map((r: { id: number; version: number }) =>
        t.http
          .post(`/api/v1/reports/${r.id}/approve`)
          .set('Authorization', auth.admin!)
          .send({ version: r.version }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await expectAllPlansTrue();
    const z05 = await t.dataSource.query(
      'SELECT month_no, trim_scale(value)::text AS v FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3 AND month_no >= 9 ORDER BY month_no',
      [plans.zzx2026, units.Z05, ind26.DWZJ],
    );
    expect(z05.map((r: { v: string }) => r.v)).toEqual(['0', '1000', '2000', '2000']);
  });

  it('should agree after each of a sequence of ledger changes', async () => {
    const mutations: Array<(id: number) => Promise<void>> = [
      (id) =>
        t.dataSource
          .query(`UPDATE project SET stage = 'dropped', dropped_date = '2026-08-31' WHERE id = $1`, [id])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(`UPDATE project SET stage = 'signed', dropped_date = NULL WHERE id = $1`, [id])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(`UPDATE project SET is_excluded = true, excluded_reason = '房地产项目' WHERE id = $1`, [id])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(`UPDATE project SET is_excluded = false, excluded_reason = NULL WHERE id = $1`, [id])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(`UPDATE project SET deleted_at = now(), deleted_reason = '重复录入' WHERE id = $1`, [id])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query('UPDATE project SET signed_date = $2 WHERE id = $1', [id, randomDate()])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query('UPDATE project SET started_date = $2 WHERE id = $1', [id, randomDate()])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query('UPDATE project SET agreed_investment_wan = $2 WHERE id = $1', [id, rnd.pick(AMOUNTS)])
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(
            'UPDATE project SET is_chain_leader = NOT is_chain_leader, is_specialized = NOT is_specialized WHERE id = $1',
            [id],
          )
          .then(() => undefined),
      (id) =>
        t.dataSource
          .query(
            `INSERT INTO project_fund (project_id, month, amount_wan) VALUES ($1, $2, $3)
           ON CONFLICT (project_id, month) DO UPDATE SET amount_wan = EXCLUDED.amount_wan`,
            [id, rnd.pick(['2026-02', '2026-05', '2026-11']), rnd.pick(['900', '12.3456'])],
          )
          .then(() => undefined),
      async (id) => {
        const [{ unit_id: responsible }] = await t.dataSource.query(
          'SELECT unit_id FROM project WHERE id = $1',
          [id],
        );
        const shares = randomShares(responsible) ?? [];
        await t.dataSource.transaction(async (m) => {
          await m.query('DELETE FROM project_share WHERE project_id = $1', [id]);
          for (const s of shares) {
            // 分成确认: a co-credited share may be pending or declined (it then counts for the responsible unit)
            const status = s.unitId === responsible ? 'confirmed' : rnd.pick(['confirmed', 'pending', 'declined']);
            await m.query(
              `INSERT INTO project_share (project_id, unit_id, share_pct, status, decline_reason)
               VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'declined' THEN '未参与项目洽谈' END)`,
              [id, s.unitId, s.pct, status],
            );
          }
        });
      },
      // a pending share confirmed, or a confirmed one put back to pending (an edit by the responsible unit)
      (id) =>
        t.dataSource
          .query(
            `UPDATE project_share s SET status = CASE WHEN s.status = 'confirmed' THEN 'pending' ELSE 'confirmed' END
               FROM project p
              WHERE p.id = s.project_id AND s.project_id = $1 AND s.unit_id <> p.unit_id`,
            [id],
          )
          .then(() => undefined),
    ];
    const creditedUnits = async (id: number): Promise<number[]> =>
      (
        await t.dataSource.query(
          'SELECT unit_id FROM project WHERE id = $1 UNION SELECT unit_id FROM project_share WHERE project_id = $1',
          [id],
        )
      ).map((r: { unit_id: number }) => r.unit_id);
    for (let step = 0; step < 21; step++) {
      const id = rnd.pick(projects);
      const before = await creditedUnits(id);
      await mutations[step % mutations.length]!(id);
      await refreshUnits([...before, ...(await creditedUnits(id))]);
      await expectAllPlansTrue();
    }
  });

  it('should agree with counts credited by share and after a unit moves in the tree', async () => {
    await t.dataSource.query(`UPDATE plan SET count_credit = 'share' WHERE id = $1`, [plans.zzx2026]);
    await t.dataSource.transaction((m) => ytd.refreshPlan(m, plans.zzx2026!));
    await expectAllPlansTrue();

    // 高新区北园 moves under 东城街道: the unit API rewrites the closure and rebuilds the plans of the tree itself
    const [{ version }] = await t.dataSource.query('SELECT version FROM unit WHERE id = $1', [units.Z04A]);
    await t.http
      .patch(`/api/v1/units/${units.Z04A}`)
      .set('Authorization', auth.sysadmin!)
      .send({ version, parentId: units.Z01 })
      .expect(200);
    await expectAllPlansTrue();

    // 南山镇 moves to the other county: it leaves the 样板县 plans and joins 示范县's, figures and all
    const [{ version: z05 }] = await t.dataSource.query('SELECT version FROM unit WHERE id = $1', [units.Z05]);
    await t.http
      .patch(`/api/v1/units/${units.Z05}`)
      .set('Authorization', auth.sysadmin!)
      .send({ version: z05, parentId: units.XIAN })
      .expect(200);
    await expectAllPlansTrue();
  });

  it('should give a new unit its rows, and keep agreeing through approvals of a deep unit (delta up three levels)', async () => {
    const created = await t.http
      .post('/api/v1/units')
      .set('Authorization', auth.sysadmin!)
      .send({ code: 'Z04A1', name: '北园智能装备产业园', category: 'park', parentId: units.Z04A })
      .expect(201);
    const newUnit: number = created.body.id;
    await expectAllPlansTrue();
    const rows = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM ytd_summary WHERE plan_id = $1 AND unit_id = $2',
      [plans.zzx2026, newUnit],
    );
    expect(rows[0].n).toBe(CATALOGUE.length * 12);

    await insertUser(t.dataSource, {
      username: 'rep_z04a1',
      roles: ['reporter'],
      unitIds: [newUnit],
      displayName: '北园产业园填报员',
    });
    const reporter = await bearer(t.http, 'rep_z04a1');
    const ind = inds.zzx2026!;
    for (const [month, dwzj] of [
      ['2026-03', '2500.5'],
      ['2026-06', '1200'],
    ] as const) {
      await reportThroughApi(
        t.http,
        { reporter, admin: auth.admin! },
        {
          planId: plans.zzx2026!,
          unitId: newUnit,
          month,
          values: { [ind.XSLS!]: '2', [ind.DWZJ!]: dwzj, [ind.WCPC!]: '1' },
          approve: true,
        },
      );
      await expectAllPlansTrue();
    }
    // the oracle above checked its ancestors; the park itself holds exactly 2500.5 + 1200 by June
    const june = await t.dataSource.query(
      `SELECT unit_id, trim_scale(value)::text AS v FROM ytd_summary
        WHERE plan_id = $1 AND indicator_id = $2 AND month_no = 6 AND unit_id = $3`,
      [plans.zzx2026, ind.DWZJ, newUnit],
    );
    expect(june[0].v).toBe('3700.5');
  });
});
