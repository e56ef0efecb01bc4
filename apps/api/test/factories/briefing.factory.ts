import type { TestApp } from '../create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  refreshYtd,
  seedJuneFigures,
} from './ranking.factory';
import { insertIndicators, insertTarget } from './report.factory';
import { insertUnits } from './unit.factory';
import { insertStandardUsers } from './user.factory';

export interface BriefingCounty {
  u: Record<string, number>;
  planId: number;
  ind: Record<string, number>;
}

/**
 * RANKING_COUNTY's June (rankings.e2e-spec.ts works its totals out by hand) plus June reports for the 通报's
 * 月报报送情况: 城关镇 and 县发展和改革局 on time, 青山镇 late, 白云镇, 石桥镇 and 县商务局 missing.
 */
export async function insertBriefingCounty(t: TestApp): Promise<BriefingCounty> {
  const u = await insertUnits(t.dataSource, RANKING_COUNTY);
  await insertStandardUsers(t.dataSource, u);
  const planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
  const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
  await seedJuneFigures(t, planId, u, ind);
  for (const [unit, isLate] of [
    ['T01', false],
    ['T02', true],
    ['D01', false],
  ] as const) {
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId: u[unit]!,
      month: '2026-06',
      values: {},
      isLate,
    });
  }
  await refreshYtd(t, planId);
  return { u, planId, ind };
}

/** 大河县's 40 towns, in tree order. */
export const RIVER_TOWNS = [
  '河口镇',
  '柳园镇',
  '杏花镇',
  '桃源镇',
  '龙泉镇',
  '凤凰镇',
  '金沙镇',
  '银山镇',
  '双河镇',
  '三元镇',
  '四方镇',
  '五里镇',
  '六合镇',
  '七星镇',
  '八里镇',
  '九龙镇',
  '十里镇',
  '清水镇',
  '长乐镇',
  '永安镇',
  '太平镇',
  '新华镇',
  '红旗镇',
  '胜利镇',
  '前进镇',
  '东风镇',
  '和平镇',
  '光明镇',
  '团结镇',
  '幸福镇',
  '安乐乡',
  '永丰乡',
  '长兴乡',
  '丰收乡',
  '兴隆乡',
  '富民乡',
  '平安乡',
  '大林乡',
  '小河乡',
  '高桥乡',
];

/**
 * 大河县: one ranking group of 40 towns, more than a 通报 charts or tables in full. Each town has 10亿 of 到位资金
 * and 10亿 of 签约总投资 to do; by March the n-th town (from 1) reported (41 − n) × 2000万 of 到位资金, so the
 * ranking follows the tree order, and nobody signed anything (40 red lights on 签约总投资). Only the first five
 * towns have a June report in, on time: 35 are missing.
 */
export async function insertRiverCounty(
  t: TestApp,
): Promise<{ planId: number; rootId: number; towns: Record<string, number> }> {
  const towns = await insertUnits(t.dataSource, [
    { code: 'DHX', name: '大河县', category: 'county' },
    ...RIVER_TOWNS.map((name, i) => ({
      code: `DH${String(i + 1).padStart(2, '0')}`,
      name,
      category: 'town',
      parent: 'DHX',
    })),
  ]);
  const rootId = towns.DHX!;
  const planId = await insertRankingPlan(t.dataSource, {
    rootUnitId: rootId,
    rankingGroups: [{ code: 'towns', name: '乡镇', categories: ['town'] }],
  });
  const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
  await insertTarget(t.dataSource, planId, rootId, ind.DWZJ!, '4000000');
  await insertTarget(t.dataSource, planId, rootId, ind.QYZTZ!, '4000000');
  for (const [i] of RIVER_TOWNS.entries()) {
    const unitId = towns[`DH${String(i + 1).padStart(2, '0')}`]!;
    await insertTarget(t.dataSource, planId, unitId, ind.DWZJ!, '100000');
    await insertTarget(t.dataSource, planId, unitId, ind.QYZTZ!, '100000');
    await insertApprovedReport(t.dataSource, {
      planId,
      unitId,
      month: '2026-03',
      values: { [ind.DWZJ!]: String((40 - i) * 2000) },
    });
    if (i < 5) await insertApprovedReport(t.dataSource, { planId, unitId, month: '2026-06', values: {} });
  }
  await refreshYtd(t, planId);
  return { planId, rootId, towns };
}
