import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { ProjectsModule } from '../projects/projects.module';
import { LeadsController } from './leads.controller';
import { LeadsCron } from './leads.cron';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

/** 线索 (issue 17): leads with an owner, a status trail, follow-ups, reminders and 沉睡. */
@Module({
  imports: [NotificationsModule, ProjectsModule],
  controllers: [LeadsController],
  providers: [LeadsRepository, LeadsService, LeadsCron],
  exports: [LeadsService],
})
export class LeadsModule {}
