import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { ReportRemindersController } from './report-reminders.controller';
import { ReportRemindersRepository } from './report-reminders.repository';
import { ReportWorkflowService } from './report-workflow.service';
import { ReportsBatchService } from './reports-batch.service';
import { ReportsJobsService } from './reports-jobs.service';
import { ReportsController } from './reports.controller';
import { ReportsCron } from './reports.cron';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Monthly reports and their workflow (draft → submitted → approved | returned; audited unlock), and their jobs. */
@Module({
  imports: [NotificationsModule, PlansModule],
  controllers: [ReportsController, ReportRemindersController],
  providers: [
    ReportsRepository,
    ReportsService,
    ReportsBatchService,
    ReportWorkflowService,
    ReportRemindersRepository,
    ReportsJobsService,
    ReportsCron,
  ],
  exports: [ReportsService, ReportsBatchService],
})
export class ReportsModule {}
