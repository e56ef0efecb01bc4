import { performance } from 'node:perf_hooks';

import {
  businessDate,
  changedUnits,
  parseMonth,
  reportDeadline,
  rescoreUnits,
  scorePlan,
  scoringSignatures,
} from '@pacer/shared';
import type { DataSource } from 'typeorm';

import { PlansRepository } from '../modules/plans/plans.repository';
import { toRankingResponse } from '../modules/rankings/ranking-views';
import { monthString, RankingsRepository } from '../modules/rankings/rankings.repository';
import {
  builtInCounters,
  LATE_START_MONTHS,
  type LoadedScoringData,
  referencedSources,
  toEngineInput,
  toScoredMonth,
} from '../modules/rankings/scoring-input';

export interface ProfileStep {
  name: string;
  ms: number;
  rows?: number;
}

/**
 * Where a live ranking spends its time, in process: each load statement of RankingsRepository (in the order and
 * the transaction MonthScoringService uses), the engine, the join with the tree and the JSON of the response.
 */
export async function profileLiveRanking(
  dataSource: DataSource,
  planId: number,
  month: string,
): Promise<ProfileStep[]> {
  const repo = new RankingsRepository(dataSource);
  const plans = new PlansRepository(dataSource);
  const steps: ProfileStep[] = [];
  const time = async <T>(name: string, work: () => Promise<T> | T, rows?: (v: T) => number): Promise<T> => {
    const started = performance.now();
    const value = await work();
    steps.push({ name, ms: performance.now() - started, ...(rows ? { rows: rows(value) } : {}) });
    return value;
  };
  const count = (v: unknown[]) => v.length;
  await dataSource.transaction('REPEATABLE READ', async (manager) => {
    const plan = (await time('findVisiblePlan', () => plans.findVisible(planId, null, manager)))!;
    const monthNo = parseMonth(month).month;
    const sources = referencedSources(plan.scoring);
    const today = businessDate(new Date());
    const overdueMonths = Array.from({ length: monthNo }, (_, i) => monthString(plan.year, i + 1)).filter(
      (m) => today > reportDeadline(m, plan.reportDeadlineDay),
    );
    const data: LoadedScoringData = {
      plan,
      monthNo,
      units: await time('listTreeUnits', () => repo.listTreeUnits(plan.rootUnitId, manager), count),
      indicators: await time('listIndicators', () => repo.listIndicators(plan.id, manager), count),
      targets: await time('listTargets', () => repo.listTargets(plan.id, manager), count),
      actuals: await time('listActuals', () => repo.listActuals(plan.id, monthNo, manager), count),
      counters: await time(
        'listCounters',
        () =>
          repo.listCounters(
            plan,
            builtInCounters(sources.counters),
            { monthNo, overdueMonths, lateStartMonths: LATE_START_MONTHS },
            manager,
          ),
        count,
      ),
      projects: await time(
        'listSignedProjects',
        () => repo.listSignedProjects(plan, monthNo, manager),
        count,
      ),
      manual: await time('listManualEntries', () => repo.listManualEntries(plan.id, month, manager), count),
      history: await time('listHistory', () => repo.listHistory(plan, manager), count),
    };
    const input = await time('toEngineInput', () => toEngineInput(data));
    const result = await time('scorePlan (engine)', () => scorePlan(input));
    const scored = await time('toScoredMonth', () =>
      toScoredMonth(data, result, { month, isFrozen: false, computedAt: null, reason: null }),
    );
    await time('toRankingResponse + JSON', () =>
      JSON.stringify(toRankingResponse(scored, { month: null, ranks: new Map() }, undefined)),
    );
    // an approval of a town, as the next scoring sees it: its actuals and its ancestors' moved (rescoreUnits)
    const signatures = await time('scoringSignatures', () => scoringSignatures(input));
    const town = data.units.find((u) => u.category === 'town')!;
    const path = new Set<number>();
    for (let at: number | null = town.id; at !== null;) {
      path.add(at);
      at = data.units.find((u) => u.id === at)!.parentId;
    }
    const approved = {
      ...input,
      actuals: input.actuals.map((a) => (path.has(a.unitId) ? { ...a, value: `${a.value}1` } : a)),
    };
    const after = await time('scoringSignatures (after the approval)', () => scoringSignatures(approved));
    const changed = await time(
      'changedUnits',
      () => changedUnits(signatures, after, new Set(input.units.map((u) => u.id)))!,
      (c) => c.size,
    );
    await time('rescoreUnits (the town and its ancestors)', () => rescoreUnits(result, approved, changed));
  });
  return steps;
}
