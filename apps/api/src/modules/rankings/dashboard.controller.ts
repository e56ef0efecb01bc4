import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DashboardResponse, Permission } from '@pacer/shared';

import type { Actor } from '../../common/auth/principal';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { DashboardService } from './dashboard.service';
import { MonthQueryDto } from './dto/rankings.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('plans')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get(':id/dashboard')
  @RequirePermission(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'Headline figures and their monthly trend, ranking per group, light matrix, late and missing reports, ' +
      'at-risk units: the whole dashboard in one call',
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MonthQueryDto,
  ): Promise<DashboardResponse> {
    return this.dashboard.getDashboard(actor, id, query.month);
  }
}
