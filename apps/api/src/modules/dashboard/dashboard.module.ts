import { Module } from '@nestjs/common';

import { RankingsModule } from '../rankings/rankings.module';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** The dashboard in one call: views of the scored month (the rankings module's) plus live report discipline. */
@Module({
  imports: [RankingsModule],
  controllers: [DashboardController],
  providers: [DashboardRepository, DashboardService],
})
export class DashboardModule {}
