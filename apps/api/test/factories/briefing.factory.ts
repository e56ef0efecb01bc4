import type { TestApp } from '../create-test-app';
import {
  insertApprovedReport,
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  refreshYtd,
  seedJuneFigures,
} from './ranking.factory';
import { insertIndicators } from './report.factory';
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
