import { addMonths } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { systemActor } from '../../../common/jobs/system-actor';
import { CLOSE_MONTH_JOB } from '../../../modules/month-close/month-close-jobs.service';
import type { MonthCloseService } from '../../../modules/month-close/month-close.service';
import { DEMO_PLAN } from './plan.seed';
import { shanghai } from './random';

/**
 * Freezes the calendar's closed months as the month-close job would have on each close day (the 10th, 09:00), so the ranking
 * shows movement from February on and an approval in the month under review never moves a closed month. Runs in the seed's
 * transaction, after the year-to-date summary was built.
 */
export async function freezeDemoMonths(
  manager: EntityManager,
  monthClose: MonthCloseService,
  planId: number,
  closedMonths: readonly string[],
): Promise<number> {
  for (const month of closedMonths) {
    const closeDay = `${addMonths(month, 1)}-${String(DEMO_PLAN.monthCloseDay).padStart(2, '0')}`;
    await monthClose.freezePlanMonth(manager, systemActor(CLOSE_MONTH_JOB, month), planId, month, {
      at: new Date(shanghai(closeDay, 9)),
      reason: null,
    });
  }
  return closedMonths.length;
}
