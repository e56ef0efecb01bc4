import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { BUSINESS_TIME_ZONE } from '@pacer/shared';

import { tickInstant } from '../../common/jobs/system-actor';
import { CLOSE_MONTH_JOB, MonthCloseJobsService } from './month-close-jobs.service';

/**
 * Month close (Asia/Shanghai, daily at 01:00, after the late reports were flagged at 00:20): every replica ticks,
 * the month of each plan is frozen once (MonthCloseJobsService through JobLockService).
 */
@Injectable()
export class MonthCloseCron {
  constructor(private readonly jobs: MonthCloseJobsService) {}

  @Cron('0 1 * * *', { name: CLOSE_MONTH_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  closeMonth(now?: Date) {
    return this.jobs.runCloseMonth(tickInstant(now));
  }
}
