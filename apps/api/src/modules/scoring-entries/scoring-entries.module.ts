import { Module } from '@nestjs/common';

import { PlansModule } from '../plans/plans.module';
import { ScoringEntriesController } from './scoring-entries.controller';
import { ScoringEntriesRepository } from './scoring-entries.repository';
import { ScoringEntriesService } from './scoring-entries.service';

/** Manual scoring entries (bonus and deduction items the engine reads): recorded, listed and withdrawn. */
@Module({
  imports: [PlansModule],
  controllers: [ScoringEntriesController],
  providers: [ScoringEntriesRepository, ScoringEntriesService],
})
export class ScoringEntriesModule {}
