import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@pacer/shared';
import type { Response } from 'express';

import type { Actor } from '../../common/auth/principal';
import { ApiContract } from '../../common/decorators/api-contract.decorator';
import { CurrentActor, RequirePermission } from '../../common/decorators/auth.decorators';
import { sendKeptJson } from '../../common/http/kept-json';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { DashboardService } from './dashboard.service';
import { MonthQueryDto } from '../rankings/dto/rankings.dto';

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
  @ApiProduces('application/json')
  @ApiContract('DashboardResponse')
  @ApiResponse({
    status: 200,
    description:
      'DashboardResponse (@pacer/shared). A weak ETag names the data it was computed from (the same on every ' +
      'replica); send it back in If-None-Match to get 304 while the dashboard is unchanged',
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag: not modified, no body' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MonthQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendKeptJson(res, await this.dashboard.getDashboardBody(actor, id, query.month));
  }
}
