import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { BUSINESS_TIME_ZONE } from '@pacer/shared';

import { tickInstant } from '../../common/jobs/system-actor';
import { LeadsService, REMIND_JOB } from './leads.service';

/** 线索 reminders (Asia/Shanghai, daily at 08:30): each overdue next step is told once to its owner and unit. */
@Injectable()
export class LeadsCron {
  constructor(private readonly leads: LeadsService) {}

  @Cron('30 8 * * *', { name: REMIND_JOB, timeZone: BUSINESS_TIME_ZONE, waitForCompletion: true })
  remind(now?: Date) {
    return this.leads.remindOverdue(tickInstant(now));
  }
}
