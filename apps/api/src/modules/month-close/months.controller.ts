import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type CloseMonthResponse, Permission, type PlanMonthsResponse } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { ParseMonthPipe } from '../../common/pipes/parse-month.pipe';
import { CloseMonthDto } from './dto/close-month.dto';
import { MonthCloseService } from './month-close.service';
import { MonthsService } from './months.service';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller('plans')
export class MonthsController {
  constructor(
    private readonly months: MonthsService,
    private readonly monthClose: MonthCloseService,
  ) {}

  @Get(':id/months')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'The twelve months of the plan year for the month close: ended or not, frozen (when, by whom, the re-close ' +
      'reason, the snapshot version), reports approved and submitted of the reporting units, and the 通报 versions ' +
      '(the current draft and the latest published; a reporter: its own units, published 通报 only)',
  })
  @ApiResponse({ status: 200, description: 'PlanMonthsResponse (@pacer/shared), January first' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<PlanMonthsResponse> {
    return this.months.list(actor, id);
  }

  @Post(':id/months/:month/close')
  @HttpCode(200)
  @RequirePermission(Permission.MonthsClose)
  @ApiOperation({
    summary:
      'Compute the month on approved figures and freeze its ranking; closing it again needs a reason (audited)',
  })
  close(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('month', ParseMonthPipe) month: string,
    @Body() dto: CloseMonthDto,
  ): Promise<CloseMonthResponse> {
    return this.monthClose.closeMonth(actor, id, month, dto.reason);
  }
}
