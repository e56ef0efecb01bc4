import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { BUSINESS_TIME_ZONE } from '@pacer/shared';

import { tickInstant } from '../../common/jobs/system-actor';
import { MARK_LATE_JOB, OPEN_MONTH_JOB, REMIND_JOB, ReportsJobsService } from './reports-jobs.service';

/**
 * The monthly report crons (Asia/Shanghai). Every replica ticks; ReportsJobsService runs each (job, plan, month)
 * once through JobLockService. Not registered when PACER_JOBS is off; e2e tests stop them.
 */
// waitForCompletion: a tick never overlaps the previous one in this process (and fireOnTick can be awaited)
@Injectable()
export class ReportsCron {
  constructor(private readonly jobs: ReportsJobsService) {}

  @Cron('10 0 * * *', { name: OPEN_MONTH_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  openMonth(now?: Date) {
    return this.jobs.runOpenMonth(tickInstant(now));
  }

  @Cron('20 0 * * *', { name: MARK_LATE_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  markLate(now?: Date) {
    return this.jobs.runMarkLate(tickInstant(now));
  }

  @Cron('0 9 * * *', { name: REMIND_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  remind(now?: Date) {
    return this.jobs.runRemind(tickInstant(now));
  }
}
