import { addMonths } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { systemActor } from '../../../common/jobs/system-actor';
import { CLOSE_MONTH_JOB } from '../../../modules/rankings/rankings-jobs.service';
import type { RankingsService } from '../../../modules/rankings/rankings.service';
import { DEMO_PLAN, DEMO_YEAR } from './plan.seed';
import { shanghai } from './random';

/** January–October are closed on the demo's today (2026-11-25); November is the month in progress. */
export const DEMO_CLOSED_MONTHS = 10;

/**
 * Freezes January–October as the month-close job would have on each close day (the 10th, 09:00), so the ranking
 * shows movement from February on and a November approval never moves a closed month. Runs in the seed's
 * transaction, after the year-to-date summary was built.
 */
export async function freezeDemoMonths(
  manager: EntityManager,
  rankings: RankingsService,
  planId: number,
): Promise<number> {
  for (let m = 1; m <= DEMO_CLOSED_MONTHS; m++) {
    const month = `${DEMO_YEAR}-${String(m).padStart(2, '0')}`;
    const closeDay = `${addMonths(month, 1)}-${String(DEMO_PLAN.monthCloseDay).padStart(2, '0')}`;
    await rankings.freezePlanMonth(manager, systemActor(CLOSE_MONTH_JOB, month), planId, month, {
      at: new Date(shanghai(closeDay, 9)),
      reason: null,
    });
  }
  return DEMO_CLOSED_MONTHS;
}
