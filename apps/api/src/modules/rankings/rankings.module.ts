import { Module } from '@nestjs/common';

import { MonthScoringService } from './month-scoring.service';
import { PlansModule } from '../plans/plans.module';
import { RankingSnapshotsRepository } from './ranking-snapshots.repository';
import { RankingSnapshotsService } from './ranking-snapshots.service';
import { RankingsController } from './rankings.controller';
import { RankingsRepository } from './rankings.repository';
import { RankingsService } from './rankings.service';
import { ScoredMonthsService } from './scored-months.service';
import { ScoringRunner } from './scoring-runner';

/**
 * Scores, rankings and scorecards: a month scored live (MonthScoringService, kept by ScoredMonthsService) or read
 * from its frozen snapshot (the snapshot tables are this module's; the month-close module writes them through
 * RankingSnapshotsService).
 */
@Module({
  imports: [PlansModule],
  controllers: [RankingsController],
  providers: [
    RankingsRepository,
    RankingSnapshotsRepository,
    RankingSnapshotsService,
    RankingsService,
    ScoredMonthsService,
    MonthScoringService,
    ScoringRunner,
  ],
  exports: [RankingsService, MonthScoringService, RankingSnapshotsService],
})
export class RankingsModule {}
