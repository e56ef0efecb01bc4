import { Clock } from '../src/common/clock/clock.service';
import { PlansService } from '../src/modules/plans/plans.service';
import { RankingsRepository } from '../src/modules/rankings/rankings.repository';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators, insertProject } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

interface Row {
  unitId: number;
  unitName: string;
  total: string;
  items: Array<{ code: string; points: string }>;
}

/**
 * The live ranking is kept in memory per scoring data version (migration 1765000000000): every committed write to
 * what it reads must bump the version, so a kept month is never served stale. Figures as in rankings.e2e-spec.ts.
 */
describe('scoring data version and the live ranking kept in memory (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  let ind: Record<string, number>;
  let leader: string;

  const version = async () =>
    (await t.dataSource.query('SELECT version::text AS v FROM scoring_data_version'))[0].v as string;
  const rows = async () => {
    const res = await t.http
      .get(`/api/v1/plans/${planId}/ranking?month=2026-06`)
      .set('Authorization', leader)
      .expect(200);
    return res.body.rows as Row[];
  };
  const rowOf = (all: Row[], code: string) => all.find((r) => r.unitId === u[code])!;
  const points = (row: Row, item: string) => row.items.find((i) => i.code === item)!.points;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    leader = await bearer(t.http, 'leader');
  });
  afterAll(() => t.close());

  it('should bump the version once per committed writing transaction, never for a rollback or a draft text', async () => {
    const before = BigInt(await version());
    await t.dataSource.transaction(async (m) => {
      await m.query(`UPDATE unit SET sort_order = sort_order WHERE id = $1`, [u.T01]);
      await m.query(`UPDATE target SET value = value WHERE plan_id = $1`, [planId]);
      await m.query(`UPDATE plan SET name = name WHERE id = $1`, [planId]);
    });
    expect(BigInt(await version())).toBe(before + 1n);

    await t.dataSource
      .transaction(async (m) => {
        await m.query(`UPDATE unit SET name = '改名失败镇' WHERE id = $1`, [u.T01]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await t.dataSource.query(`UPDATE monthly_report SET progress_text = '补充说明' WHERE plan_id = $1`, [
      planId,
    ]);
    expect(BigInt(await version())).toBe(before + 1n);

    await t.dataSource.query(`UPDATE monthly_report SET is_late = is_late WHERE plan_id = $1`, [planId]);
    expect(BigInt(await version())).toBe(before + 2n);
    // the per-transaction marks are gone at commit
    expect(await t.dataSource.query('SELECT * FROM scoring_data_change')).toEqual([]);
  });

  it('should compute a month once and reuse it while nothing it reads has changed', async () => {
    const repository = t.app.get(RankingsRepository);
    const loads = jest.spyOn(repository, 'listTargets');
    try {
      const first = await rows();
      const second = await rows();
      expect(second).toEqual(first);
      expect(rowOf(first, 'T01').total).toBe('32');
      expect(loads).toHaveBeenCalledTimes(1);
    } finally {
      loads.mockRestore();
    }
  });

  it('should recompute after a target, a unit or a manual entry changed, whoever wrote it', async () => {
    await rows();
    // 签约 15亿 of a 15亿 target: 20 × 100% = 20 instead of 10
    await t.dataSource.query(
      `UPDATE target SET value = 150000 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3`,
      [planId, u.T01, ind.QYZTZ],
    );
    let now = await rows();
    expect(points(rowOf(now, 'T01'), 'signed')).toBe('20');
    expect(rowOf(now, 'T01').total).toBe('42');

    await t.dataSource.query(`UPDATE unit SET name = '城关街道' WHERE id = $1`, [u.T01]);
    now = await rows();
    expect(rowOf(now, 'T01').unitName).toBe('城关街道');

    await t.http
      .post(`/api/v1/plans/${planId}/scoring-entries`)
      .set('Authorization', await bearer(t.http, 'admin'))
      .send({
        unitId: u.T01,
        itemCode: 'integrity',
        month: '2026-06',
        counter: 'falsified',
        count: '1',
        reason: '城关镇6月上报的签约项目经核查系虚报',
      })
      .expect(201);
    now = await rows();
    expect(points(rowOf(now, 'T01'), 'integrity')).toBe('0.3');
    expect(rowOf(now, 'T01').total).toBe('41.8');
  });

  it('should credit counters and the signed list to the responsible unit, or by share when the plan says so', async () => {
    // a 500强 project of 城关镇 shared 60/40 with 白云镇
    await insertProject(t.dataSource, {
      code: 'XM2026-0101',
      name: '长三角新能源电池产业园项目',
      investorName: '华东新能源集团有限公司',
      unitId: u.T01!,
      agreedWan: '150000',
      signedDate: '2026-04-18',
      fortune500Kind: 'china',
      shares: [
        { unitId: u.T01!, pct: '60' },
        { unitId: u.T03!, pct: '40' },
      ],
    });
    let now = await rows();
    expect(points(rowOf(now, 'T01'), 'fortune500')).toBe('4');
    expect(points(rowOf(now, 'T03'), 'fortune500')).toBe('0');

    await t.dataSource.query(`UPDATE plan SET count_credit = 'share' WHERE id = $1`, [planId]);
    now = await rows();
    expect(points(rowOf(now, 'T01'), 'fortune500')).toBe('3.2');
    expect(points(rowOf(now, 'T03'), 'fortune500')).toBe('0.8');
    expect(points(rowOf(now, 'D02'), 'fortune500')).toBe('2');

    // the signed list, as the size bands read it: by share, rolled up, nothing under the lowest band (3亿)
    const repository = t.app.get(RankingsRepository);
    const plan = (await t.app.get(PlansService).findById(planId))!;
    const banded = {
      ...plan,
      scoring: {
        items: [
          {
            code: 'bands',
            name: '分档项目个数',
            method: 'band-shortfall' as const,
            base: '2',
            perMissing: '0.1',
            projects: 'signed',
            bands: [{ minWan: '100000', required: 1 }],
          },
        ],
      },
    };
    const list = await repository.listSignedProjects(banded, 6);
    const of = (unit: string) =>
      list
        .filter((p) => p.unitId === u[unit])
        .map((p) => [p.agreedWan, p.share])
        .sort();
    expect(of('T01')).toEqual([
      ['150000', '0.6'],
      ['150000', '1'],
    ]);
    expect(of('T03')).toEqual([['150000', '0.4']]);
    // 白云镇's own 6.75亿 project is under the band; the county holds each project once, whole
    expect(of('XIAN')).toEqual([
      ['120000', '1'],
      ['150000', '1'],
      ['150000', '1'],
      ['150000', '1'],
    ]);
  });
  it('should keep a frozen month apart from later data and re-read it after a re-close', async () => {
    const admin = await bearer(t.http, 'admin');
    const frozenT01 = async () => {
      const res = await t.http
        .get(`/api/v1/plans/${planId}/ranking?month=2026-06`)
        .set('Authorization', leader)
        .expect(200);
      expect(res.body.isFrozen).toBe(true);
      const card = await t.http
        .get(`/api/v1/plans/${planId}/units/${u.T01}/scorecard?month=2026-06`)
        .set('Authorization', leader)
        .expect(200);
      const row = rowOf(res.body.rows as Row[], 'T01');
      expect(card.body.total).toBe(row.total);
      return row.total;
    };
    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-06/close`)
      .set('Authorization', admin)
      .send({})
      .expect(200);
    // 19.5 + 签约 24亿 (the shared project's 60% included by the close's rebuild) of 15亿, capped: 20 + 3.2 + 0.3
    expect(await frozenT01()).toBe('43');

    await t.dataSource.query(
      `UPDATE target SET value = 300000 WHERE plan_id = $1 AND unit_id = $2 AND indicator_id = $3`,
      [planId, u.T01, ind.QYZTZ],
    );
    expect(await frozenT01()).toBe('43');

    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-06/close`)
      .set('Authorization', admin)
      .send({ reason: '城关镇签约项目目标调整后重新计算6月排名' })
      .expect(200);
    // 签约 24亿 of 30亿 = 80%: 16
    expect(await frozenT01()).toBe('39');
  });
});
