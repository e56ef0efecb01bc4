import { Injectable } from '@nestjs/common';
import { type CloseMonthResponse, parseMonth } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { Clock } from '../../common/clock/clock.service';
import { isCloseDue, reportingMonth } from '../../common/jobs/job-calendar';
import { JobLockService, type PlanJobResult } from '../../common/jobs/job-lock.service';
import { ScheduledPlansRepository } from '../../common/jobs/scheduled-plans.repository';
import { systemActor } from '../../common/jobs/system-actor';
import { PlansService } from '../plans/plans.service';
import { RankingSnapshotsService } from '../rankings/ranking-snapshots.service';
import { CloseNotices } from './close-notices';
import { CloseSummaryCheck } from './close-summary-check';
import { MonthCloseHooks } from './month-close-hooks.service';
import { MonthCloseService } from './month-close.service';

export const CLOSE_MONTH_JOB = 'rankings.close-month';

export type CloseMonthJobResult =
  | ({ closed: true } & CloseMonthResponse)
  /** frozenBefore: an administrator closed the month first; planNotPublished: the plan changed status meanwhile. */
  | { closed: false; planId: number; month: string; reason: 'frozenBefore' | 'planNotPublished' };

/**
 * Month close on the plan's day: from day `month_close_day` of the following month, the previous month's ranking is
 * computed on approved figures and frozen, once per (plan, month) through JobLockService, unless an administrator
 * froze it already (the job never re-closes: a re-close needs a reason, a person's).
 */
@Injectable()
export class MonthCloseJobsService {
  constructor(
    private readonly jobLock: JobLockService,
    private readonly plans: ScheduledPlansRepository,
    private readonly monthClose: MonthCloseService,
    private readonly planService: PlansService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly summaryCheck: CloseSummaryCheck,
    private readonly clock: Clock,
    private readonly closeHooks: MonthCloseHooks,
    private readonly closeNotices: CloseNotices,
  ) {}

  async runCloseMonth(now = this.clock.now()): Promise<Array<PlanJobResult<CloseMonthJobResult>>> {
    const month = reportingMonth(now);
    const plans = await this.plans.listPublished(parseMonth(month).year);
    // the drift notices a plan's close wrote, pushed once it committed
    const notices = new Map<number, number[]>();
    // the close notices to the plan's units, likewise
    const closeNotices = new Map<number, number[]>();
    return this.jobLock.runForPlans(CLOSE_MONTH_JOB, month, plans, {
      isDue: (plan) => isCloseDue(month, plan.monthCloseDay, now),
      work: (plan, manager) =>
        this.closeIn(
          manager,
          plan.id,
          month,
          now,
          (ids) => notices.set(plan.id, ids),
          (ids) => closeNotices.set(plan.id, ids),
        ),
      // the drift notices and the draft 通报, after the snapshot committed
      afterCommit: async (plan, result) => {
        await this.summaryCheck.pushNotices(notices.get(plan.id) ?? []);
        await this.closeNotices.push(closeNotices.get(plan.id) ?? []);
        if (result.closed)
          await this.closeHooks.closed({
            actor: systemActor(CLOSE_MONTH_JOB, month),
            planId: plan.id,
            month,
          });
      },
    });
  }

  /**
   * What MonthCloseService.closeMonth does (rebuild the year-to-date summary and report any drift, then freeze), inside
   * the job's transaction so the snapshot, its audit event and the job_run row commit together. closeMonth opens a
   * transaction of its own; once it accepts an outer manager this becomes one call to it.
   */
  private async closeIn(
    manager: EntityManager,
    planId: number,
    month: string,
    now: Date,
    noticesWritten: (ids: number[]) => void,
    closeNoticesWritten: (ids: number[]) => void = () => undefined,
  ): Promise<CloseMonthJobResult> {
    if (await this.snapshots.findHeader(planId, month, manager)) {
      return { closed: false, planId, month, reason: 'frozenBefore' };
    }
    const plan = await this.planService.findById(planId, manager);
    if (!plan || plan.status !== 'published')
      return { closed: false, planId, month, reason: 'planNotPublished' };
    const actor = systemActor(CLOSE_MONTH_JOB, month);
    noticesWritten(await this.summaryCheck.checkAndRebuild(manager, actor, plan, month));
    const frozen = await this.monthClose.freeze(manager, actor, plan, month, { at: now, reason: null });
    closeNoticesWritten(await this.closeNotices.record(manager, plan, month, null));
    return { closed: true, ...frozen };
  }
}
