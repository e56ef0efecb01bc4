import { Module } from '@nestjs/common';

import { RankingsModule } from '../rankings/rankings.module';
import { ScoringEntriesController } from './scoring-entries.controller';
import { ScoringEntriesRepository } from './scoring-entries.repository';
import { ScoringEntriesService } from './scoring-entries.service';

/** Manual scoring entries (bonus and deduction items the engine reads): recorded, listed and withdrawn. */
@Module({
  imports: [RankingsModule],
  controllers: [ScoringEntriesController],
  providers: [ScoringEntriesRepository, ScoringEntriesService],
})
export class ScoringEntriesModule {}
