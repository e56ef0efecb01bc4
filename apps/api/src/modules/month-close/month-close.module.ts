import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { RankingsModule } from '../rankings/rankings.module';
import { CloseNotices } from './close-notices';
import { CloseSummaryCheck } from './close-summary-check';
import { MonthCloseHooks } from './month-close-hooks.service';
import { MonthCloseJobsService } from './month-close-jobs.service';
import { MonthCloseCron } from './month-close.cron';
import { MonthCloseService } from './month-close.service';
import { MonthsController } from './months.controller';
import { MonthsRepository } from './months.repository';
import { MonthsService } from './months.service';

/**
 * The month close: close, freeze, re-close (MonthCloseService), the month-close job, the drift check of the
 * year-to-date summary, the hooks that follow a close (the draft 通报) and the month-close screen's list. Scoring and
 * the snapshot tables are the rankings module's.
 */
@Module({
  imports: [NotificationsModule, PlansModule, RankingsModule],
  controllers: [MonthsController],
  providers: [
    MonthCloseService,
    MonthCloseJobsService,
    MonthCloseCron,
    MonthCloseHooks,
    CloseSummaryCheck,
    CloseNotices,
    MonthsRepository,
    MonthsService,
  ],
  exports: [MonthCloseService, MonthCloseJobsService, MonthCloseHooks],
})
export class MonthCloseModule {}
