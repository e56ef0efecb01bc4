import { Module } from '@nestjs/common';

import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';

/** 招商活动 (issue 17 part 2); the year-to-date summary (progress, global) is refreshed with every write. */
@Module({
  controllers: [ActivitiesController],
  providers: [ActivitiesRepository, ActivitiesService],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
