import { Module } from '@nestjs/common';

import { ReportWorkflowService } from './report-workflow.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Monthly reports and their workflow (draft → submitted → approved | returned; audited unlock). */
@Module({
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, ReportWorkflowService],
  exports: [ReportsService],
})
export class ReportsModule {}
