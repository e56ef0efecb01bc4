import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { CloseSummaryCheck } from './close-summary-check';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { MonthCloseHooks } from './month-close-hooks';
import { MonthsController } from './months.controller';
import { MonthsRepository } from './months.repository';
import { MonthsService } from './months.service';
import { RankingSnapshotsRepository } from './ranking-snapshots.repository';
import { RankingsJobsService } from './rankings-jobs.service';
import { RankingsController } from './rankings.controller';
import { RankingsCron } from './rankings.cron';
import { RankingsRepository } from './rankings.repository';
import { RankingsService } from './rankings.service';
import { ScoringEntriesController } from './scoring-entries.controller';
import { ScoringEntriesRepository } from './scoring-entries.repository';
import { ScoringEntriesService } from './scoring-entries.service';
import { ScoringRunner } from './scoring-runner';

/** Scores, rankings, month close (frozen snapshots), scorecards, the dashboard and manual scoring entries. */
@Module({
  imports: [NotificationsModule, PlansModule],
  controllers: [RankingsController, DashboardController, ScoringEntriesController, MonthsController],
  providers: [
    RankingsRepository,
    RankingSnapshotsRepository,
    RankingsService,
    DashboardRepository,
    DashboardService,
    ScoringEntriesRepository,
    ScoringEntriesService,
    RankingsJobsService,
    RankingsCron,
    MonthCloseHooks,
    ScoringRunner,
    MonthsRepository,
    MonthsService,
    CloseSummaryCheck,
  ],
  exports: [RankingsService, RankingSnapshotsRepository, MonthCloseHooks],
})
export class RankingsModule {}
