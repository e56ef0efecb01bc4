import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type RemindResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseMonthPipe } from '../../common/pipes/parse-month.pipe';
import { ReportsJobsService } from './reports-jobs.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportRemindersController {
  constructor(private readonly jobs: ReportsJobsService) {}

  @Post('plans/:id/months/:month/remind')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({
    summary:
      '催报: notify the reporters of every unit whose report for the month is not submitted (no report, draft or returned)',
  })
  remind(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<RemindResponse> {
    return this.jobs.remindNow(actor, id, month);
  }
}
