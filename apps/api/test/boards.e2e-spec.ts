import type { ScoringConfig } from '@pacer/shared';

import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  RANKING_SCORING,
  refreshYtd,
} from './factories/ranking.factory';
import { insertIndicators, insertTarget } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { readDocx } from './support/docx-reader';
import { download } from './support/xlsx-fixtures';

// early December 2026: September has ended (time progress 75%)
const clock = { now: () => new Date('2026-12-03T02:00:00Z') };

/** 考核办法 with a 指标进度 board (红榜 on pace, 黑榜 behind) and a 流动红旗 gated on 实际到位资金 (issue 16 rules 8–9). */
const SCORING: ScoringConfig = {
  ...RANKING_SCORING,
  boards: [
    {
      code: 'progress',
      name: '指标进度榜',
      lists: {
        red: { size: 3, allOf: [{ type: 'onPace', indicators: ['DWZJ'] }] },
        black: { size: 2, allOf: [{ type: 'behindPace', indicators: ['DWZJ'] }] },
      },
    },
  ],
  awards: [{ code: 'banner', name: '流动红旗', gates: ['DWZJ'] }],
};

interface Entry {
  unitName: string;
}
interface Ranking {
  boards: Array<{
    code: string;
    pools: Array<{
      code: string;
      red: { rule: string; entries: Entry[] } | null;
      black: { rule: string; entries: Entry[] } | null;
    }>;
  }>;
  awards: Array<{
    code: string;
    pools: Array<{ code: string; rule: string; qualified: Entry[]; winners: Entry[] }>;
  }>;
}

describe('boards and awards: validated, frozen with the month, stated in the 通报 (e2e)', () => {
  let t: TestApp;
  let u: Record<string, number>;
  let planId: number;
  const auth: Record<string, string> = {};
  const ranking = async (month: string): Promise<Ranking> =>
    (
      await t.http
        .get(`/api/v1/plans/${planId}/ranking?month=${month}`)
        .set('Authorization', auth.leader!)
        .expect(200)
    ).body;
  const names = (entries: Entry[] | undefined) => (entries ?? []).map((e) => e.unitName);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    u = await insertUnits(t.dataSource, RANKING_COUNTY);
    await insertStandardUsers(t.dataSource, u);
    planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN!, scoring: SCORING });
    const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    for (const town of ['T01', 'T02', 'T03', 'T04'])
      await insertTarget(t.dataSource, planId, u[town]!, ind.DWZJ!, '100000');
    for (const dept of ['D01', 'D02']) await insertTarget(t.dataSource, planId, u[dept]!, ind.DWZJ!, '50000');
    // by September: 城关镇 80%, 青山镇 76% (on 75%), 白云镇 30%, 石桥镇 nothing; the departments 40% and 20%
    const september: Array<[string, string]> = [
      ['T01', '80000'],
      ['T02', '76000'],
      ['T03', '30000'],
      ['D01', '20000'],
      ['D02', '10000'],
    ];
    for (const [unit, value] of september) {
      await insertApprovedReport(t.dataSource, {
        planId,
        unitId: u[unit]!,
        month: '2026-09',
        values: { [ind.DWZJ!]: value },
      });
    }
    await refreshYtd(t, planId);
    for (const name of ['admin', 'leader']) auth[name] = await bearer(t.http, name);
  });
  afterEach(() => t.app.get(MonthCloseHooks).idle());
  afterAll(() => t.close());

  it('should refuse a bad board or award with 400, naming the field, and store nothing', async () => {
    const draftId = await insertRankingPlan(t.dataSource, {
      rootUnitId: u.XIAN!,
      year: 2027,
      status: 'draft',
    });
    const bad = {
      ...RANKING_SCORING,
      boards: [{ code: 'progress', name: '指标进度榜', lists: { black: { size: 0 } } }],
      awards: [{ code: 'banner', name: '流动红旗', gates: [] }],
    };
    const res = await t.http
      .patch(`/api/v1/plans/${draftId}`)
      .set('Authorization', auth.admin!)
      .send({ version: 1, scoring: bad })
      .expect(400);
    expect(res.body.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['scoring.boards.0.lists.black.size', 'isInt'],
      ['scoring.awards.0.gates', 'isArray'],
    ]);
    const [row] = await t.dataSource.query(`SELECT scoring FROM plan WHERE id = $1`, [draftId]);
    expect(row.scoring.boards).toBeUndefined();
  });

  it('should freeze the boards and awards with the month and keep them when the plan changes afterwards', async () => {
    await t.http
      .post(`/api/v1/plans/${planId}/months/2026-09/close`)
      .set('Authorization', auth.admin!)
      .send({})
      .expect(200);
    const frozen = await ranking('2026-09');
    const [towns, departments] = frozen.boards[0]!.pools;
    expect(towns!.red!.rule).toBe('综合得分前3名且实际到位资金达到序时进度的单位');
    expect(names(towns!.red!.entries)).toEqual(['城关镇', '青山镇']);
    expect(names(towns!.black!.entries)).toEqual(['石桥镇', '白云镇']);
    expect(names(departments!.red!.entries)).toEqual([]);
    expect(names(departments!.black!.entries)).toEqual(['县商务局']);
    expect(frozen.awards[0]!.pools.map((p) => [p.code, names(p.qualified), names(p.winners)])).toEqual([
      ['towns', ['城关镇', '青山镇'], ['城关镇']],
      ['departments', [], []],
    ]);

    // the rules change after the close: the frozen month still answers what was frozen
    await t.ownerDataSource.query(`UPDATE plan SET scoring = $2::jsonb WHERE id = $1`, [
      planId,
      JSON.stringify(RANKING_SCORING),
    ]);
    expect(await ranking('2026-09')).toMatchObject({ boards: frozen.boards, awards: frozen.awards });
  });

  it('should state each board’s lists and each award with its rule in words in the 通报', async () => {
    const got = await download(t.http, auth.admin!, `/plans/${planId}/months/2026-09/briefing.docx`);
    expect(got.status).toBe(200);
    const doc = await readDocx(got.body);
    expect(doc.paragraphs).toEqual(
      // a list's places in a small group are stated (issue 14 point 1: min(listSize, ⌊n/2⌋), docs/scoring.md §5)
      expect.arrayContaining([
        '（一）指标进度榜',
        '乡镇（街道）：红榜：综合得分前3名且实际到位资金达到序时进度的单位（本月2个单位符合，本组4个单位参加排名，按规则列2名）：城关镇（24.50分）、青山镇（23.30分）。' +
          '黑榜：综合得分后2名且实际到位资金低于序时进度的单位（本月2个单位符合）：石桥镇（0.50分）、白云镇（9.50分）。',
        '县直部门：红榜：综合得分前3名且实际到位资金达到序时进度的单位（本月无单位符合，本组2个单位参加排名，按规则列1名）。' +
          '黑榜：综合得分后2名且实际到位资金低于序时进度的单位（本月1个单位符合，本组2个单位参加排名，按规则列1名）：县商务局（6.50分）。',
        '（二）流动红旗',
        '乡镇（街道）：流动红旗评选实际到位资金达到序时进度的单位中综合得分最高的单位。本月达标单位2个（城关镇、青山镇），获评单位：城关镇（24.50分）。',
        '县直部门：流动红旗评选实际到位资金达到序时进度的单位中综合得分最高的单位。本月无单位达标，流动红旗空缺。',
      ]),
    );
  });
});
