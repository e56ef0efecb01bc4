import { Module } from '@nestjs/common';

import { ChainsModule } from '../chains/chains.module';
import { MonthCloseModule } from '../month-close/month-close.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RankingsModule } from '../rankings/rankings.module';
import { BriefingsController } from './briefings.controller';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';

/** The monthly 通报: .docx in 公文 style and its .xlsx appendix, versioned, drafted at each month close. */
@Module({
  imports: [RankingsModule, MonthCloseModule, NotificationsModule, ChainsModule],
  controllers: [BriefingsController],
  providers: [BriefingsRepository, BriefingsService],
})
export class BriefingsModule {}
