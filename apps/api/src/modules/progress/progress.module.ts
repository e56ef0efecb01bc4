import { Global, Module } from '@nestjs/common';

import { PlanSummaryRefresher } from '../plans/plan-summary-refresher.service';
import { PlansModule } from '../plans/plans.module';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { YtdSummaryRepository } from './ytd-summary.repository';
import { YtdSummaryService } from './ytd-summary.service';

/** The maintained year-to-date summary (global: every write that moves a YTD figure refreshes it) and progress. */
@Global()
@Module({
  imports: [PlansModule],
  controllers: [ProgressController],
  providers: [
    YtdSummaryRepository,
    YtdSummaryService,
    // the plans module's port to the summary (plans imports nothing of progress)
    { provide: PlanSummaryRefresher, useExisting: YtdSummaryService },
    ProgressRepository,
    ProgressService,
  ],
  exports: [YtdSummaryService, PlanSummaryRefresher, ProgressService],
})
export class ProgressModule {}
